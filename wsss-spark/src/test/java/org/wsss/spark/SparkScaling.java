package org.wsss.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.wsss.eval.jobs.SegmentSettings;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;

/**
 * Throughput of the 3D segmentation job on {@code local[1]} and {@code local[2]} against the
 * {@code wsss segment} tool with 1 and 2 threads, on the same phantom and the same cores, in one
 * JVM and one run (rounds alternate the runners so a change of machine load hits all of them):
 * lesions per second, the ratios, where the job's time goes, and the wall time projected for
 * DeepLesion's 32,735 lesions on N executors. Not a unit test: run by hand (see the module README).
 *
 * <p>Arguments: {@code [lesions (default 24)] [rounds (default 2)] [method (default grabcut-3de)] [work dir]}.
 */
public final class SparkScaling {

    private SparkScaling() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String method = args.length > 2 ? args[2] : "grabcut-3de";
        Path work = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("wsss-spark-scaling");
        Path data = work.resolve("phantom");
        if (!Files.exists(data.resolve("DL_info.csv"))) {
            Phantom.export(PhantomConfig.defaults().withCount(n).withSeed(2018), data);
        }
        // Warm-up: JIT and the native stacks, in this JVM, for every runner alike.
        cli(data, work.resolve("warm-cli"), 2, method);
        spark(data, work.resolve("warm-spark"), 2, method);
        List<double[]> rows = new ArrayList<>();
        double[] sum = new double[4];
        SparkJobs.Timings[] last = new SparkJobs.Timings[2];
        for (int r = 0; r < rounds; r++) {
            double c1 = cli(data, work.resolve("cli1-" + r), 1, method);
            SparkJobs.Report s1 = spark(data, work.resolve("spark1-" + r), 1, method);
            SparkJobs.Report s2 = spark(data, work.resolve("spark2-" + r), 2, method);
            double c2 = cli(data, work.resolve("cli2-" + r), 2, method);
            double[] row = {n / c1, n / s1.timings().wall(), n / s2.timings().wall(), n / c2};
            rows.add(row);
            for (int k = 0; k < 4; k++) {
                sum[k] += row[k];
            }
            last[0] = s1.timings();
            last[1] = s2.timings();
            System.out.printf(Locale.ROOT, "round %d: lesions/s cli-1 %.3f spark-1 %.3f spark-2 %.3f cli-2 %.3f%n",
                    r + 1, row[0], row[1], row[2], row[3]);
        }
        double cli1 = sum[0] / rounds, sp1 = sum[1] / rounds, sp2 = sum[2] / rounds, cli2 = sum[3] / rounds;
        System.out.printf(Locale.ROOT, "%n%d lesions, method %s, %d rounds (mean lesions/s)%n", n, method, rounds);
        System.out.println("| runner | lesions/s |");
        System.out.println("|---|---|");
        System.out.printf(Locale.ROOT, "| wsss segment --threads 1 | %.3f |%n", cli1);
        System.out.printf(Locale.ROOT, "| spark local[1] | %.3f |%n", sp1);
        System.out.printf(Locale.ROOT, "| spark local[2] | %.3f |%n", sp2);
        System.out.printf(Locale.ROOT, "| wsss segment --threads 2 | %.3f |%n", cli2);
        System.out.printf(Locale.ROOT, "spark 2 executors / 1 executor: %.2fx; overhead of spark local[1] over the tool"
                + " with 1 thread: %.1f %%; spark local[2] vs tool with 2 threads: %.1f %%%n", sp2 / sp1,
                100 * (cli1 / sp1 - 1), 100 * (cli2 / sp2 - 1));
        for (int k = 0; k < 2; k++) {
            SparkJobs.Timings t = last[k];
            double total = t.stage() + t.read() + t.compute() + t.write() + t.measure() + t.setup();
            System.out.printf(Locale.ROOT, "local[%d] last round, summed over lesions: stage %.2f s, read %.2f s, compute"
                    + " %.2f s, write %.2f s, measure %.2f s, setup %.2f s (%.1f %% compute); sum %.2f s; wall %.2f s"
                    + " (%.2f s outside lesion work at %d core(s))%n", k + 1, t.stage(), t.read(), t.compute(),
                    t.write(), t.measure(), t.setup(), 100 * t.compute() / total, total, t.wall(),
                    t.wall() - total / (k + 1), k + 1);
        }
        double perLesion = 1 / sp1; // one executor core
        double eff = sp2 / sp1 / 2;
        System.out.println("projected wall time for 32,735 lesions (one core per executor, per-lesion time of"
                + " local[1], scaling efficiency of local[2]):");
        for (int ex : new int[] {1, 2, 8, 32, 128}) {
            double e = ex == 1 ? 1 : eff;
            System.out.printf(Locale.ROOT, "  %4d executors: %.2f h%n", ex, 32735 * perLesion / (ex * e) / 3600);
        }
    }

    private static double cli(Path data, Path out, int threads, String method) {
        long t = System.nanoTime();
        SparkFixture.cli("segment", "--deeplesion", data.toString(), "--method", method, "--out", out.toString(),
                "--threads", Integer.toString(threads), "--no-progress");
        return (System.nanoTime() - t) * 1e-9;
    }

    private static SparkJobs.Report spark(Path data, Path out, int cores, String method) {
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("wsss-spark-scaling")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        try {
            return SparkJobs.segment(spark, data.toString(), SegmentSettings.of(method), null, null,
                    SparkJobs.Options.of(out.toString(), 4 * cores));
        } finally {
            spark.stop();
        }
    }
}
