package org.wsss.grabcut.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsss.api.Axis;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;
import org.wsss.grabcut.SeedGenerators;

/**
 * The rules of S(Ŷ, R̂, R) ({@link CnnSeeds}) one at a time, on hand-made probability maps over a
 * 60 × 60 slice. The mark: long axis (20, 30)–(40, 30), short axis (30, 24)–(30, 36), 33 pixels
 * rasterised; its 2× context ROI is (10, 18) + 42 × 26.
 */
class CnnSeedsTest {

    static final int W = 60;
    static final VoxelSpacing SP = new VoxelSpacing(0.8, 0.7, 5);
    static final Slice SLICE = Slice.of(W, W, new float[W * W], SP);
    static final Recist MARK = new Recist(Axis.of(20, 30, 40, 30), Axis.of(30, 24, 30, 36), 7);
    static final Provenance CNN = Provenance.of("test-cnn", Map.of());

    /** A full-slice map: {@code inner} inside the ellipse (cx, cy, a, b), {@code outer} elsewhere. */
    static float[] ellipse(float[] p, double cx, double cy, double a, double b, float inner) {
        for (int y = 0; y < W; y++) {
            for (int x = 0; x < W; x++) {
                double dx = (x - cx) / a, dy = (y - cy) / b;
                if (dx * dx + dy * dy <= 1) {
                    p[y * W + x] = inner;
                }
            }
        }
        return p;
    }

    static ProbabilityMap map(float[] p) {
        return ProbabilityMap.of(Roi.full(W, W), p, CNN);
    }

    static SeedMap seeds(float[] p) {
        return SeedGenerators.cnn().generate(SeedInput.of(SLICE, MARK).withPrior(map(p)));
    }

    static boolean onMark(int x, int y) {
        return (y == 30 && x >= 20 && x <= 40) || (x == 30 && y >= 24 && y <= 36);
    }

    @Test
    void roiIsTheContextRoiOfTheMark() {
        SeedMap s = seeds(ellipse(new float[W * W], 30, 30, 8, 5, 0.95f));
        assertEquals(new Roi(10, 18, 42, 26), s.roi());
        assertEquals("cnn", s.provenance().method());
        assertEquals(CNN, s.provenance().parent());
    }

    @Test
    void foregroundIsTheConfidentRegionsOnTheMarkPlusTheMark() {
        float[] p = ellipse(new float[W * W], 30, 30, 8, 5, 0.95f);
        ellipse(p, 46, 22, 2, 2, 0.95f); // confident, but off the mark
        SeedMap s = seeds(p);
        Roi roi = s.roi();
        for (int y = roi.y(); y < roi.endY(); y++) {
            for (int x = roi.x(); x < roi.endX(); x++) {
                double dx = (x - 30) / 8.0, dy = (y - 30) / 5.0;
                boolean lesion = dx * dx + dy * dy <= 1;
                assertEquals(lesion || onMark(x, y), s.get(x, y) == SeedLabel.FOREGROUND, "(" + x + ", " + y + ")");
            }
        }
        // The mark overshoots the region at its ends (x = 20, 21, 39, 40): still FG.
        assertEquals(SeedLabel.FOREGROUND, s.get(20, 30));
        // The off-mark region is neither FG nor BG: GrabCut decides.
        for (int[] q : new int[][] {{46, 22}, {45, 22}, {46, 21}}) {
            SeedLabel l = s.get(q[0], q[1]);
            assertTrue(l == SeedLabel.PROBABLE_BACKGROUND || l == SeedLabel.PROBABLE_FOREGROUND, l.toString());
        }
    }

    @Test
    void backgroundIsConfidentBackgroundNotOnTheMark() {
        float[] p = ellipse(new float[W * W], 30, 30, 8, 5, 0.95f);
        // Two enclosed holes the CNN calls background: one crossed by the mark, one beside it.
        for (int y = 29; y <= 31; y++) {
            for (int x = 29; x <= 31; x++) {
                p[y * W + x] = 0f;
            }
        }
        for (int y = 27; y <= 28; y++) {
            for (int x = 33; x <= 34; x++) {
                p[y * W + x] = 0f;
            }
        }
        SeedMap s = seeds(p);
        // The surround reaches the ROI border: BG, although the mark's ends touch it.
        assertEquals(SeedLabel.BACKGROUND, s.get(15, 30));
        assertEquals(SeedLabel.BACKGROUND, s.get(21, 25));
        assertEquals(SeedLabel.BACKGROUND, s.get(22, 31)); // next to the overshooting end (21, 30)
        // The hole beside the mark: BG.
        assertEquals(SeedLabel.BACKGROUND, s.get(33, 27));
        assertEquals(SeedLabel.BACKGROUND, s.get(34, 28));
        // The hole the mark crosses: its mark pixels FG, the others uncertain, none BG.
        assertEquals(SeedLabel.FOREGROUND, s.get(30, 30));
        for (int[] q : new int[][] {{29, 29}, {31, 29}, {29, 31}, {31, 31}}) {
            SeedLabel l = s.get(q[0], q[1]);
            assertTrue(l == SeedLabel.PROBABLE_BACKGROUND || l == SeedLabel.PROBABLE_FOREGROUND, l.toString());
        }
    }

