package org.wsss.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@link DicomBenchmark}'s three operations timed round by round, interleaved, so that a machine
 * whose load drifts (shared runners) slows all three alike: each round reads the 512 × 512 × 300
 * series, writes the SEG of its lesion and segments the lesion with GrabCut-3DE, and the ratio
 * (read + write) / segment is taken per round; the median over rounds is printed.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.wsss.benchmarks.DicomTimingRun [ROUNDS]} (default 7;
 * the first round is a warm-up and not counted).
 */
public final class DicomTimingRun {

    private DicomTimingRun() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        DicomBenchmark b = new DicomBenchmark();
        b.setUp();
        try {
            double[] read = new double[rounds], write = new double[rounds], segment = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = -1; r < rounds; r++) {
                long t0 = System.nanoTime();
                b.readSeries();
                long t1 = System.nanoTime();
                b.writeSegmentation();
                long t2 = System.nanoTime();
                b.segmentOneLesion();
                long t3 = System.nanoTime();
                if (r >= 0) {
                    read[r] = (t1 - t0) / 1e6;
                    write[r] = (t2 - t1) / 1e6;
                    segment[r] = (t3 - t2) / 1e6;
                    ratio[r] = (read[r] + write[r]) / segment[r];
                    System.out.printf(Locale.ROOT, "round %d: read %.0f ms, write SEG %.0f ms, segment %.0f ms,"
                            + " ratio %.2f%n", r + 1, read[r], write[r], segment[r], ratio[r]);
                }
            }
            System.out.printf(Locale.ROOT, "median: read %.0f ms, write SEG %.0f ms, segment one lesion %.0f ms;"
                    + " (read + write) / segment = %.2f (min %.2f, max %.2f)%n", median(read), median(write),
                    median(segment), median(ratio), Arrays.stream(ratio).min().orElse(0),
                    Arrays.stream(ratio).max().orElse(0));
        } finally {
            b.tearDown();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
