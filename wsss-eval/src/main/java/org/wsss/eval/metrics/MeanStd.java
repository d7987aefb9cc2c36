package org.wsss.eval.metrics;

import java.util.Collection;

/**
 * Mean and sample standard deviation of a set of per-lesion (or per-slice) scores, as the
 * paper reports them ("mDICE ± std", Tables 1 and 2, Sec. 3).
 *
 * <p>The standard deviation is the sample one, with {@code n − 1} in the denominator; for a
 * single value it is 0 (not undefined), so that a table cell with one lesion still prints.
 *
 * <h2>Deviations from the paper</h2>
 * The paper does not say whether its std is the population or the sample one; this SDK uses the
 * sample std.
 *
 * @param mean arithmetic mean, finite
 * @param std  sample standard deviation, finite and ≥ 0
 * @param n    number of values, ≥ 1
 */
public record MeanStd(double mean, double std, int n) {

    /** Validates the fields. */
    public MeanStd {
        if (n < 1) {
            throw new IllegalArgumentException("MeanStd.n must be >= 1, got " + n);
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("MeanStd.mean must be finite, got " + mean);
        }
        if (!(std >= 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("MeanStd.std must be finite and >= 0, got " + std);
        }
    }

    /**
     * Mean and sample std of {@code values} (two passes, for accuracy).
     *
     * @throws IllegalArgumentException when there is no value, or a value is NaN or infinite
     */
    public static MeanStd of(double... values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("MeanStd of no values is undefined");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("MeanStd: value " + i + " is " + values[i] + "; must be finite");
            }
            sum += values[i];
        }
        double mean = sum / n;
        if (n == 1) {
            return new MeanStd(mean, 0.0, 1);
        }
        double ss = 0;
        for (double v : values) {
            double d = v - mean;
            ss += d * d;
        }
        return new MeanStd(mean, Math.sqrt(ss / (n - 1)), n);
    }

    /** Mean and sample std of a collection of values; see {@link #of(double...)}. */
    public static MeanStd of(Collection<? extends Number> values) {
        double[] a = new double[values.size()];
        int i = 0;
        for (Number v : values) {
            a[i++] = v.doubleValue();
        }
        return of(a);
    }

    /** As the paper prints it, e.g. {@code 0.912±0.080 (n=25)}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.3f±%.3f (n=%d)", mean, std, n);
    }
}
