package org.wsss.propagation.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.RecistPropagator;
import org.wsss.api.Roi;
import org.wsss.api.SeedInput;
import org.wsss.api.Slice;
import org.wsss.api.SliceSegmenter;
import org.wsss.api.VoxelSpacing;
import org.wsss.grabcut.seeds.SeedGeometry;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.RoiSampler;
import org.wsss.propagation.Components;
import org.wsss.propagation.assembly.Assembly;
import org.wsss.propagation.assembly.IntensityStop;
import org.wsss.propagation.assembly.LesionContrast;
import org.wsss.propagation.geometry.Propagation;
import org.wsss.propagation.geometry.PropagationConfig;

/**
 * 3D inference of Sec. 2.3 / 3.3 with a trained slice model: from the RECIST slice outwards,
 * slice by slice over the case's stored slices, then stacked.
 *
 * <ol>
 *   <li>Every slice is predicted on the same ROI, that of the original mark R
 *       ({@code RoiSampler.recistRoi(R)}), the crop the network was trained on.</li>
 *   <li>Slice mask: Ŷ ≥ {@code threshold} (mode {@link Mode#CNN}), or for {@link Mode#GRABCUT}
 *       ("-GC", Sec. 3.2) seeds S(Ŷ, R̂, R) + GrabCut ({@code SeedGenerators.cnnPropagated}; on
 *       the RECIST slice R̂ = R, which is {@code GcPostProcessing}). Past R̂'s extent, where
 *       there is no R̂ to seed from, the "-GC" mode thresholds Ŷ as the CNN mode does.</li>
 *   <li>RECIST slice: the components of the slice mask that touch R's rasterised pixels. If
 *       there are none, the mask is R's rasterised pixels, with a provenance note — so a lesion
 *       whose RECIST slice was segmented is never returned empty.</li>
 *   <li>Each side walks outwards keeping only the foreground connected to the previous slice's
 *       mask ({@link Assembly#connectedToPrevious}), optionally also within {@code reachMm} of it
 *       ({@link Assembly#withinReach}; off by default). A side stops at the first slice where
 *       nothing is connected (the lesion has ended), where less than {@code minInsideFraction}
 *       of the slice's mask lies inside the previous slice's mask (by default its filled convex
 *       hull, {@code insideHull}) grown by {@code insideMarginMm} (the mask drifts out of the
 *       lesion: past its end, or into a neighbour; that slice is left out; the margin forgives the
 *       pixel or so an edge moves with noise alone, the hull a previous cross-section cut short on
 *       one side), in the "-GC" mode
 *       on a slice past R̂'s extent at {@code confirmZRadiusScale} where the network's own mask
 *       (Ŷ ≥ threshold) is not connected to the previous mask or fails the inside rule (R̂'s seeds
 *       alone would carry the walk on through tissue of the lesion's HU), when R̂ has been
 *       empty for more than {@code marginSlices} consecutive slices, or at the last stored
 *       slice. R̂'s extent comes from {@code InferenceConfig.propagation()}; in the "-GC" mode a
 *       lesion whose RECIST-slice mask differs from the tissue around it by less than
 *       {@code lowContrastHu} ({@link LesionContrast}) takes R̂ from the confirmed extent's
 *       geometry instead (smaller seeds, a shorter walk: its own end evidence is weak).</li>
 *   <li>The slice masks are stacked on the case's slice grid and the 3D component through the
 *       RECIST-slice mask is kept ({@link Assembly#keepConnectedTo}).</li>
 *   <li>Each side is cut where the lesion's intensity ends ({@link InferenceConfig#intensityStop()},
 *       {@link IntensityStop}); with {@link IntensityStop.RangeFrom#INITIAL_MASK} (the CNN mode's
 *       default) the lesion's HU range comes from {@code parts.initialMask()} on the RECIST slice
 *       (GrabCut-R), run once per lesion, so every network's walk is cut on the same range.</li>
 *   <li>Every slice is trimmed to the lesion's HU range ({@link InferenceConfig#intensityTrim()},
 *       {@link org.wsss.propagation.assembly.IntensityTrim}).</li>
 * </ol>
 *
 * <p>The network runs once per lesion, batched: the RECIST slice and every candidate slice of
 * both sides (up to R̂'s extent plus the margin) go into one call, so a walk that ends early has
 * predicted some slices it does not use (their maps are not reported); in exchange a typical
 * lesion takes one or two forward passes of up to {@link HnnModel#INFERENCE_BATCH} ROIs rather
 * than one per side plus one for the RECIST slice. The ROIs go to
 * {@link SliceSegmenter#predictAll}: the HNN pads a ROI past the slice border with zeros, as in
 * training; a segmenter that does not override it gets each ROI clipped to its slice.
 *
 * <p>Provenance: method {@code hnn-3d} or {@code hnn-gc-3d}, the mark and configuration as
 * parameters, notes on the segmented range and why each side stopped, any fallback; the
 * parent is the RECIST-slice mask's, which chains to the network's Ŷ and its training.
 *
 * <p><b>Deviations from the paper.</b> The paper stacks slice-wise results "until convergence"
 * without a stopping rule; the rules above (connection to the previous slice, the fraction of
 * the new cross-section inside the previous one, a margin past the propagated extent, the
 * intensity stop) are this
 * implementation's, and so is the default extent (z semi-axis the mean of the RECIST half-axes;
 * the paper's propagation states none). Past R̂'s extent "-GC" has no mark to seed
 * GrabCut and falls back to the CNN threshold. Thread-safe when the model is.
 */
