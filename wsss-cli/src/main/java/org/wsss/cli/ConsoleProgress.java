package org.wsss.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.wsss.api.Progress;

/**
 * A {@link Progress} drawn as a console progress bar on standard error (so standard output
 * stays clean for results). Thread-safe: the bar library synchronises its counter.
 */
final class ConsoleProgress implements Progress {

    private final PrintStream stream;
    private volatile ProgressBar bar;

    ConsoleProgress(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public synchronized void start(String task, long total) {
        finish();
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(total, 1))
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(stream))
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .build();
    }

    @Override
    public void advance(long n) {
        ProgressBar b = bar;
        if (b != null) {
            b.stepBy(n);
        }
    }

    @Override
    public synchronized void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
