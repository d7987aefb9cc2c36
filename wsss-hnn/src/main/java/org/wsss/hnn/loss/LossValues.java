package org.wsss.hnn.loss;

/**
 * The parts of the loss of Eq. 2 for one batch, each tracked on its own for logging:
 * {@code total = r + alpha·f + beta·b}. The parts are summed over the network's outputs.
 *
 * @param r L_R
 * @param f L_F (before weighting by α)
 * @param b L_B (before weighting by β)
 * @param alpha the α in force
 * @param beta the β in force
 * @param total the loss that was minimised
 */
public record LossValues(double r, double f, double b, double alpha, double beta, double total) {

    /** One line for a log. */
    @Override
    public String toString() {
        return String.format("L=%.5f (L_R=%.5f, L_F=%.5f x a=%.3f, L_B=%.5f x b=%.3f)", total, r, f, alpha, b, beta);
    }
}
