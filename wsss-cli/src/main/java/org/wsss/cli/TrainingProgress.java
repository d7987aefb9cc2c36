package org.wsss.cli;

import org.wsss.api.Progress;
import org.wsss.hnn.train.TrainingListener;
import org.wsss.propagation.wsss.WsssListener;
import org.wsss.propagation.wsss.WsssStep;

/**
 * Shows a WSSS-k run as progress bars: one per label pass and one per training step (advanced
 * every batch), and prints a line per finished step.
 */
final class TrainingProgress implements WsssListener {

    private final Progress progress;
    private int labelStep = -1;
    private int trainStep = -1;
    private int epochs;

    TrainingProgress(Progress progress) {
        this.progress = progress;
    }

    @Override
    public synchronized void onLabels(int step, int done, int total) {
        if (labelStep != step) {
            labelStep = step;
            progress.start("step " + step + ": labels (CNN + S(Y,R^,R) + GrabCut)", total);
        }
        progress.advance(1);
        if (done >= total) {
            progress.finish();
        }
    }

    @Override
    public synchronized void onStepStart(int step, int steps, int examples, int epochs) {
        this.epochs = epochs;
        this.trainStep = -1;
        progress.finish();
        System.err.println("step " + step + " of " + (steps - 1) + ": training on " + examples + " slices, " + epochs
                + " epochs");
    }

    @Override
    public synchronized void onBatchEnd(int step, int epoch, int batch, int batches, org.wsss.hnn.loss.LossValues loss) {
        if (trainStep != step) {
            trainStep = step;
            progress.start("step " + step + ": training", (long) epochs * batches);
        }
        progress.advance(1);
    }

    @Override
    public synchronized void onEpochEnd(int step, TrainingListener.EpochSummary summary) {
    }

    @Override
    public synchronized void onStepEnd(WsssStep s) {
        progress.finish();
        System.err.printf(java.util.Locale.ROOT, "step %d %s: %d slices (%d added, %d skipped, %d seed fallbacks), "
                        + "train loss %.4f, %.0f s%n", s.step(), s.restored() ? "restored from checkpoint" : "done",
                s.examples(), s.added(), s.skipped(), s.seedFallbacks(), s.trainLoss(), s.seconds());
    }
}
