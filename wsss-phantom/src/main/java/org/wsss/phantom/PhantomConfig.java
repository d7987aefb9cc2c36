package org.wsss.phantom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wsss.api.LesionCategory;

/**
 * Settings of the synthetic CT lesion phantom ({@link Phantom}). Every case is drawn from these
 * ranges by its own random stream, derived from {@link #seed()} and the case index.
 *
 * @param count number of cases, ≥ 1
 * @param seed master seed; the same seed gives the same cases, pixel for pixel
 * @param minSpacingMm smallest in-plane pixel spacing in mm (clinical CT: 0.6–1.0)
 * @param maxSpacingMm largest in-plane pixel spacing in mm, ≥ {@code minSpacingMm}
 * @param sliceIntervalsMm slice intervals to draw from, uniformly (clinical CT: 1, 2.5, 5 mm)
 * @param minFovPx smallest image width and height in pixels; the field of view scales with the
 *     lesion between the two bounds, and grows past {@code maxFovPx} only when a lesion would
 *     not fit otherwise
 * @param maxFovPx largest image width and height in pixels, ≥ {@code minFovPx}
 * @param categoryWeights relative frequency of each lesion category (non-negative, summing to
 *     more than 0; {@link LesionCategory#UNKNOWN} is not allowed)
 * @param trainFraction probability that a case is in the training split
 * @param validationFraction probability that a case is in the validation split; the rest
 *     ({@code 1 − train − validation}) is test
 * @param minNoiseSigmaHu smallest standard deviation of the CT noise in HU
 * @param maxNoiseSigmaHu largest standard deviation of the CT noise in HU
 * @param adjacentStructureFraction probability that a structure of similar HU (vessel, bowel
 *     loop, organ edge, muscle, node) is placed touching the lesion
 * @param recistLengthPerturbation each RECIST axis is scaled about its midpoint by a factor drawn
 *     uniformly from {@code [1 − p, 1 + p]} (the paper's 20% length noise, Sec. 3)
 * @param recistJitterPx scale of the endpoint jitter in pixels (each coordinate gets Gaussian
 *     noise of σ = jitter / 2, clipped to ± jitter)
 * @param minLongDiameterMm smallest lesion long diameter in mm
 * @param medianLongDiameterMm median of the log-normal long-diameter distribution in mm
 * @param maxLongDiameterMm largest lesion long diameter in mm
 */
