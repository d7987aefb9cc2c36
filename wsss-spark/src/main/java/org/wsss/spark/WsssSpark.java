package org.wsss.spark;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.wsss.api.Split;
import org.wsss.api.WsssIoException;
import org.wsss.eval.jobs.Evaluation;
import org.wsss.eval.jobs.SegmentSettings;
import org.wsss.propagation.assembly.IntensityStop;
import org.wsss.propagation.geometry.PropagationConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code spark-submit} entry point: {@code weak-labels}, {@code segment} and {@code evaluate}
 * with the options of the {@code wsss} tool, run as {@link SparkJobs}. Folders may be local paths
 * or Hadoop URIs ({@code hdfs://}, {@code s3a://}, …). Without a master (run with plain
 * {@code java}) it runs on {@code local[*]}.
 *
 * <p>Exit code: 0 all done, 1 some lesions failed, 2 bad usage or unreadable input (the tool's).
 */
@Command(name = "wsss-spark", mixinStandardHelpOptions = true,
        subcommands = {WsssSpark.WeakLabels.class, WsssSpark.Segment.class, WsssSpark.Evaluate.class},
        description = "The wsss tool's lesion-by-lesion commands on Apache Spark.")
public final class WsssSpark implements Runnable {

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        int code = run(args);
        // Stop the session so that event logs are flushed before the JVM exits.
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
        System.exit(code);
    }

    /** Runs the command line on the running (or a new) Spark session; returns the exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new WsssSpark());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            boolean usage = e instanceof IllegalArgumentException || e instanceof WsssIoException;
            line.getErr().println("wsss-spark: " + e.getMessage());
            if (!usage) {
                e.printStackTrace(line.getErr());
            }
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static SparkSession session(String name) {
        SparkSession.Builder b = SparkSession.builder().appName("wsss " + name);
        if (!new SparkConf().contains("spark.master")) {
            b = b.master("local[*]");
        }
        return b.getOrCreate();
    }

    /** Options every job takes. */
    static final class JobOptions {
        @Option(names = "--out", required = true, paramLabel = "OUT",
                description = "Output folder, local path or Hadoop URI (created if missing).")
        String out;

        @Option(names = "--force", description = "Redo lesions whose output already exists.")
        boolean force;

        @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the lesions (default: 4 x"
                + " Spark's default parallelism, i.e. a few tasks per executor core).")
        Integer partitions;

        @Option(names = "--seed", paramLabel = "S", description = "Random seed, as the tool (default: ${DEFAULT-VALUE};"
                + " the masks depend on neither it nor the partitioning).")
        long seed = 2018L;

        SparkJobs.Options options(SparkSession spark) {
            int n = partitions != null ? partitions : 4 * spark.sparkContext().defaultParallelism();
            return new SparkJobs.Options(out, force, n, false);
        }
    }

    @Command(name = "weak-labels", mixinStandardHelpOptions = true,
            description = {"Weak RECIST-slice masks, OUT/<case id>.png, as `wsss weak-labels`; failures in"
                + " OUT/failures.csv and OUT/failures.parquet."})
    static final class WeakLabels implements Callable<Integer> {
        @Option(names = "--deeplesion", required = true, paramLabel = "DIR",
                description = "DeepLesion-layout folder (DL_info.csv and Images_png/), local path or Hadoop URI.")
        String deeplesion;

        @Option(names = "--method", required = true, paramLabel = "METHOD",
                description = "recist-d, grabcut, grabcut-i, grabcut-r (the paper's method) or dcrf.")
        String method;

        @Mixin
        JobOptions job;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SparkSession spark = session("weak-labels");
            SparkJobs.Report r = SparkJobs.weakLabels(spark, deeplesion, method, job.options(spark));
            print(spec, r);
            return r.exitCode();
        }
    }

    @Command(name = "segment", mixinStandardHelpOptions = true,
            description = {"3D masks, OUT/<id>.nii.gz, and OUT/lesions.csv (+ lesions.parquet), as `wsss segment`."})
    static final class Segment implements Callable<Integer> {
        @Option(names = "--deeplesion", required = true, paramLabel = "DIR",
                description = "DeepLesion-layout folder, local path or Hadoop URI.")
        String deeplesion;

        @Option(names = "--model", paramLabel = "MODEL",
                description = "Model file written by `wsss train` (local path or Hadoop URI); broadcast to executors.")
        String model;

        @Option(names = "--method", paramLabel = "METHOD",
                description = "wsss, wsss-cnn or grabcut-3de (default: ${DEFAULT-VALUE}).")
        String method = "wsss";

        @Option(names = "--split", paramLabel = "1|2|3|all", description = "Which rows (default: ${DEFAULT-VALUE}).")
        String split = "all";

        @Option(names = "--z-radius", paramLabel = "HALF_LONG|HALF_SHORT|MEAN_HALF_AXES",
                description = "What the lesion's assumed z semi-axis is derived from (default: MEAN_HALF_AXES).")
        PropagationConfig.ZRadius zRadius;

        @Option(names = "--z-radius-scale", paramLabel = "F", description = "Factor on that z semi-axis"
                + " (default: 1.25 for wsss, 1 for the others).")
        Double zRadiusScale;

        @Option(names = "--threshold", paramLabel = "T", description = "wsss, wsss-cnn: probability threshold"
                + " (default: 0.5).")
        Double threshold;

        @Option(names = "--min-inside-fraction", paramLabel = "F", description = "wsss, wsss-cnn: stopping rule"
                + " (default: 0.8).")
        Double minInsideFraction;

        @Option(names = "--inside-margin", paramLabel = "MM", description = "wsss, wsss-cnn: the stopping rule's"
                + " margin around the previous cross-section, mm (default: 1.5).")
        Double insideMarginMm;

        @Option(names = "--inside-hull", negatable = true, fallbackValue = "true", description = "wsss, wsss-cnn:"
                + " the stopping rule measures against the previous cross-section's convex hull (default: on).")
        Boolean insideHull;

        @Option(names = "--confirm-scale", paramLabel = "F", description = "wsss: past F times the z semi-axis the"
                + " walk needs the network's confirmation; 0 = off (default: 1).")
        Double confirmScale;

        @Option(names = "--seed-confidence", paramLabel = "P", description = "wsss: definite-lesion seed confidence"
                + " (default: 0.95).")
        Double seedConfidence;

        @Option(names = "--background-confidence", paramLabel = "P", description = "wsss: definite-background seed"
                + " confidence (default: 0.8).")
        Double backgroundConfidence;

        @Option(names = "--intensity-stop", paramLabel = "F", description = "Every method: cut where less than F of"
                + " a slice's mask lies in the RECIST-slice mask's HU range; 0 = off (default: 0.3).")
        Double intensityStop;

        @Option(names = "--low-contrast", paramLabel = "HU", description = "wsss: below this RECIST-slice contrast"
                + " (HU) the walk takes its RECIST from the confirmed extent; 0 = off (default: 20).")
        Double lowContrastHu;

        @Option(names = "--intensity-range", paramLabel = "MASK|INITIAL_MASK", description = "wsss, wsss-cnn: the"
                + " RECIST-slice mask whose HU range --intensity-stop reads (default: INITIAL_MASK for wsss-cnn, MASK"
                + " for wsss).")
        IntensityStop.RangeFrom intensityRange;

        @Option(names = "--intensity-trim", paramLabel = "M", description = "Every method: trim each slice's mask to"
                + " the RECIST-slice mask's HU range widened by M times its width; 0 = off (default: 0.25).")
        Double intensityTrim;

        @Mixin
        JobOptions job;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SegmentSettings settings = new SegmentSettings(method, zRadius, zRadiusScale, threshold,
                    minInsideFraction, insideMarginMm, confirmScale, seedConfidence, backgroundConfidence, intensityStop,
                    intensityTrim, insideHull, intensityRange, lowContrastHu);
            settings.inferenceConfig();
            Split s = parseSplit(split);
            SparkSession spark = session("segment");
            SparkJobs.Report r = SparkJobs.segment(spark, deeplesion, settings, model, s, job.options(spark));
            print(spec, r);
            spec.commandLine().getOut().println("masks and " + SparkJobs.LESIONS_FILE + " in " + job.out);
            return r.exitCode();
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = {"Dice, precision, recall of PRED/<id>.nii.gz against ground truth, as `wsss evaluate`."})
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--pred", required = true, paramLabel = "PRED", description = "Folder of predicted masks.")
        String pred;

        @Option(names = "--truth", required = true, paramLabel = "TRUTH",
                description = "DeepLesion-layout folder with ground_truth/, or a folder of <id>.nii.gz.")
        String truth;

        @Option(names = "--partitions", paramLabel = "N", description = "Partitions (default: 4 x default parallelism).")
        Integer partitions;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SparkSession spark = session("evaluate");
            int n = partitions != null ? partitions : 4 * spark.sparkContext().defaultParallelism();
            SparkJobs.EvaluationReport r = SparkJobs.evaluate(spark, pred, truth, new SparkJobs.Options(pred, false,
                    n, false));
            PrintWriter out = spec.commandLine().getOut();
            out.println("## Summary");
            out.println();
            out.print(Evaluation.summary(r.scores(), false).toMarkdown());
            out.println();
            out.println(Evaluation.totals(r.scores()));
            out.println(r.scores().size() + " lesions scored, " + r.failures().size() + " failed"
                    + (r.withoutTruth() == 0 ? "" : ", " + r.withoutTruth() + " masks without ground truth left out")
                    + "; CSV in " + pred);
            return r.exitCode();
        }
    }

    static Split parseSplit(String split) {
        if (split.equals("all")) {
            return null;
        }
        try {
            return Split.ofCode(Integer.parseInt(split));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--split must be 1, 2, 3 or all, got " + split);
        }
    }

    private static void print(CommandSpec spec, SparkJobs.Report r) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(r.summary());
        SparkJobs.Timings t = r.timings();
        out.println("time (s, summed over lesions): stage " + SparkJobs.seconds(t.stage()) + ", read "
                + SparkJobs.seconds(t.read()) + ", compute " + SparkJobs.seconds(t.compute()) + ", write "
                + SparkJobs.seconds(t.write()) + ", measure " + SparkJobs.seconds(t.measure()) + ", setup " + SparkJobs.seconds(t.setup()) + "; wall "
                + SparkJobs.seconds(t.wall()));
        out.flush();
    }
}
