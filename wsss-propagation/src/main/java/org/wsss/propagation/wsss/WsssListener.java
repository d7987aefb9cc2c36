package org.wsss.propagation.wsss;

import org.wsss.hnn.loss.LossValues;
import org.wsss.hnn.train.TrainingListener;

/**
 * Progress of a WSSS-k run ({@link WsssTraining}), e.g. for progress bars. Every method
 * defaults to doing nothing; calls come from the training thread, label progress possibly from
 * label threads (one call at a time).
 */
public interface WsssListener {

    /** Labels of step {@code step}: {@code done} of {@code total} slices processed. */
    default void onLabels(int step, int done, int total) {
    }

    /** Training of step {@code step} (of {@code steps}) starts on {@code examples} examples for {@code epochs} epochs. */
    default void onStepStart(int step, int steps, int examples, int epochs) {
    }

    /** After every training batch of step {@code step}. */
    default void onBatchEnd(int step, int epoch, int batch, int batches, LossValues loss) {
    }

    /** After every epoch of step {@code step}. */
    default void onEpochEnd(int step, TrainingListener.EpochSummary summary) {
    }

    /** After step {@code summary.step()} (trained, or restored from its checkpoint). */
    default void onStepEnd(WsssStep summary) {
    }

    /** A listener that does nothing. */
    static WsssListener none() {
        return new WsssListener() {
        };
    }
}
