package org.wsss.propagation.inference;

import java.util.Objects;
import org.wsss.grabcut.opencv.GrabCutConfig;
import org.wsss.grabcut.seeds.CnnSeedsConfig;
import org.wsss.propagation.assembly.Connectivity3D;
import org.wsss.propagation.geometry.PropagationConfig;

/**
 * Parameters of slice-propagated 3D inference ({@link SlicePropagatedSegmenter}).
 *
 * <p>Deviations from the paper: the paper gives no stopping rule and no z extent for the 3D walk.
 * {@code marginSlices}, {@code reachMm} and {@code minInsideFraction} are this SDK's rules, and the
 * default {@code propagation} is {@link PropagationConfig#segmentationDefaults()} (z semi-axis
 * the mean of the RECIST half-axes), not the sphere on the long axis the WSSS training uses.
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
 *     of its pixels inside the previous slice's mask; in [0, 1], 0 = off
 */
public record InferenceConfig(double threshold, int marginSlices, PropagationConfig propagation, CnnSeedsConfig seeds,
                              GrabCutConfig grabCut, Connectivity3D connectivity, double reachMm,
                              double minInsideFraction) {

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
    }

    /**
     * Threshold 0.5 (on a calibrated map, see {@code org.wsss.hnn.model.Calibration}); no margin
     * past R̂'s extent, the limit GrabCut-3DE has too; propagation
     * {@link PropagationConfig#segmentationDefaults()}; default seeds and GrabCut; 6-connectivity;
     * no reach limit; a side stops where less than 0.8 of the new cross-section lies inside the
     * previous one. The z extent and the inside fraction were chosen on the demo phantom's
     * validation lesions and checked on its test lesions (module README): past the lesion's end a
     * network trained on lesion slices keeps finding "lesion", and what it finds there drifts out
     * of the cross-section below. Measured on the demo phantom's 33 test lesions (n = 200,
     * quick scale), the margin decides a lot: WSSS-7 3D Dice 0.572 with 2 slices of margin and
     * 0.710 with none (0.477 → 0.791 for WSSS-7-GC), because a network trained only on slices
     * that hold lesion keeps finding "lesion" past its end; HNN 0.626 → 0.725. A reach of 0 mm
     * (each cross-section inside the previous one) added 0.004–0.015 on the same lesions, too
     * little to impose the assumption on lesions that shift in-plane from slice to slice.
     */
    public static InferenceConfig defaults() {
        return new InferenceConfig(0.5, 0, PropagationConfig.segmentationDefaults(), CnnSeedsConfig.defaults(),
                GrabCutConfig.defaults(), Connectivity3D.SIX, Double.POSITIVE_INFINITY, 0.8);
    }

    /** The same with another margin. */
    public InferenceConfig withMarginSlices(int m) {
        return new InferenceConfig(threshold, m, propagation, seeds, grabCut, connectivity, reachMm, minInsideFraction);
    }

    /** The same with another threshold. */
    public InferenceConfig withThreshold(double t) {
        return new InferenceConfig(t, marginSlices, propagation, seeds, grabCut, connectivity, reachMm,
                minInsideFraction);
    }

    /** The same with another reach. */
    public InferenceConfig withReachMm(double mm) {
        return new InferenceConfig(threshold, marginSlices, propagation, seeds, grabCut, connectivity, mm,
                minInsideFraction);
    }

    /** The same with another propagation (the lesion's assumed z extent). */
    public InferenceConfig withPropagation(PropagationConfig p) {
        return new InferenceConfig(threshold, marginSlices, p, seeds, grabCut, connectivity, reachMm,
                minInsideFraction);
    }

    /** The same with another minimum inside fraction. */
    public InferenceConfig withMinInsideFraction(double f) {
        return new InferenceConfig(threshold, marginSlices, propagation, seeds, grabCut, connectivity, reachMm, f);
    }
}
