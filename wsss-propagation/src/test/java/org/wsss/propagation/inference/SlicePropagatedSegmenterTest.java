package org.wsss.propagation.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.SliceSegmenter;
import org.wsss.api.VoxelSpacing;
import org.wsss.grabcut.seeds.SeedGeometry;
import org.wsss.hnn.train.RoiSampler;
import org.wsss.propagation.Components;
import org.wsss.propagation.LesionSegmenters;
import org.wsss.propagation.assembly.IntensityStop;
import org.wsss.propagation.assembly.IntensityTrim;
import org.wsss.propagation.baseline.EllipsoidCase;
import org.wsss.propagation.geometry.Propagation;
import org.wsss.propagation.geometry.PropagationConfig;

/**
 * 3D inference with stand-in slice models on a synthetic ellipsoid (64 × 64, spacing
 * 0.75 × 0.65 × 2.5 mm, semi-axes 12 / 8 / 12 mm, stored slices 40..60 without 43, RECIST slice
 * 50): the lesion covers slices 46..54 (|offset| · 2.5 mm ≤ 10 mm &lt; 12 mm).
 */
class SlicePropagatedSegmenterTest {

    static final VoxelSpacing SP = new VoxelSpacing(0.75, 0.65, 2.5);
    static final int[] INDICES = IntStream.rangeClosed(40, 60).filter(i -> i != 43).toArray();

    /**
     * A lesion with semi-axes {@code a} / {@code b} / {@code c} mm centred on slice 50, whose
     * slices {@code which} selects have their HU changed by {@code edit}.
     */
    static EllipsoidCase edited(double a, double b, double c, java.util.function.IntPredicate which,
            java.util.function.UnaryOperator<float[]> edit) {
        return new EllipsoidCase(64, SP, INDICES, 32.3, 31.6, 50, a, b, c, 120f, 20f, 0f, 1) {
            @Override
            public Slice slice(int sliceIndex) {
                Slice s = super.slice(sliceIndex);
                return which.test(sliceIndex) ? Slice.of(64, 64, edit.apply(s.toArray()), s.spacing()) : s;
            }
        };
    }

    /** Lesion at 120 HU, background at 20 HU, no noise: HU ≥ 70 is exactly the truth. */
    static EllipsoidCase clean() {
        return new EllipsoidCase(64, SP, INDICES, 32.3, 31.6, 50, 12, 8, 12, 120f, 20f, 0f, 1);
    }

    /** A stand-in network: {@code in} where a pixel is at least {@code hu}, {@code out} elsewhere. */
    static SliceSegmenter thresholding(String name, float hu, float in, float out) {
        return (slice, roi, window) -> {
            float[] p = new float[roi.area()];
            for (int y = 0; y < roi.height(); y++) {
                for (int x = 0; x < roi.width(); x++) {
                    p[y * roi.width() + x] = slice.get(roi.x() + x, roi.y() + y) >= hu ? in : out;
                }
            }
            return ProbabilityMap.of(roi, p, Provenance.of(name, Map.of()));
        };
    }

    /** A "network" that returns 1 on lesion-bright pixels and 0 elsewhere. */
    static final SliceSegmenter ORACLE = thresholding("oracle", 70, 1, 0);

