package org.wsss.propagation.inference;

import java.util.Objects;
import org.wsss.grabcut.opencv.GrabCutConfig;
import org.wsss.grabcut.seeds.CnnSeedsConfig;
import org.wsss.propagation.assembly.Connectivity3D;
import org.wsss.propagation.assembly.IntensityStop;
import org.wsss.propagation.assembly.IntensityTrim;
import org.wsss.propagation.geometry.PropagationConfig;

/**
 * Parameters of slice-propagated 3D inference ({@link SlicePropagatedSegmenter}).
 *
 * <p>Deviations from the paper: the paper gives no stopping rule and no z extent for the 3D walk.
 * {@code marginSlices}, {@code reachMm}, {@code minInsideFraction} (with {@code insideMarginMm} and
 * {@code insideHull}) and {@code confirmZRadiusScale} are this SDK's rules, and the
 * default {@code propagation} is {@link PropagationConfig#segmentationDefaults()} (z semi-axis
 * the mean of the RECIST half-axes), not the sphere on the long axis; WSSS training uses the same
 * extent by default.
 *
 * @param threshold Ŷ at or above it is lesion (CNN mode, and the "-GC" mode past R̂'s extent), in (0, 1)
 * @param marginSlices how many stored slices past R̂'s extent (R̂ empty) a side may still walk, ≥ 0
 * @param propagation the lesion's assumed z extent for R̂
 * @param seeds the S(Ŷ, R̂, R) seed rules of the "-GC" mode
 * @param grabCut the GrabCut refiner of the "-GC" mode
 * @param connectivity slice-to-slice contact and the final 3D component
 * @param reachMm how far (mm, in-plane) a slice's mask may reach beyond the previous slice's
 *     mask ({@link org.wsss.propagation.assembly.Assembly#withinReach}); ≥ 0, infinite = no limit
 * @param minInsideFraction a side stops at the first slice whose mask has less than this fraction
 *     of its pixels inside the previous slice's mask grown by {@code insideMarginMm}; in [0, 1], 0 = off
 * @param insideMarginMm how far (mm, in-plane) outside the previous slice's mask a pixel still
 *     counts as inside it for {@code minInsideFraction}; finite, ≥ 0
 * @param insideHull whether {@code minInsideFraction} measures against the filled convex hull of
 *     the previous slice's mask ({@link org.wsss.api.Mask#convexHull()}) rather
 *     than the mask itself (before the margin is added)
 * @param confirmZRadiusScale "-GC" mode: on slices past R̂'s extent at this z-radius scale (the
 *     {@code propagation}'s z-radius rule, Pythagorean model), a side goes on only where the
 *     network confirms the lesion: its own mask (Ŷ ≥ {@code threshold}) has pixels connected to the
 *     previous slice's mask and at least {@code minInsideFraction} of them inside that mask grown by
 *     {@code insideMarginMm}; in (0, 10], or infinite = off
 * @param intensityStop where the lesion's intensity ends along z ({@link IntensityStop}), applied
 *     to the assembled mask
 * @param intensityTrim the in-plane cut to the lesion's HU range ({@link IntensityTrim}), applied
 *     after the intensity stop
 * @param lowContrastHu "-GC" mode: on a lesion whose RECIST-slice contrast
 *     ({@link org.wsss.propagation.assembly.LesionContrast}) is below this many HU, R̂ comes from the
 *     confirmed extent's geometry (z-radius scale {@code confirmZRadiusScale}, Pythagorean model)
 *     instead of {@code propagation}, and each side ends where that R̂ does ({@code marginSlices}
 *     does not apply); finite, ≥ 0, 0 = off (and off when the confirmation is off)
 */
