package org.wsss.grabcut.opencv;

import java.util.Map;

/**
 * Parameters of the GrabCut refiner.
 *
 * @param iterations GrabCut iterations (GMM re-estimation + graph cut), ≥ 1
 * @param rngSeed seed of the thread's OpenCV RNG, set right before each call: OpenCV's GMM
 *     initialisation (k-means++) draws from it, so without a fixed seed repeated calls differ
 */
public record GrabCutConfig(int iterations, int rngSeed) {

    /** Validates every field. */
    public GrabCutConfig {
        if (iterations < 1 || iterations > 100) {
            throw new IllegalArgumentException("GrabCutConfig.iterations must lie in [1, 100], got " + iterations);
        }
    }

    /** 5 iterations, RNG seed 0x5eed. */
    public static GrabCutConfig defaults() {
        return new GrabCutConfig(5, 0x5eed);
    }

    Map<String, String> asParameters() {
        return Map.of("iterations", Integer.toString(iterations));
    }
}
