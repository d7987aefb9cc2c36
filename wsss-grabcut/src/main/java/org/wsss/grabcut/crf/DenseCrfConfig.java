package org.wsss.grabcut.crf;

import java.util.Map;
import java.util.TreeMap;

/**
 * Parameters of the dense CRF refiner (Krähenbühl and Koltun 2011) used as the DCRF baseline
 * of Sec. 3.1. The paper reports DCRF "at its best configuration" without giving it; these
 * defaults are a reasonable start, and the grid search belongs to the evaluation.
 *
 * @param iterations mean-field iterations, in [1, 100]
 * @param gaussianWeight weight w⁽²⁾ of the smoothness kernel exp(−|p_i − p_j|² / 2θ_γ²), ≥ 0
 * @param gaussianSigmaPx θ_γ in pixels, > 0
 * @param bilateralWeight weight w⁽¹⁾ of the appearance kernel, ≥ 0
 * @param bilateralSigmaPx θ_α in pixels, > 0
 * @param bilateralSigmaIntensity θ_β in windowed gray levels (0..255), > 0
 * @param foregroundSeedProbability lesion probability the unary gives an FG seed, in (0, 1)
 * @param probableForegroundSeedProbability the same for a PFG seed
 * @param probableBackgroundSeedProbability the same for a PBG seed
 * @param backgroundSeedProbability the same for a BG seed
 */
public record DenseCrfConfig(int iterations, double gaussianWeight, double gaussianSigmaPx, double bilateralWeight,
                             double bilateralSigmaPx, double bilateralSigmaIntensity,
                             double foregroundSeedProbability, double probableForegroundSeedProbability,
                             double probableBackgroundSeedProbability, double backgroundSeedProbability) {

    /** Validates every field. */
    public DenseCrfConfig {
        if (iterations < 1 || iterations > 100) {
            throw new IllegalArgumentException("DenseCrfConfig.iterations must lie in [1, 100], got " + iterations);
        }
        nonNegative("gaussianWeight", gaussianWeight);
        positive("gaussianSigmaPx", gaussianSigmaPx);
        nonNegative("bilateralWeight", bilateralWeight);
        positive("bilateralSigmaPx", bilateralSigmaPx);
        positive("bilateralSigmaIntensity", bilateralSigmaIntensity);
        probability("foregroundSeedProbability", foregroundSeedProbability);
        probability("probableForegroundSeedProbability", probableForegroundSeedProbability);
        probability("probableBackgroundSeedProbability", probableBackgroundSeedProbability);
        probability("backgroundSeedProbability", backgroundSeedProbability);
    }

    /**
     * 5 iterations; smoothness w = 3, θ_γ = 3 px; appearance w = 5, θ_α = 10 px, θ_β = 10 gray
     * levels; unary FG 0.9, PFG 0.6, PBG 0.4, BG 0.1.
     */
    public static DenseCrfConfig defaults() {
        return new DenseCrfConfig(5, 3, 3, 5, 10, 10, 0.9, 0.6, 0.4, 0.1);
    }

    /** The same with another iteration count. */
    public DenseCrfConfig withIterations(int n) {
        return new DenseCrfConfig(n, gaussianWeight, gaussianSigmaPx, bilateralWeight, bilateralSigmaPx,
                bilateralSigmaIntensity, foregroundSeedProbability, probableForegroundSeedProbability,
                probableBackgroundSeedProbability, backgroundSeedProbability);
    }

    Map<String, String> asParameters() {
        Map<String, String> m = new TreeMap<>();
        m.put("iterations", Integer.toString(iterations));
        m.put("gaussianWeight", Double.toString(gaussianWeight));
        m.put("gaussianSigmaPx", Double.toString(gaussianSigmaPx));
        m.put("bilateralWeight", Double.toString(bilateralWeight));
        m.put("bilateralSigmaPx", Double.toString(bilateralSigmaPx));
        m.put("bilateralSigmaIntensity", Double.toString(bilateralSigmaIntensity));
        m.put("foregroundSeedProbability", Double.toString(foregroundSeedProbability));
        m.put("probableForegroundSeedProbability", Double.toString(probableForegroundSeedProbability));
        m.put("probableBackgroundSeedProbability", Double.toString(probableBackgroundSeedProbability));
        m.put("backgroundSeedProbability", Double.toString(backgroundSeedProbability));
        return m;
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("DenseCrfConfig." + name + " must be finite and >= 0, got " + v);
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("DenseCrfConfig." + name + " must be finite and > 0, got " + v);
        }
    }

    private static void probability(String name, double v) {
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException("DenseCrfConfig." + name + " must lie in (0, 1), got " + v);
        }
    }
}
