package org.wsss.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.wsss.api.ReadLimits;
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

    @Option(names = "--lesion-timeout", paramLabel = "SECONDS",
            description = "Fail a lesion that takes longer than this (it is listed in failures.csv and the run goes on;"
                    + " a lesion whose output was being written as its time ran out may still have it, whole);"
                    + " default: no limit.")
    Double lesionTimeoutSeconds;

    @Option(names = "--limit", paramLabel = "NAME=VALUE",
            description = "Raise or lower a reader limit; repeatable, e.g. --limit csvBytes=1g --limit modelBytes=4g."
                    + " The names are slicePixels, slicesPerSeries, volumeVoxels, csvBytes, csvLineChars, csvRows,"
                    + " modelEntryBytes, modelBytes and activationBytes; their defaults are in the reliability page"
                    + " of the docs folder.")
    List<String> limitOverrides = new ArrayList<>();

    /** Checks the values. */
    void validate() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (lesionTimeoutSeconds != null && !(lesionTimeoutSeconds > 0 && lesionTimeoutSeconds <= 1e7)) {
            throw new IllegalArgumentException("--lesion-timeout must be in (0, 1e7] seconds, got " + lesionTimeoutSeconds);
        }
        limits();
    }

    /** {@link ReadLimits#defaults()} with the {@code --limit} overrides. */
    ReadLimits limits() {
        ReadLimits l = ReadLimits.defaults();
        for (String o : limitOverrides) {
            try {
                l = l.with(o);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--limit: " + e.getMessage(), e);
            }
        }
        return l;
    }

    /** The per-lesion time limit, or null for none. */
    Duration lesionTimeout() {
        return lesionTimeoutSeconds == null ? null : Duration.ofNanos(Math.round(lesionTimeoutSeconds * 1e9));
    }

    org.wsss.api.Progress progress() {
        if (noProgress) {
            return org.wsss.api.Progress.NONE;
        }
        // A bar redraws itself with carriage returns: only on a terminal; a log gets lines.
        return System.console() != null ? new ConsoleProgress(System.err) : new LineProgress(System.err);
    }
}
