package org.wsss.propagation.inference;

import java.util.Objects;
import org.wsss.grabcut.opencv.GrabCutConfig;
import org.wsss.grabcut.seeds.CnnSeedsConfig;
import org.wsss.propagation.assembly.Connectivity3D;
import org.wsss.propagation.geometry.PropagationConfig;

/**
 * Parameters of slice-propagated 3D inference ({@link SlicePropagatedSegmenter}).
 *
 * @param threshold Ŷ at or above it is lesion (CNN mode, and the "-GC" mode past R̂'s extent), in (0, 1)
 * @param marginSlices how many stored slices past R̂'s extent (R̂ empty) a side may still walk, ≥ 0
 * @param propagation the lesion's assumed z extent for R̂
 * @param seeds the S(Ŷ, R̂, R) seed rules of the "-GC" mode
 * @param grabCut the GrabCut refiner of the "-GC" mode
 * @param connectivity slice-to-slice contact and the final 3D component
 */
public record InferenceConfig(double threshold, int marginSlices, PropagationConfig propagation, CnnSeedsConfig seeds,
                              GrabCutConfig grabCut, Connectivity3D connectivity) {

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
    }

    /**
     * Threshold 0.5; 2 slices of margin past R̂'s extent (the propagation assumes an ellipsoid,
     * and a lesion may reach a little further than that model says); default propagation, seeds
     * and GrabCut; 6-connectivity.
     */
    public static InferenceConfig defaults() {
        return new InferenceConfig(0.5, 2, PropagationConfig.defaults(), CnnSeedsConfig.defaults(), GrabCutConfig.defaults(),
                Connectivity3D.SIX);
    }

    /** The same with another margin. */
    public InferenceConfig withMarginSlices(int m) {
        return new InferenceConfig(threshold, m, propagation, seeds, grabCut, connectivity);
    }

    /** The same with another threshold. */
    public InferenceConfig withThreshold(double t) {
        return new InferenceConfig(t, marginSlices, propagation, seeds, grabCut, connectivity);
    }
}