public record PhantomConfig(
        int count,
        long seed,
        double minSpacingMm,
        double maxSpacingMm,
        List<Double> sliceIntervalsMm,
        int minFovPx,
        int maxFovPx,
        Map<LesionCategory, Double> categoryWeights,
        double trainFraction,
        double validationFraction,
        double minNoiseSigmaHu,
        double maxNoiseSigmaHu,
        double adjacentStructureFraction,
        double recistLengthPerturbation,
        double recistJitterPx,
        double minLongDiameterMm,
        double medianLongDiameterMm,
        double maxLongDiameterMm) {

    /** Validates every field and copies the collections. */
    public PhantomConfig {
        if (count < 1) {
            throw new IllegalArgumentException("PhantomConfig.count must be >= 1, got " + count);
        }
        checkRange("spacing mm", minSpacingMm, maxSpacingMm, 0.05, 5.0);
        Objects.requireNonNull(sliceIntervalsMm, "sliceIntervalsMm");
        if (sliceIntervalsMm.isEmpty()) {
            throw new IllegalArgumentException("PhantomConfig.sliceIntervalsMm must not be empty");
        }
        for (Double d : sliceIntervalsMm) {
            if (d == null || !(d > 0) || d > 20 || !Double.isFinite(d)) {
                throw new IllegalArgumentException(
                        "PhantomConfig.sliceIntervalsMm values must be in (0, 20] mm, got " + d);
            }
        }
        sliceIntervalsMm = List.copyOf(sliceIntervalsMm);
        if (minFovPx < 32 || maxFovPx > 1024 || maxFovPx < minFovPx) {
            throw new IllegalArgumentException("PhantomConfig FOV must satisfy 32 <= minFovPx <= maxFovPx <= 1024, got "
                    + minFovPx + ".." + maxFovPx);
        }
        Objects.requireNonNull(categoryWeights, "categoryWeights");
        EnumMap<LesionCategory, Double> w = new EnumMap<>(LesionCategory.class);
        double sum = 0;
        for (Map.Entry<LesionCategory, Double> e : categoryWeights.entrySet()) {
            LesionCategory c = Objects.requireNonNull(e.getKey(), "categoryWeights key");
            Double v = e.getValue();
            if (c == LesionCategory.UNKNOWN) {
                throw new IllegalArgumentException("PhantomConfig.categoryWeights must not contain UNKNOWN");
            }
            if (v == null || !(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("PhantomConfig.categoryWeights[" + c + "] must be finite and >= 0, got " + v);
            }
            w.put(c, v);
            sum += v;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("PhantomConfig.categoryWeights must sum to > 0, got " + sum);
        }
        categoryWeights = Collections.unmodifiableMap(w);
        checkFraction("trainFraction", trainFraction);
        checkFraction("validationFraction", validationFraction);
        if (trainFraction + validationFraction > 1 + 1e-12) {
            throw new IllegalArgumentException("PhantomConfig.trainFraction + validationFraction must be <= 1, got "
                    + (trainFraction + validationFraction));
        }
        checkRange("noise sigma HU", minNoiseSigmaHu, maxNoiseSigmaHu, 0, 200);
        checkFraction("adjacentStructureFraction", adjacentStructureFraction);
        if (!(recistLengthPerturbation >= 0 && recistLengthPerturbation <= 0.5)) {
            throw new IllegalArgumentException(
                    "PhantomConfig.recistLengthPerturbation must be in [0, 0.5], got " + recistLengthPerturbation);
        }
        if (!(recistJitterPx >= 0 && recistJitterPx <= 5)) {
            throw new IllegalArgumentException("PhantomConfig.recistJitterPx must be in [0, 5], got " + recistJitterPx);
        }
        checkRange("long diameter mm", minLongDiameterMm, maxLongDiameterMm, 3, 200);
        if (!(medianLongDiameterMm >= minLongDiameterMm && medianLongDiameterMm <= maxLongDiameterMm)) {
            throw new IllegalArgumentException("PhantomConfig.medianLongDiameterMm must lie in [" + minLongDiameterMm
                    + ", " + maxLongDiameterMm + "], got " + medianLongDiameterMm);
        }
    }

    /**
     * The default phantom: 1,000 cases, seed 20180916, spacing 0.6–1.0 mm, slice intervals
     * 1 / 2.5 / 5 mm, FOV 128–256 px, all eight categories equally likely (so that every
     * per-category statistic rests on enough cases), 70 / 15 / 15 % train / validation / test,
     * noise σ 8–25 HU, 45 % of lesions touching a similar-HU structure, RECIST lengths ±20 %,
     * endpoint jitter 1 px, long diameter 8–60 mm with median 20 mm.
     */
    public static PhantomConfig defaults() {
        EnumMap<LesionCategory, Double> w = new EnumMap<>(LesionCategory.class);
        for (LesionCategory c : LesionCategory.values()) {
            if (c != LesionCategory.UNKNOWN) {
                w.put(c, 1.0);
            }
        }
        return new PhantomConfig(1000, 20180916L, 0.6, 1.0, List.of(1.0, 2.5, 5.0), 128, 256, w,
                0.70, 0.15, 8, 25, 0.45, 0.20, 1.0, 8, 20, 60);
    }

    /** The same settings with another case count. */
    public PhantomConfig withCount(int n) {
        return new PhantomConfig(n, seed, minSpacingMm, maxSpacingMm, sliceIntervalsMm, minFovPx, maxFovPx,
                categoryWeights, trainFraction, validationFraction, minNoiseSigmaHu, maxNoiseSigmaHu,
                adjacentStructureFraction, recistLengthPerturbation, recistJitterPx, minLongDiameterMm,
                medianLongDiameterMm, maxLongDiameterMm);
    }

    /** The same settings with another master seed. */
    public PhantomConfig withSeed(long s) {
        return new PhantomConfig(count, s, minSpacingMm, maxSpacingMm, sliceIntervalsMm, minFovPx, maxFovPx,
                categoryWeights, trainFraction, validationFraction, minNoiseSigmaHu, maxNoiseSigmaHu,
                adjacentStructureFraction, recistLengthPerturbation, recistJitterPx, minLongDiameterMm,
                medianLongDiameterMm, maxLongDiameterMm);
    }

    /** The same settings with other image-size bounds (e.g. small images for fast tests). */
    public PhantomConfig withFov(int minPx, int maxPx) {
        return new PhantomConfig(count, seed, minSpacingMm, maxSpacingMm, sliceIntervalsMm, minPx, maxPx,
                categoryWeights, trainFraction, validationFraction, minNoiseSigmaHu, maxNoiseSigmaHu,
                adjacentStructureFraction, recistLengthPerturbation, recistJitterPx, minLongDiameterMm,
                medianLongDiameterMm, maxLongDiameterMm);
    }

    /** The same settings with other slice intervals. */
    public PhantomConfig withSliceIntervals(List<Double> intervalsMm) {
        return new PhantomConfig(count, seed, minSpacingMm, maxSpacingMm, intervalsMm, minFovPx, maxFovPx,
                categoryWeights, trainFraction, validationFraction, minNoiseSigmaHu, maxNoiseSigmaHu,
                adjacentStructureFraction, recistLengthPerturbation, recistJitterPx, minLongDiameterMm,
                medianLongDiameterMm, maxLongDiameterMm);
    }

    /** The same settings with only {@code c} generated. */
    public PhantomConfig onlyCategory(LesionCategory c) {
        EnumMap<LesionCategory, Double> w = new EnumMap<>(LesionCategory.class);
        w.put(c, 1.0);
        return new PhantomConfig(count, seed, minSpacingMm, maxSpacingMm, sliceIntervalsMm, minFovPx, maxFovPx,
                w, trainFraction, validationFraction, minNoiseSigmaHu, maxNoiseSigmaHu,
                adjacentStructureFraction, recistLengthPerturbation, recistJitterPx, minLongDiameterMm,
                medianLongDiameterMm, maxLongDiameterMm);
    }

    /** Categories with positive weight, in code order, and their cumulative weights. */
    List<LesionCategory> categories() {
        List<LesionCategory> out = new ArrayList<>();
        for (Map.Entry<LesionCategory, Double> e : categoryWeights.entrySet()) {
            if (e.getValue() > 0) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private static void checkFraction(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("PhantomConfig." + name + " must be in [0, 1], got " + v);
        }
    }

    private static void checkRange(String what, double lo, double hi, double min, double max) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo < min || hi > max || hi < lo) {
            throw new IllegalArgumentException("PhantomConfig " + what + " range must satisfy " + min + " <= min <= max <= "
                    + max + ", got " + lo + ".." + hi);
        }
    }
}