    @Test
    void uncertainPixelsAreSplitByMmDistance() {
        // A confident core, a band of 0.5 around it (uncertain), confident background beyond.
        float[] p = ellipse(new float[W * W], 30, 30, 14, 9, 0.5f);
        ellipse(p, 30, 30, 6, 4, 0.95f);
        SeedMap s = seeds(p);
        Roi roi = s.roi();
        int uncertain = 0, pfg = 0;
        for (int y = roi.y(); y < roi.endY(); y++) {
            for (int x = roi.x(); x < roi.endX(); x++) {
                SeedLabel l = s.get(x, y);
                if (l == SeedLabel.FOREGROUND || l == SeedLabel.BACKGROUND) {
                    continue;
                }
                uncertain++;
                // Brute force: squared mm distance to the nearest FG and BG pixel.
                double dfg = Double.POSITIVE_INFINITY, dbg = Double.POSITIVE_INFINITY;
                for (int v = roi.y(); v < roi.endY(); v++) {
                    for (int u = roi.x(); u < roi.endX(); u++) {
                        double d = Math.pow((u - x) * SP.x(), 2) + Math.pow((v - y) * SP.y(), 2);
                        SeedLabel k = s.get(u, v);
                        if (k == SeedLabel.FOREGROUND) {
                            dfg = Math.min(dfg, d);
                        } else if (k == SeedLabel.BACKGROUND) {
                            dbg = Math.min(dbg, d);
                        }
                    }
                }
                SeedLabel want = dfg <= dbg ? SeedLabel.PROBABLE_FOREGROUND : SeedLabel.PROBABLE_BACKGROUND;
                assertEquals(want, l, "(" + x + ", " + y + ")");
                pfg += l == SeedLabel.PROBABLE_FOREGROUND ? 1 : 0;
            }
        }
        // The band holds both kinds.
        assertTrue(uncertain > 100 && pfg > 20 && pfg < uncertain - 20, uncertain + " uncertain, " + pfg + " PFG");
    }

    @Test
    void thresholdIsLoweredUntilHalfTheMarkIsCovered() {
        boolean[] axes = new boolean[10];
        java.util.Arrays.fill(axes, true);
        boolean[] known = axes.clone();
        float[] y = {0.9f, 0.9f, 0.9f, 0.9f, 0.32f, 0.32f, 0.32f, 0.1f, 0.1f, 0.1f};
        CnnSeedsConfig c = CnnSeedsConfig.defaults();
        // 4 of 10 at 0.5 .. 0.35; 7 of 10 at 0.30.
        assertEquals(0.30, CnnSeeds.threshold(y, known, axes, c), 1e-9);
        // Half covered at the start: no lowering.
        y[4] = 0.6f;
        assertEquals(0.5, CnnSeeds.threshold(y, known, axes, c), 0);
        // Nothing reaches: the floor.
        assertEquals(0.05, CnnSeeds.threshold(new float[10], known, axes, c), 0);
        // Pixels without a CNN value do not count as covered.
        java.util.Arrays.fill(known, false);
        assertEquals(0.05, CnnSeeds.threshold(y, known, axes, c), 0);
    }

    @Test
    void aFaintResponseCoveringTheMarkIsKeptOffTheBackground() {
        // Core 0.9 covers 15 of the mark's 33 pixels (45%); a faint halo of 0.15 covers 27.
        float[] p = ellipse(new float[W * W], 30, 30, 8, 5, 0.15f);
        ellipse(p, 30, 30, 4, 3, 0.9f);
        SeedMap lowered = seeds(p);
        assertTrue(lowered.provenance().notes().stream().anyMatch(n -> n.startsWith("binarised at CNN probability >= 0.1500")
                && n.contains("covers 27 of the mark's 33")), lowered.provenance().notes().toString());
        // (25, 28) is in the halo, off the core and off the mark: not BG once the threshold reached it.
        assertNotEquals(SeedLabel.BACKGROUND, lowered.get(25, 28));
        assertEquals(SeedLabel.BACKGROUND, lowered.get(15, 30));

        // With the floor at 0.2 the halo is never binarised: it is confident background.
        SeedMap floored = SeedGenerators.cnn(CnnSeedsConfig.defaults().withMinThreshold(0.2))
                .generate(SeedInput.of(SLICE, MARK).withPrior(map(p)));
        assertEquals(SeedLabel.BACKGROUND, floored.get(25, 28));
        assertTrue(floored.provenance().notes().stream().anyMatch(n -> n.contains("floor reached")),
                floored.provenance().notes().toString());
    }