    /** An initial-mask method named {@code name} that answers with {@code segment}. */
    static InitialMaskMethod initialMethod(String name, java.util.function.BiFunction<Slice, Recist, Mask> segment) {
        return new InitialMaskMethod() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Mask segment(Slice slice, Recist recist, org.wsss.api.Window window) {
                return segment.apply(slice, recist);
            }
        };
    }

    static final SliceSegmenter BLIND = (slice, roi, window) ->
            ProbabilityMap.of(roi, new float[roi.area()], Provenance.of("blind", Map.of()));

    static double dice(Mask3D a, Mask3D b) {
        long s = a.count() + b.count();
        return s == 0 ? 1 : 2.0 * a.intersectionCount(b) / s;
    }

    @Test
    void oracleModelGivesTheTruthInsideTheRoiAndStopsAtTheLesionsEnd() {
        EllipsoidCase c = clean();
        // A margin past R̂'s extent, so that the walk ends by finding nothing connected.
        LesionSegmentation out = LesionSegmenters.hnn(ORACLE, InferenceConfig.defaults().withMarginSlices(2))
                .segmentWithProbabilities(c);
        Mask3D m = out.mask();
        Mask3D truth = c.groundTruth().orElseThrow();
        Roi roi = RoiSampler.recistRoi(c.recist()).clip(64, 64);
        for (int z = 0; z < INDICES.length; z++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    boolean want = roi.contains(x, y) && truth.get(x, y, z);
                    assertEquals(want, m.get(x, y, z), "voxel " + x + "," + y + " of slice " + INDICES[z]);
                }
            }
        }
        assertTrue(truth.count() > 0 && m.count() == truth.count(), "the ROI holds the whole lesion");
        // Slices 46..54 hold the lesion; the walk looks at one more on each side (45, 55) and stops.
        for (int z = 0; z < INDICES.length; z++) {
            int off = Math.abs(INDICES[z] - 50);
            assertEquals(off <= 5, out.probabilityMap(z).isPresent(), "visited slice " + INDICES[z]);
        }
        assertEquals(11, out.visitedSlices());
        String notes = String.join("; ", m.provenance().notes());
        assertTrue(notes.contains("below: stopped at slice 45, nothing connected"), notes);
        assertTrue(notes.contains("above: stopped at slice 55, nothing connected"), notes);
        assertEquals("hnn-3d", m.provenance().method());
        assertEquals("oracle", m.provenance().parent().method());
    }

    /**
     * A 2.5D model gets, with every slice, the images at its context offsets; one that sees
     * lesion only where its neighbours go on ends the walk a slice before the lesion's tips.
     */
    @Test
    void a25dModelReadsTheSlicesAtItsOffsetsAndCanEndTheWalk() {
        EllipsoidCase c = new EllipsoidCase(64, SP, INDICES, 32.3, 31.6, 50, 12, 8, 12, 120f, 20f, 4f, 3);
        java.util.List<SliceSegmenter.Request> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        SliceSegmenter interior = new SliceSegmenter() {
            @Override
            public ProbabilityMap predict(Slice slice, Roi roi, org.wsss.api.Window window) {
                throw new AssertionError("pipelines call predictAll");
            }

            @Override
            public java.util.List<Double> contextOffsetsMm() {
                return java.util.List.of(-2.5, 2.5);
            }

            @Override
            public java.util.List<ProbabilityMap> predictAll(java.util.List<Request> requests) {
                seen.addAll(requests);
                java.util.List<ProbabilityMap> out = new java.util.ArrayList<>();
                for (Request r : requests) {
                    Roi roi = r.roi().clip(64, 64);
                    float[] p = new float[roi.area()];
                    for (int y = 0; y < roi.height(); y++) {
                        for (int x = 0; x < roi.width(); x++) {
                            boolean all = r.slice().get(roi.x() + x, roi.y() + y) >= 70;
                            for (Slice n : r.context()) {
                                all &= n.get(roi.x() + x, roi.y() + y) >= 70;
                            }
                            p[y * roi.width() + x] = all ? 1f : 0f;
                        }
                    }
                    out.add(ProbabilityMap.of(roi, p, Provenance.of("interior", Map.of())));
                }
                return out;
            }
        };
        Mask3D m = LesionSegmenters.hnn(interior, InferenceConfig.defaults().withMarginSlices(2)).segment(c);
        assertFalse(seen.isEmpty());
        for (SliceSegmenter.Request r : seen) {
            int idx = IntStream.of(INDICES).filter(i -> c.slice(i).equals(r.slice())).findFirst().orElseThrow();
            assertEquals(java.util.List.of(c.sliceAt(idx, -2.5), c.sliceAt(idx, 2.5)), r.context(), "context of slice " + idx);
        }
        for (int z = 0; z < INDICES.length; z++) {
            int off = Math.abs(INDICES[z] - 50);
            assertEquals(off <= 3, m.slice(z).count() > 0, "mask on slice " + INDICES[z]);
        }
    }

    @Test
    void probabilityVolumeHoldsTheMapsOfVisitedSlicesAndZeroElsewhere() {
        EllipsoidCase c = clean();
        LesionSegmentation out = LesionSegmenters.hnn(ORACLE, InferenceConfig.defaults().withMarginSlices(2))
                .segmentWithProbabilities(c);
        float[] p = out.probabilities();
        assertEquals(64 * 64 * INDICES.length, p.length);
        Roi roi = RoiSampler.recistRoi(c.recist()).clip(64, 64);
        for (int z = 0; z < INDICES.length; z++) {
            boolean visited = Math.abs(INDICES[z] - 50) <= 5;
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    float want = visited && roi.contains(x, y) && c.inside(x, y, INDICES[z]) ? 1f : 0f;
                    assertEquals(want, p[(z * 64 + y) * 64 + x], "voxel " + x + "," + y + "," + z);
                }
            }
        }
    }

    @Test
    void marginPastThePropagatedExtentStopsALongLesion() {
        // z semi-axis 30 mm, far beyond the sphere on the 12 mm long half-axis: R̂ ends after
        // offset 4 (4 × 2.5 = 10 mm < 12 mm, 5 × 2.5 = 12.5 mm >= 12 mm), so with margin 1 the walk
        // reaches offset 5 and stops at 6 although the lesion goes on.
        EllipsoidCase c = new EllipsoidCase(64, SP, INDICES, 32.3, 31.6, 50, 12, 8, 30, 120f, 20f, 0f, 1);
        LesionSegmentation out = LesionSegmenters.hnn(ORACLE, InferenceConfig.defaults().withMarginSlices(1)
                .withPropagation(PropagationConfig.defaults())).segmentWithProbabilities(c);
        for (int z = 0; z < INDICES.length; z++) {
            int off = Math.abs(INDICES[z] - 50);
            assertEquals(off <= 5, out.mask().slice(z).count() > 0, "slice " + INDICES[z]);
        }
        String notes = String.join("; ", out.mask().provenance().notes());
        assertTrue(notes.contains("above: stopped at slice 56, 2 slice(s) past the propagated extent"), notes);
    }

    @Test
    void defaultExtentIsTheMeanOfTheHalfAxes() {
        // The mark measures about 24 x 16 mm: z semi-axis (12 + 8) / 2 = 10 mm, so R̂ holds offsets
        // up to 3 (7.5 mm) and the walk, without margin, ends there although the lesion reaches 4.
        EllipsoidCase c = clean();
        assertEquals(PropagationConfig.segmentationDefaults(), InferenceConfig.defaults().propagation());
        Mask3D m = LesionSegmenters.hnn(ORACLE).segment(c);
        for (int z = 0; z < INDICES.length; z++) {
            int off = Math.abs(INDICES[z] - 50);
            assertEquals(off <= 3, m.slice(z).count() > 0, "slice " + INDICES[z]);
        }
        String notes = String.join("; ", m.provenance().notes());
        assertTrue(notes.contains("above: stopped at slice 54, 1 slice(s) past the propagated extent"), notes);
    }

    @Test
    void blindModelFallsBackToTheMarkOnTheRecistSlice() {
        EllipsoidCase c = clean();
        {
            Mask3D m = LesionSegmenters.hnn(BLIND).segment(c);
            int key = c.zOf(50);
            Mask mark = Mask.of(64, 64, SeedGeometry.rasterise(c.recist(), Roi.full(64, 64)));
            assertFalse(m.slice(key).isEmpty());
            assertEquals(mark, m.slice(key));
            assertEquals(mark.count(), m.count(), "nothing off the RECIST slice");
            assertTrue(m.provenance().notes().stream().anyMatch(n -> n.startsWith("fallback")), m.provenance().notes()
                    .toString());
        }
    }

    @Test
    void grabCutModeSegmentsANoisyLesion() {
        EllipsoidCase c = new EllipsoidCase(64, SP, INDICES, 32.3, 31.6, 50, 12, 8, 12, 120f, 20f, 15f, 3);
        // A soft oracle: 0.9 on the true cross-section, 0.1 elsewhere.
        SliceSegmenter soft = thresholding("soft", 70, 0.9f, 0.1f);
        Mask3D m = LesionSegmenters.hnnGc(soft).segment(c);
        double d = dice(m, c.groundTruth().orElseThrow());
        assertTrue(d > 0.9, "3D Dice " + d);
        assertEquals("hnn-gc-3d", m.provenance().method());
    }

    private static void assertSlicesUpTo(Mask3D m, int lastAbove) {
        for (int z = 0; z < INDICES.length; z++) {
            int i = INDICES[z];
            if (i >= 50) {
                assertEquals(i < lastAbove + 1, m.slice(z).count() > 0, "slice " + i);
            }
        }
    }

    @Test
    void insideFractionRuleStopsAWalkIntoANeighbour() {
        // A bright neighbour (x 40..62, y 24..40) touching the lesion from slice 52 up: the
        // oracle's mask there is the lesion's cross-section plus the neighbour, much of it outside
        // the cross-section below.
        EllipsoidCase c = edited(12, 8, 12, z -> z >= 52, hu -> {
            for (int y = 24; y <= 40; y++) {
                java.util.Arrays.fill(hu, y * 64 + 40, y * 64 + 63, 120f);
            }
            return hu;
        });
        Mask3D truth = c.groundTruth().orElseThrow();
        Mask3D off = LesionSegmenters.hnn(ORACLE, InferenceConfig.defaults().withMinInsideFraction(0)).segment(c);
        int z52 = c.zOf(52);
        Mask lesion52 = truth.slice(z52);
        Mask with = off.slice(z52);
        double inside = (double) with.intersectionCount(off.slice(c.zOf(51))) / with.count();
        assertTrue(with.count() > lesion52.count() && inside < 0.8, "test set-up: the walk takes the neighbour in, "
                + inside + " inside");
        Mask3D m = LesionSegmenters.hnn(ORACLE).segment(c);
        assertEquals(0.8, InferenceConfig.defaults().minInsideFraction());
        assertSlicesUpTo(m, 51);
        String notes = String.join("; ", m.provenance().notes());
        assertTrue(notes.contains("above: stopped at slice 52, "), notes);
        assertTrue(notes.contains(" px inside the previous cross-section's convex hull grown by 1.50 mm (< 0.800)"),
                notes);
        // Below, where there is no neighbour, the walk is unchanged.
        for (int i = 46; i < 50; i++) {
            assertEquals(off.slice(c.zOf(i)), m.slice(c.zOf(i)), "slice " + i);
        }
    }

    @Test
    void insideMarginForgivesAnEdgeOnePixelFurtherOut() {
        // A small lesion, long along z (semi-axes 4 / 3.5 / 60 mm: nearly the same cross-section on
        // every slice), whose edge on slice 52 lies one pixel further out, as noise moves an edge:
        // strictly counted, over a fifth of that cross-section lies outside the one below it.
        EllipsoidCase c = edited(4, 3.5, 60, z -> z == 52, hu -> {
            float[] grown = hu.clone();
            for (int y = 1; y < 63; y++) {
                for (int x = 1; x < 63; x++) {
                    int i = y * 64 + x;
                    if (hu[i] < 70 && (hu[i - 1] >= 70 || hu[i + 1] >= 70 || hu[i - 64] >= 70 || hu[i + 64] >= 70)) {
                        grown[i] = 120f;
                    }
                }
            }
            return grown;
        });
        // The z extent from the RECIST half-axes is 3.75 mm; margin slices let the walk go on.
        InferenceConfig cfg = InferenceConfig.defaults().withMarginSlices(20);
        Mask3D strict = LesionSegmenters.hnn(ORACLE, cfg.withInsideMarginMm(0)).segment(c);
        String strictNotes = String.join("; ", strict.provenance().notes());
        assertTrue(strictNotes.contains("above: stopped at slice 52, ") && strict.slice(c.zOf(52)).isEmpty(),
                strictNotes);
        Mask3D m = LesionSegmenters.hnn(ORACLE, cfg).segment(c);
        assertEquals(InferenceConfig.INSIDE_MARGIN_MM, InferenceConfig.defaults().insideMarginMm());
        assertFalse(m.slice(c.zOf(52)).isEmpty(), String.join("; ", m.provenance().notes()));
        assertFalse(m.slice(c.zOf(53)).isEmpty(), "the walk goes on past the grown slice");
        assertEquals("1.5", m.provenance().parameters().get("insideMarginMm"));
    }

    @Test
    void theCnnWalksIntensityRangeComesFromTheInitialMask() {
        EllipsoidCase c = clean();
        InferenceConfig cnn = InferenceConfig.defaults();
        assertEquals(IntensityStop.RangeFrom.INITIAL_MASK, cnn.intensityStop().rangeFrom());
        assertEquals(IntensityStop.RangeFrom.MASK, InferenceConfig.gcDefaults().intensityStop().rangeFrom());
        // With the default parts (GrabCut-R on the RECIST slice) the range is the lesion's: the
        // oracle's walk covers the lesion's slices within R̂'s extent (47..53).
        Mask3D m = LesionSegmenters.hnn(ORACLE).segment(c);
        for (int i = 47; i <= 53; i++) {
            assertFalse(m.slice(c.zOf(i)).isEmpty(), "slice " + i);
        }
        // An initial mask on the background (20 HU, a corner of the slice) gives a range no lesion
        // pixel lies in: both sides are cut next to the RECIST slice. Read from the walk's own
        // mask, the range is the lesion's again.
        InitialMaskMethod corner = initialMethod("corner",
                (slice, recist) -> Mask.fromPredicate(slice.width(), slice.height(), (x, y) -> x < 6 && y < 6));
        Components parts = Components.forNetwork(cnn.propagation(), cnn.seeds(), cnn.grabCut()).withInitialMask(corner);
        Mask3D cut = LesionSegmenters.hnn(ORACLE, cnn, parts).segment(c);
        for (int z = 0; z < INDICES.length; z++) {
            assertEquals(INDICES[z] == 50, !cut.slice(z).isEmpty(), "slice " + INDICES[z]);
        }
        assertEquals("corner", cut.provenance().parameters().get("initialMask"));
        assertFalse(LesionSegmenters.hnnGc(ORACLE).segment(c).provenance().parameters().containsKey("initialMask"),
                "the -GC walk reads its own mask's range");
        String notes = String.join("; ", cut.provenance().notes());
        assertTrue(notes.contains("above: cut at slice 51, 0 of ") && notes.contains("of the initial RECIST-slice mask"),
                notes);
        Mask3D own = LesionSegmenters.hnn(ORACLE, cnn.withIntensityStop(cnn.intensityStop()
                .withRangeFrom(IntensityStop.RangeFrom.MASK)), parts).segment(c);
        assertEquals(m, own);
        // An initial method that refuses the mark: the walk reads its own mask's range, and says so.
        InitialMaskMethod refusing = initialMethod("refusing", (slice, recist) -> {
            throw new IllegalArgumentException("mark refused");
        });
        Mask3D fallback = LesionSegmenters.hnn(ORACLE, cnn, parts.withInitialMask(refusing)).segment(c);
        assertEquals(m, fallback);
        assertTrue(fallback.provenance().notes().stream().anyMatch(n -> n.contains("the initial mask failed (mark "
                + "refused)")), fallback.provenance().notes().toString());
    }

    @Test
    void insideHullForgivesAPreviousCrossSectionCutShortOnOneSide() {
        // On the RECIST slice a bite (x left of the centre, |y| < 5 mm, about a third of the area)
        // is at background HU, so the oracle's key-slice mask misses it; slice 51's full
        // cross-section then lies a third outside that mask, but inside its convex hull.
        EllipsoidCase c = edited(12, 8, 12, z -> z == 50, hu -> {
            float[] bitten = hu.clone();
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    if ((x - 32.3) * SP.x() < 0 && Math.abs((y - 31.6) * SP.y()) < 5) {
                        bitten[y * 64 + x] = 20f;
                    }
                }
            }
            return bitten;
        });
        InferenceConfig cfg = InferenceConfig.defaults();
        assertTrue(cfg.insideHull(), "on by default");
        Mask3D plain = LesionSegmenters.hnn(ORACLE, cfg.withInsideHull(false)).segment(c);
        String plainNotes = String.join("; ", plain.provenance().notes());
        assertTrue(plainNotes.contains("below: stopped at slice 49, ") && plainNotes.contains("above: stopped at slice 51, "),
                plainNotes);
        assertEquals(1, IntStream.range(0, INDICES.length).filter(z -> !plain.slice(z).isEmpty()).count(), plainNotes);
        Mask3D hull = LesionSegmenters.hnn(ORACLE, cfg).segment(c);
        String notes = String.join("; ", hull.provenance().notes());
        // the walk reaches the propagated extent (slices 47..53) on both sides
        for (int i = 47; i <= 53; i++) {
            assertFalse(hull.slice(c.zOf(i)).isEmpty(), "slice " + i + ": " + notes);
        }
        assertTrue(dice(hull, c.groundTruth().orElseThrow()) > 3 * dice(plain, c.groundTruth().orElseThrow()), notes);
        assertEquals("true", hull.provenance().parameters().get("insideHull"));
    }

    @Test
    void pastTheConfirmedExtentTheGcWalkNeedsTheNetwork() {
        // Slice 54 (offset +4, 10 mm) still holds the lesion, but at 65 HU: GrabCut separates it
        // from the 20 HU tissue, the oracle network (HU >= 70) sees nothing there. The "-GC" search
        // reaches 1.25 x the mean half-axis, the confirmed extent 1 x: slice 54 lies between.
        EllipsoidCase c = edited(12, 8, 12, z -> z == 54, hu -> {
            for (int i = 0; i < hu.length; i++) {
                hu[i] = hu[i] >= 70 ? 65f : hu[i];
            }
            return hu;
        });
        InferenceConfig cfg = InferenceConfig.gcDefaults().withIntensityStop(IntensityStop.off())
                .withIntensityTrim(IntensityTrim.off());
        Recist r = c.recist();
        assertTrue(Propagation.pythagorean(cfg.propagation()).propagate(r, 54, SP).isPresent()
                && Propagation.pythagorean(PropagationConfig.segmentationDefaults()).propagate(r, 54, SP).isEmpty()
                && Propagation.pythagorean(PropagationConfig.segmentationDefaults()).propagate(r, 53, SP).isPresent(),
                "test set-up: slice 54 is searched but past the confirmed extent, slice 53 inside it");
        assertEquals(InferenceConfig.CONFIRM_Z_RADIUS_SCALE, cfg.confirmZRadiusScale());
        Mask3D off = LesionSegmenters.hnnGc(ORACLE, cfg.withConfirmZRadiusScale(Double.POSITIVE_INFINITY)).segment(c);
        assertFalse(off.slice(c.zOf(54)).isEmpty(), "test set-up: without the rule GrabCut finds slice 54 from R̂");
        Mask3D on = LesionSegmenters.hnnGc(ORACLE, cfg).segment(c);
        assertTrue(on.slice(c.zOf(54)).isEmpty());
        String notes = String.join("; ", on.provenance().notes());
        assertTrue(notes.contains("above: stopped at slice 54, past the confirmed extent the network's own mask has"
                + " nothing connected to the previous slice"), notes);
        for (int i = 44; i <= 53; i++) {
            assertEquals(off.slice(c.zOf(i)), on.slice(c.zOf(i)), "slice " + i);
        }
        assertEquals("1.0", on.provenance().parameters().get("confirmZRadiusScale"));
        // The CNN mode has no such parameter: its walk ends by the network anyway.
        assertEquals(null, LesionSegmenters.hnn(ORACLE).segment(c).provenance().parameters().get("confirmZRadiusScale"));
    }

    @Test
    void aLowContrastLesionTakesRHatFromTheConfirmedExtent() {
        // The same lesion at 35 HU in 20 HU tissue (contrast 15 HU < 20), seen by a network that
        // thresholds at 27.5 HU. Slice 54 lies between the confirmed (1 x) and the searched
        // (1.25 x) extent; the network would confirm it, but on a low-contrast lesion R̂ comes from
        // the confirmed extent, which ends before it.
        EllipsoidCase c = new EllipsoidCase(64, SP, INDICES, 32.3, 31.6, 50, 12, 8, 12, 35f, 20f, 0f, 1);
        SliceSegmenter faint = thresholding("faint", 27.5f, 1, 0);
        InferenceConfig cfg = InferenceConfig.gcDefaults().withIntensityStop(IntensityStop.off())
                .withIntensityTrim(IntensityTrim.off());
        assertEquals(InferenceConfig.LOW_CONTRAST_HU, cfg.lowContrastHu());
        assertEquals(0.0, InferenceConfig.defaults().lowContrastHu(), "the CNN walk has the short extent already");
        Mask3D off = LesionSegmenters.hnnGc(faint, cfg.withLowContrastHu(0)).segment(c);
        assertFalse(off.slice(c.zOf(54)).isEmpty(), "test set-up: the longer search reaches slice 54");
        Mask3D on = LesionSegmenters.hnnGc(faint, cfg).segment(c);
        String notes = String.join("; ", on.provenance().notes());
        assertTrue(notes.contains("low contrast on the RECIST slice (15.0 HU < 20.0)"), notes);
        assertTrue(notes.contains("above: stopped at slice 54, past the confirmed extent (low contrast)"), notes);
        assertTrue(on.slice(c.zOf(54)).isEmpty() && !on.slice(c.zOf(53)).isEmpty(), notes);
        assertEquals("20.0", on.provenance().parameters().get("lowContrastHu"));
        // At the usual contrast (100 HU) the rule leaves the walk alone.
        Mask3D clear = LesionSegmenters.hnnGc(ORACLE, cfg).segment(clean());
        assertFalse(String.join("; ", clear.provenance().notes()).contains("low contrast"));
        assertEquals(clear, LesionSegmenters.hnnGc(ORACLE, cfg.withLowContrastHu(0)).segment(clean()));
    }

    @Test
    void badStoppingRulesAreRejected() {
        InferenceConfig d = InferenceConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withMinInsideFraction(1.01));
        assertThrows(IllegalArgumentException.class, () -> d.withMinInsideFraction(Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withMinInsideFraction(-0.1));
        assertTrue(e.getMessage().contains("minInsideFraction"), e.getMessage());
        assertEquals(1.0, d.withMinInsideFraction(1).minInsideFraction());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> d.withInsideMarginMm(-1));
        assertTrue(m.getMessage().contains("insideMarginMm"), m.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withInsideMarginMm(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withInsideMarginMm(Double.POSITIVE_INFINITY));
        IllegalArgumentException lc = assertThrows(IllegalArgumentException.class, () -> d.withLowContrastHu(-1));
        assertTrue(lc.getMessage().contains("lowContrastHu"), lc.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withLowContrastHu(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withLowContrastHu(Double.POSITIVE_INFINITY));
        IllegalArgumentException cz = assertThrows(IllegalArgumentException.class, () -> d.withConfirmZRadiusScale(0));
        assertTrue(cz.getMessage().contains("confirmZRadiusScale"), cz.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withConfirmZRadiusScale(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withConfirmZRadiusScale(10.5));
        assertEquals(Double.POSITIVE_INFINITY, d.withConfirmZRadiusScale(Double.POSITIVE_INFINITY).confirmZRadiusScale());
    }

    @Test
    void rejectsACaseWithoutItsRecistSlice() {
        EllipsoidCase missing = new EllipsoidCase(64, SP, new int[]{40, 42}, 32.3, 31.6, 41, 12, 8, 12, 120f, 20f, 0f, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LesionSegmenters.hnn(ORACLE).segment(missing));
        assertTrue(e.getMessage().contains("RECIST slice 41"), e.getMessage());
    }
}
