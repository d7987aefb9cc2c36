package org.wsss.api;

/**
 * A CT display window in Hounsfield units: HU values in {@code [lower, upper]} map linearly to
 * {@code [0, 1]}, values outside are clamped. DeepLesion stores one per lesion
 * ({@code DICOM_windows}); Sec. 3 of the paper windows every ROI with it.
 *
 * @param lower lowest HU shown (maps to 0)
 * @param upper highest HU shown (maps to 1), strictly above {@code lower}
 */
public record Window(double lower, double upper) {

    /** The soft-tissue window [−175, 275] HU used when a case carries none. */
    public static final Window DEFAULT = new Window(-175, 275);

    /** Validates the bounds. */
    public Window {
        if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("Window bounds must be finite, got [" + lower + ", " + upper + "]");
        }
        if (!(upper > lower)) {
            throw new IllegalArgumentException("Window upper must exceed lower, got [" + lower + ", " + upper + "]");
        }
    }

    /** A window given by its level (centre) and width, as DICOM writes it. */
    public static Window ofLevelWidth(double level, double width) {
        return new Window(level - width / 2, level + width / 2);
    }

    /** Centre of the window in HU. */
    public double level() {
        return (lower + upper) / 2;
    }

    /** Width of the window in HU. */
    public double width() {
        return upper - lower;
    }

    /** {@code hu} mapped to [0, 1]. */
    public float apply(float hu) {
        double v = (hu - lower) / (upper - lower);
        return (float) (v < 0 ? 0 : v > 1 ? 1 : v);
    }

    /** {@code hu} mapped to an unsigned byte value 0..255 (returned as int). */
    public int toByte(float hu) {
        return (int) Math.round(apply(hu) * 255.0);
    }
}