    @Test
    void theBorderRingIsAlwaysBackground() {
        // No pixel is confident background: only the ring is BG.
        float[] p = new float[W * W];
        java.util.Arrays.fill(p, 0.5f);
        ellipse(p, 30, 30, 8, 5, 0.95f);
        SeedMap s = seeds(p);
        Roi roi = s.roi();
        for (int y = roi.y(); y < roi.endY(); y++) {
            for (int x = roi.x(); x < roi.endX(); x++) {
                boolean ring = x == roi.x() || y == roi.y() || x == roi.endX() - 1 || y == roi.endY() - 1;
                assertEquals(ring, s.get(x, y) == SeedLabel.BACKGROUND, "(" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void noConfidentForegroundOnTheMarkFallsBackToGrabCutR() {
        SeedMap grabCutR = SeedGenerators.grabcutR().generate(SeedInput.of(SLICE, MARK));
        float[] weak = ellipse(new float[W * W], 30, 30, 8, 5, 0.7f);
        float[] offMark = ellipse(new float[W * W], 46, 22, 2, 2, 0.95f);
        for (float[] p : new float[][] {new float[W * W], weak, offMark}) {
            SeedMap s = seeds(p);
            assertEquals(grabCutR, s); // same ROI and labels
            assertEquals("cnn", s.provenance().method());
            assertEquals(CNN, s.provenance().parent());
            assertTrue(s.provenance().notes().get(0).startsWith("fallback: no region of CNN probability > 0.8"),
                    s.provenance().notes().toString());
        }
    }

    @Test
    void deterministic() {
        float[] p = ellipse(new float[W * W], 30, 30, 14, 9, 0.5f);
        ellipse(p, 31, 29, 6, 4, 0.95f);
        SeedInput in = SeedInput.of(SLICE, MARK).withPrior(map(p)).withReference(MARK);
        SeedMap a = SeedGenerators.cnnPropagated().generate(in);
        SeedMap b = SeedGenerators.cnnPropagated().generate(in);
        assertEquals(a, b);
        assertEquals(a.provenance(), b.provenance());
        assertEquals("7", a.provenance().parameters().get("referenceSlice"));
    }

    @Test
    void missingInputsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeedGenerators.cnn().generate(SeedInput.of(SLICE, MARK)));
        assertTrue(e.getMessage().contains("prior"), e.getMessage());
        ProbabilityMap p = map(new float[W * W]);
        e = assertThrows(IllegalArgumentException.class,
                () -> SeedGenerators.cnnPropagated().generate(SeedInput.of(SLICE, MARK).withPrior(p)));
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
        ProbabilityMap far = ProbabilityMap.of(new Roi(0, 0, 5, 5), new float[25], CNN);
        e = assertThrows(IllegalArgumentException.class,
                () -> SeedGenerators.cnn().generate(SeedInput.of(SLICE, MARK).withPrior(far)));
        assertTrue(e.getMessage().contains("does not overlap"), e.getMessage());
        Recist outside = new Recist(Axis.of(50, 30, 70, 30), Axis.of(60, 24, 60, 36), 7);
        assertThrows(IllegalArgumentException.class,
                () -> SeedGenerators.cnn().generate(SeedInput.of(SLICE, outside).withPrior(p)));
        assertThrows(IllegalArgumentException.class, () -> new CnnSeedsConfig(2, 0.5, 0.05, 0.6, 0.5, 0.8, 0.8, 1,
                GrabCutRConfig.defaults()));
    }

    @Test
    void pixelsWithoutACnnValueAreUncertain() {
        // The map covers only the left half of the ROI.
        Roi half = new Roi(0, 0, 31, W);
        float[] v = new float[half.area()];
        for (int y = 0; y < W; y++) {
            for (int x = 0; x < 31; x++) {
                double dx = (x - 30) / 8.0, dy = (y - 30) / 5.0;
                v[y * 31 + x] = dx * dx + dy * dy <= 1 ? 0.95f : 0f;
            }
        }
        SeedMap s = SeedGenerators.cnn().generate(SeedInput.of(SLICE, MARK)
                .withPrior(ProbabilityMap.of(half, v, CNN)));
        assertEquals(SeedLabel.BACKGROUND, s.get(15, 30));
        SeedLabel right = s.get(46, 22);
        assertTrue(right == SeedLabel.PROBABLE_BACKGROUND || right == SeedLabel.PROBABLE_FOREGROUND, right.toString());
        assertTrue(s.provenance().notes().get(0).startsWith("prior covers"), s.provenance().notes().toString());
    }
}