public record InferenceConfig(double threshold, int marginSlices, PropagationConfig propagation, CnnSeedsConfig seeds,
                              GrabCutConfig grabCut, Connectivity3D connectivity, double reachMm,
                              double minInsideFraction, double insideMarginMm, boolean insideHull,
                              double confirmZRadiusScale, IntensityStop intensityStop, IntensityTrim intensityTrim,
                              double lowContrastHu) {

    /**
     * The default {@link #insideMarginMm()}: a pixel within 1.5 mm of the previous slice's mask
     * counts as inside it. A cross-section's edge moves by a pixel or so from slice to slice with
     * noise alone, most on low-contrast lesions and on thin slices, where a walk takes many steps;
     * counted strictly, those pixels stopped the walk inside the lesion. Chosen on validation
     * lesions (module README): 1 mm first, 1.5 mm once the model kept two calibrations (the "-GC"
     * walk +0.004 and +0.005 on two training seeds, no change on lesions in real CT; the CNN mode's
     * masks did not change).
     */
    public static final double INSIDE_MARGIN_MM = 1.5;

    /**
     * The default {@link #confirmZRadiusScale()}: past the extent of the CNN mode and GrabCut-3DE
     * (scale 1), the "-GC" walk's longer search ({@link #GC_Z_RADIUS_SCALE}) goes on only where the
     * network still sees the lesion. Without it, R̂'s seeds alone carried the walk to the end of
     * the longer extent wherever the lesion's HU do not differ from the tissue past its end.
     * Measured on validation and test lesions (module README).
     */
    public static final double CONFIRM_Z_RADIUS_SCALE = 1.0;

    /**
     * The default {@link #insideHull()}: the inside-fraction rule measures against the convex hull
     * of the previous cross-section. Where GrabCut or the network cut a lesion's cross-section
     * short on one side (a lobe, a heterogeneous part), the next slice's full cross-section lay
     * largely outside it and the walk ended one slice from the RECIST slice, the whole lesion
     * reduced to one slice; the hull forgives the cut while drift past the end or into a
     * neighbour still lies outside it. Chosen on validation lesions (module README).
     */
    public static final boolean INSIDE_HULL = true;

    /** The default network probability above which a region is a definite "-GC" foreground seed. */
    public static final double SEED_CONFIDENCE = 0.95;

    /** Validates; errors name the field and the value. */
    public InferenceConfig {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("InferenceConfig.threshold must lie in (0, 1), got " + threshold);
        }
        if (marginSlices < 0) {
            throw new IllegalArgumentException("InferenceConfig.marginSlices must be >= 0, got " + marginSlices);
        }
        Objects.requireNonNull(propagation, "InferenceConfig.propagation");
        Objects.requireNonNull(seeds, "InferenceConfig.seeds");
        Objects.requireNonNull(grabCut, "InferenceConfig.grabCut");
        Objects.requireNonNull(connectivity, "InferenceConfig.connectivity");
        if (!(reachMm >= 0)) {
            throw new IllegalArgumentException("InferenceConfig.reachMm must be >= 0 (or infinite), got " + reachMm);
        }
        if (!(minInsideFraction >= 0 && minInsideFraction <= 1)) {
            throw new IllegalArgumentException("InferenceConfig.minInsideFraction must lie in [0, 1], got "
                    + minInsideFraction);
        }
        if (!(insideMarginMm >= 0 && Double.isFinite(insideMarginMm))) {
            throw new IllegalArgumentException("InferenceConfig.insideMarginMm must be finite and >= 0, got "
                    + insideMarginMm);
        }
        if (!(confirmZRadiusScale > 0 && (confirmZRadiusScale <= PropagationConfig.MAX_Z_RADIUS_SCALE
                || confirmZRadiusScale == Double.POSITIVE_INFINITY))) {
            throw new IllegalArgumentException("InferenceConfig.confirmZRadiusScale must lie in (0, "
                    + PropagationConfig.MAX_Z_RADIUS_SCALE + "] or be infinite (off), got " + confirmZRadiusScale);
        }
        Objects.requireNonNull(intensityStop, "InferenceConfig.intensityStop");
        Objects.requireNonNull(intensityTrim, "InferenceConfig.intensityTrim");
        if (!(lowContrastHu >= 0 && Double.isFinite(lowContrastHu))) {
            throw new IllegalArgumentException("InferenceConfig.lowContrastHu must be finite and >= 0, got "
                    + lowContrastHu);
        }
    }

    /**
     * Threshold 0.5 (on a calibrated map, see {@code org.wsss.hnn.model.Calibration}); no margin
     * past R̂'s extent, the limit GrabCut-3DE has too, because a network trained on slices that
     * hold lesion keeps finding "lesion" past its end; propagation
     * {@link PropagationConfig#segmentationDefaults()}; the "-GC" seeds with definite foreground
     * only where Ŷ &gt; 0.95 ({@link #SEED_CONFIDENCE}); default GrabCut; 6-connectivity; no reach
     * limit; a side stops where less than 0.8 of the new cross-section lies inside the previous
     * one's convex hull ({@link #INSIDE_HULL}) grown by {@link #INSIDE_MARGIN_MM}; past the scale-1 extent the "-GC" walk needs the
     * network's confirmation ({@link #CONFIRM_Z_RADIUS_SCALE}, a no-op at this extent); the walk cut
     * where the lesion's intensity ends
     * ({@link IntensityStop#defaults()}, its HU range read from the initial RECIST-slice mask,
     * {@link IntensityStop.RangeFrom#INITIAL_MASK}, so that every network's walk is cut on the same
     * range whatever its own RECIST-slice mask leaves out) and every
     * slice trimmed to the lesion's HU range ({@link IntensityTrim#defaults()}). Each
     * value was chosen on the demo phantom's validation lesions and checked on its test lesions (measurements in the wsss-propagation README and docs/false-positives-3d.md).
     *
     * <p><b>Deviation from the paper.</b> The paper seeds Ŷ &gt; 0.8 as foreground. A network
     * trained on GrabCut-R labels learns their over-segmentation and its 0.8 region reaches past
     * the lesion's edge, where GrabCut then may not cut; at 0.95 the definite seeds are the
     * network's confident core and GrabCut places the edge.
     */
    public static InferenceConfig defaults() {
        return new InferenceConfig(0.5, 0, PropagationConfig.segmentationDefaults(),
                CnnSeedsConfig.defaults().withForegroundConfidence(SEED_CONFIDENCE),
                GrabCutConfig.defaults(), Connectivity3D.SIX, Double.POSITIVE_INFINITY, 0.8, INSIDE_MARGIN_MM,
                INSIDE_HULL, CONFIRM_Z_RADIUS_SCALE,
                IntensityStop.defaults().withRangeFrom(IntensityStop.RangeFrom.INITIAL_MASK), IntensityTrim.defaults(), 0);
    }

    /** The z semi-axis factor of {@link #gcDefaults()}. */
    public static final double GC_Z_RADIUS_SCALE = 1.25;

    /**
     * The defaults of the "-GC" mode: {@link #defaults()} with a z extent of 1.25 × the mean
     * RECIST half-axis and the intensity stop's range read from the walk's own RECIST-slice mask
     * ({@link IntensityStop.RangeFrom#MASK}: itself a GrabCut result; the initial mask's range
     * gave +0.002 / 0.000 on the full-scale validation lesions of two training seeds and 0.000 /
     * +0.001 on the real-CT sets' validation lesions, module README), and low-contrast lesions
     * propagated with the confirmed extent's R̂ ({@link #LOW_CONTRAST_HU}). The "-GC" walk ends
     * where the lesion does by its own evidence (nothing connected, the cross-section drifting
     * out of the previous one, the lesion's intensity ending), so a longer search extent lets it
     * reach tips that the mean half-axis cuts off;
     * GrabCut-3DE and the CNN mode, which lack that evidence or over-run with it, lose by it.
     * Chosen on validation lesions (1.25 / 1.5 / 2 against 1: 0.865 / 0.865 / 0.859 against 0.855
     * on 157 full-scale phantom lesions, 0.896 / 0.896 / 0.878 against 0.893 on 23 lesions in real
     * head CT) and checked on test lesions (module README).
     */
    public static InferenceConfig gcDefaults() {
        InferenceConfig d = defaults();
        return d.withPropagation(new PropagationConfig(d.propagation().zRadius(), GC_Z_RADIUS_SCALE))
                .withIntensityStop(d.intensityStop().withRangeFrom(IntensityStop.RangeFrom.MASK))
                .withLowContrastHu(LOW_CONTRAST_HU);
    }

    /**
     * The "-GC" default of {@link #lowContrastHu()}: a lesion whose RECIST-slice mask differs from
     * the tissue 1–4 mm around it by less than 20 HU (median against median) is propagated with the
     * confirmed extent's R̂ (z-radius scale 1, the CNN mode's) rather than the longer search. Where
     * a lesion barely differs from its surroundings the walk's own evidence of its end (the
     * intensity stop, GrabCut's edge, the network's response) is weak, and the longer extent's
     * larger R̂ seeds carried GrabCut past the end and over the edge. Chosen on validation lesions
     * (15, 20, 25 and 30 HU measured; module README).
     */
    public static final double LOW_CONTRAST_HU = 20;

    /** The same with another low-contrast threshold (HU; 0 = off). */
    public InferenceConfig withLowContrastHu(double hu) {
        return new InferenceConfig(threshold, marginSlices, propagation, seeds, grabCut, connectivity, reachMm,
                minInsideFraction, insideMarginMm, insideHull, confirmZRadiusScale, intensityStop, intensityTrim, hu);
    }

    /** The same with another margin. */
    public InferenceConfig withMarginSlices(int m) {
        return new InferenceConfig(threshold, m, propagation, seeds, grabCut, connectivity, reachMm, minInsideFraction,
                insideMarginMm, insideHull, confirmZRadiusScale, intensityStop, intensityTrim, lowContrastHu);
    }

    /** The same with another threshold. */
    public InferenceConfig withThreshold(double t) {
        return new InferenceConfig(t, marginSlices, propagation, seeds, grabCut, connectivity, reachMm,
                minInsideFraction, insideMarginMm, insideHull, confirmZRadiusScale, intensityStop, intensityTrim, lowContrastHu);
    }

    /** The same with another reach. */
    public InferenceConfig withReachMm(double mm) {
        return new InferenceConfig(threshold, marginSlices, propagation, seeds, grabCut, connectivity, mm,
                minInsideFraction, insideMarginMm, insideHull, confirmZRadiusScale, intensityStop, intensityTrim, lowContrastHu);
    }

    /** The same with another propagation (the lesion's assumed z extent). */
    public InferenceConfig withPropagation(PropagationConfig p) {
        return new InferenceConfig(threshold, marginSlices, p, seeds, grabCut, connectivity, reachMm,
                minInsideFraction, insideMarginMm, insideHull, confirmZRadiusScale, intensityStop, intensityTrim, lowContrastHu);
    }

    /** The same with other "-GC" seed rules. */
    public InferenceConfig withSeeds(CnnSeedsConfig c) {
        return new InferenceConfig(threshold, marginSlices, propagation, c, grabCut, connectivity, reachMm,
                minInsideFraction, insideMarginMm, insideHull, confirmZRadiusScale, intensityStop, intensityTrim, lowContrastHu);
    }

    /** The same with another minimum inside fraction. */
    public InferenceConfig withMinInsideFraction(double f) {
        return new InferenceConfig(threshold, marginSlices, propagation, seeds, grabCut, connectivity, reachMm, f,
                insideMarginMm, insideHull, confirmZRadiusScale, intensityStop, intensityTrim, lowContrastHu);
    }

    /** The same with another margin of the inside-fraction rule (mm). */
    public InferenceConfig withInsideMarginMm(double mm) {
        return new InferenceConfig(threshold, marginSlices, propagation, seeds, grabCut, connectivity, reachMm,
                minInsideFraction, mm, insideHull, confirmZRadiusScale, intensityStop, intensityTrim, lowContrastHu);
    }

    /** The same with another z-radius scale past which the "-GC" walk needs the network's confirmation (infinite = off). */
    public InferenceConfig withConfirmZRadiusScale(double scale) {
        return new InferenceConfig(threshold, marginSlices, propagation, seeds, grabCut, connectivity, reachMm,
                minInsideFraction, insideMarginMm, insideHull, scale, intensityStop, intensityTrim, lowContrastHu);
    }

    /** The same with or without the convex hull of the previous cross-section for the inside-fraction rule. */
    public InferenceConfig withInsideHull(boolean hull) {
        return new InferenceConfig(threshold, marginSlices, propagation, seeds, grabCut, connectivity, reachMm,
                minInsideFraction, insideMarginMm, hull, confirmZRadiusScale, intensityStop, intensityTrim, lowContrastHu);
    }

    /** The same with another intensity trim. */
    public InferenceConfig withIntensityTrim(IntensityTrim t) {
        return new InferenceConfig(threshold, marginSlices, propagation, seeds, grabCut, connectivity, reachMm,
                minInsideFraction, insideMarginMm, insideHull, confirmZRadiusScale, intensityStop, t, lowContrastHu);
    }

    /** The same with another intensity stop. */
    public InferenceConfig withIntensityStop(IntensityStop s) {
        return new InferenceConfig(threshold, marginSlices, propagation, seeds, grabCut, connectivity, reachMm,
                minInsideFraction, insideMarginMm, insideHull, confirmZRadiusScale, s, intensityTrim, lowContrastHu);
    }
}
