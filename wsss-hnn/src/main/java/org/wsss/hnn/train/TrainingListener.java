package org.wsss.hnn.train;

import org.wsss.hnn.loss.LossValues;

/**
 * Hooks into the training loop: progress, logging, early stopping. All methods default to
 * doing nothing; {@link #stopRequested()} is asked after every epoch.
 */
public interface TrainingListener {

    /** After every step. */
    default void onBatchEnd(int epoch, int batch, int batches, LossValues loss) {
    }

    /** After every epoch (and its checkpoint). */
    default void onEpochEnd(EpochSummary summary) {
    }

    /** Whether training should stop now. */
    default boolean stopRequested() {
        return false;
    }

    /**
     * One epoch's figures.
     *
     * @param epoch 0-based epoch index
     * @param train mean loss parts over the epoch's steps
     * @param validationLoss mean total loss on the validation set (no augmentation), NaN if none
     * @param learningRate learning rate in force
     * @param seconds wall time of the epoch
     */
    record EpochSummary(int epoch, LossValues train, double validationLoss, double learningRate, double seconds) {
        /** The loss that plateau detection and early stopping watch: validation, else training. */
        public double monitored() {
            return Double.isNaN(validationLoss) ? train.total() : validationLoss;
        }
    }
}
