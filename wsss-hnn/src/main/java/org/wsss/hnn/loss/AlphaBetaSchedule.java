package org.wsss.hnn.loss;

/**
 * The α/β schedule of Sec. 2.2: "α and β set to small values at the start of training, and
 * to larger values, e.g. 1, when training converges". Both weights ramp linearly from their
 * start values to their end values over {@code rampEpochs} epochs and stay there.
 *
 * <p>Deviations from the paper: the paper gives no ramp shape or length; a linear ramp is the
 * simplest that starts small and ends at 1. Sec. 3.2 uses α = β = 1 throughout, which is
 * {@link #constant(double, double) constant(1, 1)}.
 *
 * @param alphaStart α at epoch 0, ≥ 0
 * @param alphaEnd α from epoch {@code rampEpochs} on, ≥ 0
 * @param betaStart β at epoch 0, ≥ 0
 * @param betaEnd β from epoch {@code rampEpochs} on, ≥ 0
 * @param rampEpochs length of the ramp in epochs, ≥ 0 (0 = end values from the start)
 */
public record AlphaBetaSchedule(double alphaStart, double alphaEnd, double betaStart, double betaEnd, int rampEpochs) {

    /** Validates. */
    public AlphaBetaSchedule {
        check("alphaStart", alphaStart);
        check("alphaEnd", alphaEnd);
        check("betaStart", betaStart);
        check("betaEnd", betaEnd);
        if (rampEpochs < 0) {
            throw new IllegalArgumentException("AlphaBetaSchedule rampEpochs must be >= 0, got " + rampEpochs);
        }
    }

    /** α and β from 0.1 to 1 over 10 epochs. */
    public static AlphaBetaSchedule defaults() {
        return new AlphaBetaSchedule(0.1, 1.0, 0.1, 1.0, 10);
    }

    /** Fixed α and β. */
    public static AlphaBetaSchedule constant(double alpha, double beta) {
        return new AlphaBetaSchedule(alpha, alpha, beta, beta, 0);
    }

    /** α at a (fractional) epoch. */
    public double alpha(double epoch) {
        return ramp(alphaStart, alphaEnd, epoch);
    }

    /** β at a (fractional) epoch. */
    public double beta(double epoch) {
        return ramp(betaStart, betaEnd, epoch);
    }

    private double ramp(double a, double b, double epoch) {
        if (rampEpochs == 0 || epoch >= rampEpochs) {
            return b;
        }
        double t = Math.max(0, epoch) / rampEpochs;
        return a + (b - a) * t;
    }

    private static void check(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("AlphaBetaSchedule " + name + " must be finite and >= 0, got " + v);
        }
    }
}
