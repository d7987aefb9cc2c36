package org.wsss.cli;

import picocli.CommandLine.Option;

/** Options shared by every command that does real work. */
final class CommonOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: number of cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 2018L;

    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    /** Checks the values. */
    void validate() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
    }

    org.wsss.api.Progress progress() {
        if (noProgress) {
            return org.wsss.api.Progress.NONE;
        }
        // A bar redraws itself with carriage returns: only on a terminal; a log gets lines.
        return System.console() != null ? new ConsoleProgress(System.err) : new LineProgress(System.err);
    }
}