public final class SlicePropagatedSegmenter implements LesionSegmenter {

    /** How a slice's mask is made from Ŷ. */
    public enum Mode {
        /** Ŷ ≥ threshold ("HNN", "WSSS-k" in Table 3). */
        CNN,
        /** S(Ŷ, R̂, R) seeds + GrabCut ("WSSS-7-GC"). */
        GRABCUT
    }

    private final SliceSegmenter model;
    private final InferenceConfig config;
    private final Mode mode;
    private final Components parts;

    /** A segmenter over {@code model} with the default parts ({@link Components#forNetwork}). */
    public SlicePropagatedSegmenter(SliceSegmenter model, InferenceConfig config, Mode mode) {
        this(model, config, mode, Components.forNetwork(config.propagation(), config.seeds(), config.grabCut()));
    }

    /**
     * A segmenter over {@code model} with {@code parts} in place of the defaults (in the "-GC"
     * mode an {@link HnnModel} is read through {@link HnnModel#recistCalibrated()}): the
     * {@code propagator} gives R̂ (and so the walk's extent), the {@code seeds} (with Ŷ as prior
     * and R as reference) and {@code refiner} make the "-GC" slice masks. The RECIST slice is
     * segmented by the network; {@code parts.initialMask()} runs there only to give the intensity
     * stop its range ({@link IntensityStop.RangeFrom#INITIAL_MASK}). Of {@code config} the
     * propagation, seed and GrabCut settings are those of the default parts only.
     */
    public SlicePropagatedSegmenter(SliceSegmenter model, InferenceConfig config, Mode mode, Components parts) {
        Objects.requireNonNull(model, "model");
        // The "-GC" walk's seed confidences were chosen under the RECIST-slice calibration.
        this.model = mode == Mode.GRABCUT && model instanceof HnnModel h ? h.recistCalibrated() : model;
        this.config = Objects.requireNonNull(config, "config");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.parts = Objects.requireNonNull(parts, "parts");
    }

    /** The 3D mask ({@link #segmentWithProbabilities(LesionCase)}'s mask). */
    @Override
    public Mask3D segment(LesionCase lesion) {
        return segmentWithProbabilities(lesion).mask();
    }

