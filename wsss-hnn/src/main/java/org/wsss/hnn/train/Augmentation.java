package org.wsss.hnn.train;

/**
 * Random training-time distortions of a ROI, drawn from a seeded generator: horizontal and
 * vertical flips, a rotation, an isotropic scale and an intensity jitter (gain and offset on the
 * windowed [0, 1] values). The same geometric transform is applied to image and label.
 *
 * @param flips whether each axis is flipped with probability 1/2
 * @param maxRotationDegrees rotation drawn uniformly in ±this, in [0, 180]
 * @param maxScale scale drawn uniformly in [1 − this, 1 + this], in [0, 0.5]
 * @param intensityJitter gain in [1 − this, 1 + this] and offset in ±this, in [0, 0.5]
 */
public record Augmentation(boolean flips, double maxRotationDegrees, double maxScale, double intensityJitter) {

    /** Validates ranges. */
    public Augmentation {
        if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 180)) {
            throw new IllegalArgumentException("Augmentation maxRotationDegrees must lie in [0, 180], got " + maxRotationDegrees);
        }
        if (!(maxScale >= 0 && maxScale <= 0.5)) {
            throw new IllegalArgumentException("Augmentation maxScale must lie in [0, 0.5], got " + maxScale);
        }
        if (!(intensityJitter >= 0 && intensityJitter <= 0.5)) {
            throw new IllegalArgumentException("Augmentation intensityJitter must lie in [0, 0.5], got " + intensityJitter);
        }
    }

    /** Flips, ±10°, ±10 % scale, ±5 % intensity. */
    public static Augmentation defaults() {
        return new Augmentation(true, 10, 0.1, 0.05);
    }

    /** No augmentation. */
    public static Augmentation none() {
        return new Augmentation(false, 0, 0, 0);
    }

    /** Whether every distortion is off. */
    public boolean isNone() {
        return !flips && maxRotationDegrees == 0 && maxScale == 0 && intensityJitter == 0;
    }
}
