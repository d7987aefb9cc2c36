package org.wsss.hnn.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsss.hnn.loss.LossValues;

/** Ready-made listeners: logging through SLF4J and early stopping. */
public final class TrainingListeners {

    private TrainingListeners() {
    }

    /** Logs every {@code everyBatches}-th step and every epoch at INFO, with each loss part. */
    public static TrainingListener logging(int everyBatches) {
        if (everyBatches < 1) {
            throw new IllegalArgumentException("logging everyBatches must be >= 1, got " + everyBatches);
        }
        Logger log = LoggerFactory.getLogger("org.wsss.hnn.train");
        return new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batches, LossValues loss) {
                if ((batch + 1) % everyBatches == 0) {
                    log.info("epoch {} step {}/{}: {}", epoch, batch + 1, batches, loss);
                }
            }

            @Override
            public void onEpochEnd(TrainingListener.EpochSummary s) {
                log.info("epoch {} done in {} s: train {}, validation L={}, lr={}", s.epoch(),
                        String.format("%.1f", s.seconds()), s.train(), s.validationLoss(), s.learningRate());
            }
        };
    }

    /**
     * Stops when the monitored loss has not improved by more than {@code minDelta} for
     * {@code patience} epochs.
     */
    public static TrainingListener earlyStopping(int patience, double minDelta) {
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("earlyStopping needs patience >= 1 and minDelta >= 0, got " + patience + ", "
                    + minDelta);
        }
        return new TrainingListener() {
            private double best = Double.POSITIVE_INFINITY;
            private int flat;

            @Override
            public void onEpochEnd(TrainingListener.EpochSummary s) {
                if (s.monitored() < best - minDelta) {
                    best = s.monitored();
                    flat = 0;
                } else {
                    flat++;
                }
            }

            @Override
            public boolean stopRequested() {
                return flat >= patience;
            }
        };
    }
}