    /**
     * The 3D mask and the probability maps of the visited slices.
     *
     * @throws IllegalArgumentException if the RECIST slice is not stored or a mark does not fit
     *     its slice (naming the case and the slice)
     * @throws org.wsss.api.WsssIoException if a slice cannot be read
     */
    public LesionSegmentation segmentWithProbabilities(LesionCase lesion) {
        Objects.requireNonNull(lesion, "lesion");
        Recist r = lesion.recist();
        int[] indices = lesion.sliceIndices();
        int key = lesion.zOf(r.sliceIndex());
        if (key < 0) {
            throw new IllegalArgumentException("case " + lesion.id() + ": RECIST slice " + r.sliceIndex()
                    + " is not among its stored slices");
        }
        Roi roi = RoiSampler.recistRoi(r);
        List<String> notes = new ArrayList<>();
        Mask[] masks = new Mask[indices.length];
        ProbabilityMap[] maps = new ProbabilityMap[indices.length];

        // Candidates of each side: stored slices up to R̂'s extent plus the margin.
        List<List<Integer>> zs = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Optional<Recist>>> marks = List.of(new ArrayList<>(), new ArrayList<>());
        String[] limit = new String[2];
        for (int side = 0; side < 2; side++) {
            int step = side == 0 ? -1 : 1;
            int emptyRun = 0;
            for (int z = key + step; z >= 0 && z < indices.length; z += step) {
                Optional<Recist> rHat = parts.propagator().propagate(r, indices[z], lesion.spacing());
                emptyRun = rHat.isPresent() ? 0 : emptyRun + 1;
                if (emptyRun > config.marginSlices()) {
                    limit[side] = String.format(Locale.ROOT, "%s: stopped at slice %d, %d slice(s) past the propagated "
                            + "extent", side == 0 ? "below" : "above", indices[z], emptyRun);
                    break;
                }
                zs.get(side).add(z);
                marks.get(side).add(rHat);
            }
        }
        // One batched call for the RECIST slice and every candidate.
        List<Integer> order = new ArrayList<>();
        order.add(key);
        order.addAll(zs.get(0));
        order.addAll(zs.get(1));
        List<Slice> slices = new ArrayList<>(order.size());
        List<SliceSegmenter.Request> requests = new ArrayList<>(order.size());
        List<Double> offsets = model.contextOffsetsMm();
        LesionCase reads = offsets.isEmpty() ? lesion : lesion.cachingSlices();
        for (int z : order) {
            Slice s = reads.slice(indices[z]);
            slices.add(s);
            requests.add(new SliceSegmenter.Request(s, roi, lesion.window(), reads.context(indices[z], offsets)));
        }
        List<ProbabilityMap> probs = model.predictAll(requests);

        Slice keySlice = slices.get(0);
        ProbabilityMap keyProb = probs.get(0);
        maps[key] = keyProb;
        Mask keyRaw = sliceMask(lesion, keySlice, Optional.of(r), keyProb);
        Mask mark = Mask.of(lesion.width(), lesion.height(), SeedGeometry.rasterise(r, Roi.full(lesion.width(),
                lesion.height())));
        Mask keyMask = Assembly.connectedToPrevious(keyRaw, mark, config.connectivity());
        if (keyMask.isEmpty()) {
            keyMask = mark;
            notes.add("fallback: no lesion found on the RECIST slice touching the mark; the mask there is the "
                    + "mark's " + mark.count() + " rasterised pixels");
        }
        masks[key] = keyMask;
        Optional<RecistPropagator> lowContrastGeometry = lowContrastGeometry(keyMask, keySlice, notes);

        int[] last = {key, key};
        int offset = 1;
        for (int side = 0; side < 2; side++) {
            String where = side == 0 ? "below" : "above";
            Mask prev = keyMask;
            boolean ended = false;
            List<Integer> candidates = zs.get(side);
            for (int i = 0; i < candidates.size(); i++) {
                int z = candidates.get(i);
                ProbabilityMap p = probs.get(offset + i);
                maps[z] = p;
                Optional<Recist> rHat = lowContrastGeometry.isPresent()
                        ? lowContrastGeometry.get().propagate(r, indices[z], lesion.spacing()) : marks.get(side).get(i);
                if (lowContrastGeometry.isPresent() && rHat.isEmpty()) {
                    notes.add(where + ": stopped at slice " + indices[z] + ", past the confirmed extent (low contrast)");
                    ended = true;
                    break;
                }
                Mask m = Assembly.connectedToPrevious(sliceMask(lesion, slices.get(offset + i), rHat, p),
                        prev, config.connectivity());
                m = Assembly.connectedToPrevious(Assembly.withinReach(m, prev, config.reachMm(), lesion.spacing().x(),
                        lesion.spacing().y()), prev, config.connectivity());
                if (m.isEmpty()) {
                    notes.add(where + ": stopped at slice " + indices[z] + ", nothing connected to the previous slice");
                    ended = true;
                    break;
                }
                Mask inside = insideReference(prev);
                String stop = stopRule(m, inside, lesion.spacing());
                if (stop == null && mode == Mode.GRABCUT && pastConfirmedExtent(r, indices[z], lesion.spacing())) {
                    stop = networkDisagrees(lesion, p, prev, inside);
                }
                if (stop != null) {
                    notes.add(where + ": stopped at slice " + indices[z] + ", " + stop);
                    ended = true;
                    break;
                }
                masks[z] = m;
                prev = m;
                last[side] = z;
            }
            offset += candidates.size();
            if (!ended) {
                notes.add(limit[side] != null ? limit[side] : where + ": reached the last stored slice "
                        + indices[side == 0 ? 0 : indices.length - 1]);
            }
        }

        Mask3D.Builder b = Mask3D.builder(lesion.width(), lesion.height(), indices.length, lesion.spacing());
        for (int z = last[0]; z <= last[1]; z++) {
            b.setSlice(z, masks[z]);
        }
        notes.add(0, "segmented slices " + indices[last[0]] + ".." + indices[last[1]] + " (" + (last[1] - last[0] + 1)
                + " of " + indices.length + " stored)");
        Provenance p = Provenance.of(mode == Mode.CNN ? "hnn-3d" : "hnn-gc-3d", parameters(r))
                .withParent(keyRaw.provenance());
        for (String n : notes) {
            p = p.withNote(n);
        }
        Mask3D kept = Assembly.keepConnectedTo(b.provenance(p).build(), key, keyMask, config.connectivity());
        Slice[] byZ = new Slice[indices.length];
        for (int i = 0; i < order.size(); i++) {
            byZ[order.get(i)] = slices.get(i);
        }
        // every slice the mask can hold was predicted, so read, above
        IntensityStop stop = config.intensityStop();
        Mask initial = null;
        if (stop.rangeFrom() == IntensityStop.RangeFrom.INITIAL_MASK && !stop.isOff()) {
            try {
                initial = parts.initialMask().segment(keySlice, r, lesion.window());
            } catch (IllegalArgumentException e) {
                // a mark the network takes (its ROI pads past the slice) that the initial method refuses
                kept = kept.withProvenance(kept.provenance().withNote("intensity range from the walk's own RECIST-slice"
                        + " mask: the initial mask failed (" + e.getMessage() + ")"));
                stop = stop.withRangeFrom(IntensityStop.RangeFrom.MASK);
            }
        }
        Mask3D stopped = stop.apply(kept, key, z -> byZ[z], z -> indices[z], initial);
        Mask3D mask = config.intensityTrim().apply(stopped, key, z -> byZ[z]);
        return new LesionSegmentation(mask, maps);
    }

