package org.wsss.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@link DicomBenchmark}'s operations timed round by round, interleaved, so that a machine whose
 * load drifts (shared runners) slows all alike: each round reads the 512 × 512 × 300 series
 * (open, then decode the slices the lesion's segmentation reads), writes the SEG of its lesion,
 * segments the lesion with GrabCut-3DE and with the SDK's default method ({@code wsss segment}'s
 * {@code --method wsss}, WSSS-7-GC over the shipped pretrained network), then, for comparison
 * and not in those ratios, opens the series again decoding all its slices, and reads it eagerly
 * (every slice decoded at open, the reader before the lazy one). Two ratios are taken per
 * round, (read + write) / GrabCut-3DE and (read + write) / default method; their medians over
 * rounds are printed.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.wsss.benchmarks.DicomTimingRun [ROUNDS]} (default 7;
 * a warm-up round comes first and is not counted).
 */
public final class DicomTimingRun {

    private DicomTimingRun() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        DicomBenchmark b = new DicomBenchmark();
        b.setUp();
        try {
            System.out.printf(Locale.ROOT, "the lesion's segmentation reads %d of %d slices%n",
                    b.touchedSlices().length, DicomBenchmark.DEPTH);
            // interleaved in this order every round, so a drifting load slows all alike
            Runnable[] ops = {b::readSeries, b::writeSegmentation, b::segmentOneLesion,
                b::segmentOneLesionDefaultMethod, b::readSeriesAllSlices, b::readSeriesEager};
            double[][] ms = new double[ops.length][rounds];
            double[] read = ms[0], write = ms[1], gc = ms[2], wsss = ms[3], readAll = ms[4], eager = ms[5];
            double[] ratioGc = new double[rounds], ratioWsss = new double[rounds];
            for (int r = -1; r < rounds; r++) {
                for (int k = 0; k < ops.length; k++) {
                    long t0 = System.nanoTime();
                    ops[k].run();
                    if (r >= 0) {
                        ms[k][r] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                if (r >= 0) {
                    ratioGc[r] = (read[r] + write[r]) / gc[r];
                    ratioWsss[r] = (read[r] + write[r]) / wsss[r];
                    System.out.printf(Locale.ROOT, "round %d: read %.0f ms, write SEG %.0f ms, GrabCut-3DE %.0f ms,"
                            + " default method %.0f ms, read all slices %.0f ms, eager read %.0f ms; ratio to"
                            + " GrabCut-3DE %.2f, to default method %.2f%n", r + 1, read[r], write[r], gc[r], wsss[r],
                            readAll[r], eager[r], ratioGc[r], ratioWsss[r]);
                }
            }
            System.out.printf(Locale.ROOT, "median: read %.0f ms, write SEG %.0f ms, GrabCut-3DE %.0f ms, default"
                    + " method %.0f ms, read all slices %.0f ms, eager read %.0f ms%n", median(read), median(write),
                    median(gc), median(wsss), median(readAll), median(eager));
            double[] lazyOverEager = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                lazyOverEager[r] = read[r] / eager[r];
            }
            System.out.printf(Locale.ROOT, "lazy read / eager read = %.2f (min %.2f, max %.2f)%n",
                    median(lazyOverEager), min(lazyOverEager), max(lazyOverEager));
            System.out.printf(Locale.ROOT, "(read + write) / GrabCut-3DE = %.2f (min %.2f, max %.2f)%n",
                    median(ratioGc), min(ratioGc), max(ratioGc));
            System.out.printf(Locale.ROOT, "(read + write) / default method = %.3f (min %.3f, max %.3f)%n",
                    median(ratioWsss), min(ratioWsss), max(ratioWsss));
        } finally {
            b.tearDown();
        }
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
