package org.wsss.grabcut.crf;

import java.util.Map;
import java.util.TreeMap;

/**
 * Parameters of the dense CRF refiner (Krähenbühl and Koltun 2011) used as the DCRF baseline
 * of Sec. 3.1. The paper reports DCRF "at its best configuration" without giving it; the grid
 * search over these parameters belongs to the evaluation.
 *
 * <p>The appearance kernel's widths follow the lesion: each is a fixed part plus a part that
 * scales with what the refiner measures on the seed map and the ROI,
 * <pre>
 *   θ_α = bilateralSigmaPx + bilateralSigmaSizeFraction × lesion size (px)
 *   θ_β = bilateralSigmaIntensity + bilateralSigmaNoiseMultiple × image noise σ (gray levels)
 * </pre>
 * where the lesion size is the short side of the bounding box of the FG and PFG seeds (for the
 * box-i seeds, the tight RECIST box) and the noise σ is the robust spread of neighbouring pixel
 * differences in the windowed ROI (see {@link DenseCrfRefiner}); θ_α is at least
 * {@value #MIN_SIGMA_PX} px and θ_β at least {@value #MIN_SIGMA_GRAY} gray levels. With both
 * scaled parts zero the widths are the fixed constants of {@link #fixedDefaults()}.
 *
 * <p><b>Deviations from the paper.</b> The paper's DCRF (and Krähenbühl and Koltun's) has
 * fixed kernel widths. Fixed widths in gray levels assume a contrast: at θ_β = 10 gray levels
 * a lesion 20 HU from its surroundings under a soft-tissue window (11 gray levels) is not told
 * apart from them, the appearance kernel acts as a wide smoothness kernel, and the seed
 * unary's 3:1 majority of background in the ROI erases the lesion. Scaling θ_β with the noise
 * keeps the kernel as sharp, relative to the image, on a 20 HU head lesion as on a 100 HU
 * abdominal one, and scaling θ_α with the lesion keeps the kernel's reach inside small lesions.
 *
 * @param iterations mean-field iterations, in [1, 100]
 * @param gaussianWeight weight w⁽²⁾ of the smoothness kernel exp(−|p_i − p_j|² / 2θ_γ²), ≥ 0
 * @param gaussianSigmaPx θ_γ in pixels, > 0
 * @param bilateralWeight weight w⁽¹⁾ of the appearance kernel, ≥ 0
 * @param bilateralSigmaPx fixed part of θ_α in pixels, ≥ 0
 * @param bilateralSigmaSizeFraction part of θ_α per pixel of lesion size, ≥ 0; this or
 *     {@code bilateralSigmaPx} > 0
 * @param bilateralSigmaIntensity fixed part of θ_β in windowed gray levels (0..255), ≥ 0
 * @param bilateralSigmaNoiseMultiple part of θ_β per gray level of image noise σ, ≥ 0; this or
 *     {@code bilateralSigmaIntensity} > 0
 * @param foregroundSeedProbability lesion probability the unary gives an FG seed, in (0, 1)
 * @param probableForegroundSeedProbability the same for a PFG seed
 * @param probableBackgroundSeedProbability the same for a PBG seed
 * @param backgroundSeedProbability the same for a BG seed
 */