    /**
     * In the "-GC" mode, for a lesion whose RECIST-slice contrast ({@link LesionContrast}) lies
     * below {@code lowContrastHu}: the confirmed extent's geometry, from which its R̂ then comes
     * (with a note); otherwise empty, and R̂ comes from the parts' propagator.
     */
    private Optional<RecistPropagator> lowContrastGeometry(Mask keyMask, Slice keySlice, List<String> notes) {
        double scale = config.confirmZRadiusScale();
        if (mode != Mode.GRABCUT || config.lowContrastHu() == 0 || scale == Double.POSITIVE_INFINITY) {
            return Optional.empty();
        }
        OptionalDouble contrast = LesionContrast.of(keyMask, keySlice);
        if (contrast.isEmpty() || contrast.getAsDouble() >= config.lowContrastHu()) {
            return Optional.empty();
        }
        notes.add(String.format(Locale.ROOT, "low contrast on the RECIST slice (%.1f HU < %.1f): R̂ from the "
                + "confirmed extent (z-radius scale %.2f)", contrast.getAsDouble(), config.lowContrastHu(), scale));
        return Optional.of(Propagation.pythagorean(new PropagationConfig(config.propagation().zRadius(), scale)));
    }

    /**
     * What {@link #stopRule} measures a slice's mask against: the previous mask, or its convex
     * hull with {@code insideHull}; computed once per slice, as both rules of the slice use it.
     */
    private Mask insideReference(Mask prev) {
        return config.minInsideFraction() > 0 && config.insideHull() ? prev.convexHull() : prev;
    }

