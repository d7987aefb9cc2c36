package org.wsss.cli;

import java.io.PrintStream;
import org.wsss.api.Progress;

/**
 * Progress for a log file or a pipe (no terminal to redraw a bar in): one line when a step
 * starts and one at each further quarter of it.
 */
final class LineProgress implements Progress {

    private final PrintStream stream;
    private String task;
    private long total;
    private long done;
    private int quarter;

    LineProgress(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public synchronized void start(String task, long total) {
        this.task = task;
        this.total = Math.max(total, 1);
        this.done = 0;
        this.quarter = 0;
        stream.println(task + ": 0/" + total);
    }

    @Override
    public synchronized void advance(long n) {
        if (task == null) {
            return;
        }
        done += n;
        int q = (int) Math.min(4, done * 4 / total);
        if (q > quarter) {
            quarter = q;
            stream.println(task + ": " + done + "/" + total);
        }
    }

    @Override
    public synchronized void finish() {
        task = null;
    }
}