public record DenseCrfConfig(int iterations, double gaussianWeight, double gaussianSigmaPx, double bilateralWeight,
                             double bilateralSigmaPx, double bilateralSigmaSizeFraction,
                             double bilateralSigmaIntensity, double bilateralSigmaNoiseMultiple,
                             double foregroundSeedProbability, double probableForegroundSeedProbability,
                             double probableBackgroundSeedProbability, double backgroundSeedProbability) {

    /** Smallest θ_α, in pixels: below it the kernel reaches no neighbour. */
    public static final double MIN_SIGMA_PX = 1.0;

    /** Smallest θ_β, in gray levels: half a step of an 8-bit display, for a noiseless ROI. */
    public static final double MIN_SIGMA_GRAY = 0.5;

    /** Validates every field. */
    public DenseCrfConfig {
        if (iterations < 1 || iterations > 100) {
            throw new IllegalArgumentException("DenseCrfConfig.iterations must lie in [1, 100], got " + iterations);
        }
        nonNegative("gaussianWeight", gaussianWeight);
        positive("gaussianSigmaPx", gaussianSigmaPx);
        nonNegative("bilateralWeight", bilateralWeight);
        nonNegative("bilateralSigmaPx", bilateralSigmaPx);
        nonNegative("bilateralSigmaSizeFraction", bilateralSigmaSizeFraction);
        nonNegative("bilateralSigmaIntensity", bilateralSigmaIntensity);
        nonNegative("bilateralSigmaNoiseMultiple", bilateralSigmaNoiseMultiple);
        if (bilateralSigmaPx == 0 && bilateralSigmaSizeFraction == 0) {
            throw new IllegalArgumentException("DenseCrfConfig.bilateralSigmaPx or bilateralSigmaSizeFraction must be"
                    + " > 0, got both 0");
        }
        if (bilateralSigmaIntensity == 0 && bilateralSigmaNoiseMultiple == 0) {
            throw new IllegalArgumentException("DenseCrfConfig.bilateralSigmaIntensity or bilateralSigmaNoiseMultiple"
                    + " must be > 0, got both 0");
        }
        probability("foregroundSeedProbability", foregroundSeedProbability);
        probability("probableForegroundSeedProbability", probableForegroundSeedProbability);
        probability("probableBackgroundSeedProbability", probableBackgroundSeedProbability);
        probability("backgroundSeedProbability", backgroundSeedProbability);
    }

    /**
     * 5 iterations; smoothness w = 3, θ_γ = 3 px; appearance w = 10, θ_α = 0.15 × lesion size,
     * θ_β = 1 × image noise σ; unary FG 0.9, PFG 0.6, PBG 0.4, BG 0.1. The appearance
     * constants were chosen on the validation split of the demo phantom and of lesions inserted
     * into a real head CT (the module README gives the runs).
     */
    public static DenseCrfConfig defaults() {
        return new DenseCrfConfig(5, 3, 3, 10, 0, 0.15, 0, 1.0, 0.9, 0.6, 0.4, 0.1);
    }

    /**
     * The former fixed widths, for comparison: appearance w = 5, θ_α = 10 px, θ_β = 10 gray
     * levels, whatever the lesion; the rest as {@link #defaults()}.
     */
    public static DenseCrfConfig fixedDefaults() {
        return new DenseCrfConfig(5, 3, 3, 5, 10, 0, 10, 0, 0.9, 0.6, 0.4, 0.1);
    }

    /** The same with another iteration count. */
    public DenseCrfConfig withIterations(int n) {
        return new DenseCrfConfig(n, gaussianWeight, gaussianSigmaPx, bilateralWeight, bilateralSigmaPx,
                bilateralSigmaSizeFraction, bilateralSigmaIntensity, bilateralSigmaNoiseMultiple,
                foregroundSeedProbability, probableForegroundSeedProbability, probableBackgroundSeedProbability,
                backgroundSeedProbability);
    }

    /** The same with another appearance kernel: weight, θ_α's size fraction, θ_β's noise multiple (no fixed parts). */
    public DenseCrfConfig withScaledAppearance(double weight, double sizeFraction, double noiseMultiple) {
        return new DenseCrfConfig(iterations, gaussianWeight, gaussianSigmaPx, weight, 0, sizeFraction, 0,
                noiseMultiple, foregroundSeedProbability, probableForegroundSeedProbability,
                probableBackgroundSeedProbability, backgroundSeedProbability);
    }

    /**
     * θ_α for a lesion of {@code lesionSizePx} pixels (≥ 0): the fixed part plus the scaled one,
     * at least {@link #MIN_SIGMA_PX}.
     */
    public double appearanceSigmaPx(double lesionSizePx) {
        if (!(lesionSizePx >= 0) || !Double.isFinite(lesionSizePx)) {
            throw new IllegalArgumentException("lesion size must be finite and >= 0 px, got " + lesionSizePx);
        }
        return Math.max(MIN_SIGMA_PX, bilateralSigmaPx + bilateralSigmaSizeFraction * lesionSizePx);
    }

    /**
     * θ_β for an image noise σ of {@code noiseGray} gray levels (≥ 0): the fixed part plus the
     * scaled one, at least {@link #MIN_SIGMA_GRAY}.
     */
    public double appearanceSigmaGray(double noiseGray) {
        if (!(noiseGray >= 0) || !Double.isFinite(noiseGray)) {
            throw new IllegalArgumentException("noise sigma must be finite and >= 0 gray levels, got " + noiseGray);
        }
        return Math.max(MIN_SIGMA_GRAY, bilateralSigmaIntensity + bilateralSigmaNoiseMultiple * noiseGray);
    }

    Map<String, String> asParameters() {
        Map<String, String> m = new TreeMap<>();
        m.put("iterations", Integer.toString(iterations));
        m.put("gaussianWeight", Double.toString(gaussianWeight));
        m.put("gaussianSigmaPx", Double.toString(gaussianSigmaPx));
        m.put("bilateralWeight", Double.toString(bilateralWeight));
        m.put("bilateralSigmaPx", Double.toString(bilateralSigmaPx));
        m.put("bilateralSigmaSizeFraction", Double.toString(bilateralSigmaSizeFraction));
        m.put("bilateralSigmaIntensity", Double.toString(bilateralSigmaIntensity));
        m.put("bilateralSigmaNoiseMultiple", Double.toString(bilateralSigmaNoiseMultiple));
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