    /**
     * Why the walk ends before slice mask {@code m} (non-empty, connected to the previous mask), or
     * null to go on: less than {@code minInsideFraction} of it lies inside {@code ref}
     * ({@link #insideReference}) grown by {@code insideMarginMm}.
     */
    private String stopRule(Mask m, Mask ref, VoxelSpacing spacing) {
        if (config.minInsideFraction() > 0) {
            long area = m.count();
            long inside = config.insideMarginMm() > 0
                    ? Assembly.withinReach(m, ref, config.insideMarginMm(), spacing.x(), spacing.y()).count()
                    : m.intersectionCount(ref);
            if (inside < config.minInsideFraction() * area) {
                return String.format(Locale.ROOT, "%d of %d px inside the previous cross-section%s grown by %.2f mm"
                        + " (< %.3f)", inside, area, config.insideHull() ? "'s convex hull" : "",
                        config.insideMarginMm(), config.minInsideFraction());
            }
        }
        return null;
    }

    /**
     * Whether slice {@code sliceIndex} lies past R̂'s extent at {@code confirmZRadiusScale} (the
     * default Pythagorean geometry, {@code propagation}'s z-radius rule): there the "-GC" walk
     * needs the network's confirmation.
     */
    private boolean pastConfirmedExtent(Recist r, int sliceIndex, VoxelSpacing spacing) {
        double scale = config.confirmZRadiusScale();
        if (scale == Double.POSITIVE_INFINITY) {
            return false;
        }
        return Propagation.pythagorean(new PropagationConfig(config.propagation().zRadius(), scale))
                .propagate(r, sliceIndex, spacing).isEmpty();
    }

    /**
     * Why the network does not confirm the lesion on a slice past the confirmed extent, or null:
     * its own mask (Ŷ ≥ threshold) has nothing connected to the previous slice's mask, or fails
     * {@link #stopRule} against {@code inside}, the previous mask's {@link #insideReference}.
     */
    private String networkDisagrees(LesionCase lesion, ProbabilityMap p, Mask prev, Mask inside) {
        Mask own = Assembly.connectedToPrevious(p.threshold(lesion.width(), lesion.height(), config.threshold()), prev,
                config.connectivity());
        if (own.isEmpty()) {
            return "past the confirmed extent the network's own mask has nothing connected to the previous slice";
        }
        String why = stopRule(own, inside, lesion.spacing());
        return why == null ? null : "past the confirmed extent the network's own mask has " + why;
    }

    /** The slice's mask before the connectivity rule. */
    private Mask sliceMask(LesionCase lesion, Slice slice, Optional<Recist> rHat, ProbabilityMap p) {
        if (mode == Mode.CNN || rHat.isEmpty()) {
            return p.threshold(slice.width(), slice.height(), config.threshold());
        }
        try {
            SeedInput in = SeedInput.of(slice, rHat.get()).withPrior(p).withReference(lesion.recist());
            return parts.refiner().refine(slice, parts.seeds().generate(in), lesion.window());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("case " + lesion.id() + ", slice " + rHat.get().sliceIndex() + ": "
                    + e.getMessage(), e);
        }
    }

    private Map<String, String> parameters(Recist r) {
        Map<String, String> m = new TreeMap<>();
        m.put("recist", r.toString());
        m.put("mode", mode.name());
        m.put("threshold", Double.toString(config.threshold()));
        m.put("marginSlices", Integer.toString(config.marginSlices()));
        Map<String, String> used = parts.provenance();
        m.put("propagation", used.get("propagation"));
        if (mode == Mode.GRABCUT) {
            m.put("seeds", used.get("seeds"));
            m.put("refiner", used.get("refiner"));
        }
        m.put("connectivity", config.connectivity().name());
        m.put("reachMm", Double.toString(config.reachMm()));
        m.put("minInsideFraction", Double.toString(config.minInsideFraction()));
        m.put("insideMarginMm", Double.toString(config.insideMarginMm()));
        m.put("insideHull", Boolean.toString(config.insideHull()));
        if (mode == Mode.GRABCUT) {
            m.put("confirmZRadiusScale", Double.toString(config.confirmZRadiusScale()));
            m.put("lowContrastHu", Double.toString(config.lowContrastHu()));
        }
        m.put("intensityStop", config.intensityStop().toString());
        if (config.intensityStop().rangeFrom() == IntensityStop.RangeFrom.INITIAL_MASK) {
            m.put("initialMask", used.get("initialMask"));
        }
        m.put("intensityTrim", config.intensityTrim().toString());
        return m;
    }
}
