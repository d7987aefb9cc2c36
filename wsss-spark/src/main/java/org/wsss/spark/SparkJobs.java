package org.wsss.spark;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.wsss.api.Split;
import org.wsss.api.WsssIoException;
import org.wsss.eval.experiments.Tables;
import org.wsss.eval.jobs.Evaluation;
import org.wsss.eval.jobs.LesionJobs;
import org.wsss.eval.jobs.LesionRow;
import org.wsss.eval.jobs.SegmentSettings;
import org.wsss.eval.metrics.Overlap;
import org.wsss.eval.metrics.SliceErrors;
import org.wsss.io.AtomicFiles;
import org.wsss.io.DeepLesion;
import org.wsss.spark.DeepLesionSource.FailureRow;

/**
 * The {@code wsss} tool's lesion-by-lesion commands as Apache Spark jobs: weak labels (Sec. 2.1,
 * Table 1 methods), 3D segmentation (Sec. 2.3) and evaluation (Sec. 3) of a DeepLesion-layout
 * dataset on any Hadoop-compatible path. The module's entry point; {@link WsssSpark} is its
 * {@code spark-submit} front end.
 *
 * <p>Same outputs as the tool: each lesion runs the code the tool runs ({@link LesionJobs}), so
 * masks are byte-identical and named alike ({@code OUT/<case id>.png}, {@code OUT/<case id>.nii.gz}),
 * written atomically; {@code OUT/failures.csv} lists unreadable rows and failed lesions,
 * {@code OUT/lesions.csv} (segmentation) the volumes. Beside them the same tables as Parquet
 * ({@code failures.parquet/}, {@code lesions.parquet/}) for querying on the cluster.
 *
 * <ul>
 * <li><b>Failures are isolated.</b> A lesion that throws is recorded, never fails the task or
 *     the job.</li>
 * <li><b>Resume.</b> A lesion whose output exists and reads back as a valid mask is skipped
 *     (unless {@code force}); a killed job rerun does only the rest, and temporaries it left are
 *     deleted when the next run starts.</li>
 * <li><b>Series locality.</b> Lesions are partitioned by series ({@link DeepLesionSource#lesions}),
 *     so a series is fetched and its slices decoded once per job.</li>
 * <li><b>Once per executor.</b> The model file is broadcast (sent once to each executor) and
 *     loaded, with the native stacks behind it, once per executor JVM.</li>
 * </ul>
 *
 * <h2>Deviations from the tool</h2>
 * Parallelism is Spark's (tasks over {@code partitions}), not {@code --threads}; an existing
 * output is checked to read back before it is skipped, where the tool only checks that it exists.
 */
public final class SparkJobs {

    /** Failures table. */
    public static final String FAILURES_FILE = "failures.csv";
    /** Lesions table of a segmentation run. */
    public static final String LESIONS_FILE = "lesions.csv";
    /** Records the weak-label method of an output folder, as the tool does. */
    public static final String METHOD_FILE = "weak-labels-method.txt";

    private SparkJobs() {
    }

    /**
     * Where and how a job writes.
     *
     * @param out output folder, a local path or a Hadoop URI (created if missing)
     * @param force redo lesions whose output exists
     * @param partitions number of partitions of the lesions, ≥ 1 (a few per executor core balances load)
     * @param stageThroughHadoop read and write through Hadoop with local staging even for local
     *     folders, as for a cluster file system (for tests)
     */
    public record Options(String out, boolean force, int partitions, boolean stageThroughHadoop)
            implements Serializable {
        /** Checks the values. */
        public Options {
            Objects.requireNonNull(out, "out");
            if (partitions < 1) {
                throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
            }
        }

        /** Writing into {@code out} with {@code partitions} partitions. */
        public static Options of(String out, int partitions) {
            return new Options(out, false, partitions, false);
        }

        /** With {@code force} set. */
        public Options withForce(boolean f) {
            return new Options(out, f, partitions, stageThroughHadoop);
        }

        /** With {@code stageThroughHadoop} set. */
        public Options withStageThroughHadoop(boolean s) {
            return new Options(out, force, partitions, s);
        }

        SparkPaths paths(String dir) {
            return stageThroughHadoop ? SparkPaths.viaHadoop(dir) : SparkPaths.of(dir);
        }
    }

    /**
     * Where the time of the lesions went, summed over lesions (so over executors), in seconds.
     *
     * @param stage fetching series (links or copies) and parsing their rows
     * @param read reading and decoding slice PNGs
     * @param compute computing masks (GrabCut, the network)
     * @param write writing masks, reading them back (and publishing them to a cluster file system)
     * @param measure measuring masks for the lesions table
     * @param setup building methods and loading the model on executors
     * @param wall wall-clock time of the job, from opening the dataset to the last table written
     */
    public record Timings(double stage, double read, double compute, double write, double measure, double setup,
                          double wall) {
    }

    /**
     * What a job did.
     *
     * @param task e.g. {@code weak labels (GrabCut-R)}
     * @param done lesions done
     * @param skipped lesions skipped because a valid output existed
     * @param failures unreadable rows first, then failed lesions in row order
     * @param failuresFile where they were written
     * @param timings where the time went
     */
    public record Report(String task, List<String> done, List<String> skipped, List<FailureRow> failures,
                         String failuresFile, Timings timings) {

        /** 1 when something failed, 0 otherwise (the tool's codes). */
        public int exitCode() {
            return failures.isEmpty() ? 0 : 1;
        }

        /** E.g. {@code weak labels (GrabCut-R): 3 done, 1 already done (skipped), 1 failed (see OUT/failures.csv)}. */
        public String summary() {
            StringBuilder sb = new StringBuilder(task).append(": ").append(done.size()).append(" done");
            if (!skipped.isEmpty()) {
                sb.append(", ").append(skipped.size()).append(" already done (skipped; --force redoes them)");
            }
            sb.append(", ").append(failures.size()).append(" failed");
            if (!failures.isEmpty()) {
                sb.append(" (see ").append(failuresFile).append(')');
            }
            return sb.toString();
        }
    }

    /**
     * Weak RECIST-slice masks of every row of {@code deeplesion}: {@code OUT/<case id>.png}, as
     * {@code wsss weak-labels}.
     *
     * @param method recist-d, grabcut, grabcut-i, grabcut-r or dcrf
     * @throws IllegalArgumentException for an unknown method, or when OUT holds another method's masks
     *     and {@code force} is not set
     * @throws WsssIoException if the dataset cannot be opened or has no usable row
     */
    public static Report weakLabels(SparkSession spark, String deeplesion, String method, Options options) {
        long t0 = System.nanoTime();
        LesionWork.WeakLabels work = new LesionWork.WeakLabels(method);
        SparkPaths data = options.paths(deeplesion);
        SparkPaths out = options.paths(options.out());
        DeepLesionSource src = DeepLesionSource.open(data);
        checkMethodOfEarlierRun(out, work.method(), options.force());
        return run(spark, t0, "weak labels (" + work.method() + ")", src, null, data, out, options, work);
    }

    /**
     * 3D masks of the rows of {@code split} ({@code null} = all): {@code OUT/<case id>.nii.gz} and
     * {@code OUT/lesions.csv}, as {@code wsss segment}.
     *
     * @param model model file written by {@code wsss train} (local path or Hadoop URI); null for grabcut-3de
     * @throws IllegalArgumentException if the method needs a model and none is given
     * @throws WsssIoException if the dataset or the model cannot be read, or no row is usable
     */
    public static Report segment(SparkSession spark, String deeplesion, SegmentSettings settings, String model,
                                 Split split, Options options) {
        long t0 = System.nanoTime();
        if (settings.needsModel() && model == null) {
            throw new IllegalArgumentException("--method " + settings.method() + " needs --model (a file written by"
                    + " `wsss train`)");
        }
        SparkPaths data = options.paths(deeplesion);
        SparkPaths out = options.paths(options.out());
        DeepLesionSource src = DeepLesionSource.open(data);
        Broadcast<byte[]> bytes = null;
        if (settings.needsModel()) {
            bytes = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(readModel(model));
        }
        try {
            return run(spark, t0, "segment (" + settings.method() + ")", src, split, data, out, options,
                    new LesionWork.Segment(settings, bytes));
        } finally {
            if (bytes != null) {
                bytes.destroy();
            }
        }
    }

    private static byte[] readModel(String model) {
        SparkPaths p = SparkPaths.of(model);
        try {
            if (p.isLocal()) {
                return Files.readAllBytes(p.localRoot());
            }
            Path tmp = Files.createTempFile("wsss-model", ".wsss");
            try {
                p.copyToLocal("", tmp);
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new WsssIoException(null, model + ": cannot read the model file: " + e, e);
        }
    }

    private static Report run(SparkSession spark, long t0, String task, DeepLesionSource src, Split split, SparkPaths data,
                              SparkPaths out, Options options, LesionWork work) {
        String appId = spark.sparkContext().applicationId();
        prepareOutput(out, appId);
        List<LesionOutcome> outcomes = new ArrayList<>(src.partitioned(spark, split, options.partitions())
                .mapPartitions(new LesionTask(data, src.header(), out, appId, options.force(), work)).collect());
        outcomes.sort(Comparator.comparingInt(LesionOutcome::row));

        List<String> done = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<FailureRow> failures = new ArrayList<>(src.problems());
        long stage = 0, read = 0, compute = 0, write = 0, measure = 0, setup = 0;
        for (LesionOutcome o : outcomes) {
            switch (o.status()) {
                case DONE -> done.add(o.lesion());
                case SKIPPED -> skipped.add(o.lesion());
                case FAILED -> failures.add(new FailureRow(o.lesion(), o.reason()));
                default -> throw new IllegalStateException(o.status().toString());
            }
            stage += o.stageNanos();
            read += o.readNanos();
            compute += o.computeNanos();
            write += o.writeNanos();
            measure += o.measureNanos();
            setup += o.setupNanos();
        }
        writeFailures(spark, out, failures);
        if (work.lesionTable()) {
            writeLesions(spark, out, outcomes);
        }
        if (src.refs().isEmpty() && !src.problems().isEmpty()) {
            throw new WsssIoException(null, data.display(DeepLesion.CSV_FILE) + ": no usable row ("
                    + src.problems().size() + " bad, listed in " + out.display(FAILURES_FILE) + "); first: "
                    + src.problems().get(0).reason(), null);
        }
        double s = 1e-9;
        Timings timings = new Timings(stage * s, read * s, compute * s, write * s, measure * s, setup * s,
                (System.nanoTime() - t0) * s);
        return new Report(task, done, skipped, failures, out.display(FAILURES_FILE), timings);
    }

    private static void prepareOutput(SparkPaths out, String appId) {
        try {
            if (out.isLocal()) {
                Files.createDirectories(out.localRoot());
                AtomicFiles.deleteStaleTemporaries(out.localRoot());
            } else {
                out.fs().mkdirs(out.hadoop(""));
                out.deleteStaleTemporaries(appId);
            }
        } catch (IOException e) {
            throw new WsssIoException(null, out.display("") + ": cannot create output folder: " + e, e);
        }
    }

    /** Refuses to mix weak-label methods in one folder, as the tool does. */
    private static void checkMethodOfEarlierRun(SparkPaths out, String name, boolean force) {
        if (!force && out.exists(METHOD_FILE)) {
            String earlier = readText(out, METHOD_FILE).strip();
            if (!earlier.equals(name)) {
                throw new IllegalArgumentException(out.display("") + " holds " + earlier + " masks, not " + name
                        + "; choose another --out, or --force to redo every lesion");
            }
        }
        writeFile(out, METHOD_FILE, f -> AtomicFiles.write(f,
                o -> o.write((name + "\n").getBytes(StandardCharsets.UTF_8))));
    }

    private static String readText(SparkPaths dir, String name) {
        try {
            if (dir.isLocal()) {
                return Files.readString(dir.localRoot().resolve(name), StandardCharsets.UTF_8);
            }
            Path tmp = Files.createTempFile("wsss-spark", ".txt");
            try {
                dir.copyToLocal(name, tmp);
                return Files.readString(tmp, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new WsssIoException(null, dir.display(name) + ": cannot read: " + e, e);
        }
    }

    /** Writes {@code dir/name} with {@code writer} (which writes atomically to the local path it is given). */
    private static void writeFile(SparkPaths dir, String name, Consumer<Path> writer) {
        if (dir.isLocal()) {
            writer.accept(dir.localRoot().resolve(name));
            return;
        }
        try {
            Path tmpDir = Files.createTempDirectory("wsss-spark-table");
            try {
                Path f = tmpDir.resolve(name);
                writer.accept(f);
                dir.publish(f, name, "driver");
            } finally {
                SeriesStage.deleteTree(tmpDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFailures(SparkSession spark, SparkPaths out, List<FailureRow> failures) {
        Tables table = new Tables(List.of("lesion", "reason"));
        List<Row> rows = new ArrayList<>();
        for (FailureRow f : failures) {
            table.add(List.of(f.lesion(), f.reason()));
            rows.add(RowFactory.create(f.lesion(), f.reason()));
        }
        writeFile(out, FAILURES_FILE, table::writeCsv);
        StructType schema = new StructType().add("lesion", DataTypes.StringType, false)
                .add("reason", DataTypes.StringType, false);
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(out.hadoop("failures.parquet").toString());
    }

    private static void writeLesions(SparkSession spark, SparkPaths out, List<LesionOutcome> outcomes) {
        List<String> lines = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        lines.add(LesionRow.HEADER);
        for (LesionOutcome o : outcomes) {
            LesionRow r = o.lesionRow() != null ? o.lesionRow()
                    : new LesionRow(o.lesion(), null, null, null, Double.NaN, Double.NaN, "failed: " + o.reason());
            lines.add(r.csvLine());
            rows.add(RowFactory.create(r.lesion(), r.volumeMl(), r.longAxisMm(), r.shortAxisMm(),
                    r.recistLongAxisMm(), r.recistShortAxisMm(), r.status()));
        }
        writeFile(out, LESIONS_FILE, f -> AtomicFiles.write(f, o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
            w.flush();
        }));
        StructType schema = new StructType().add("lesion", DataTypes.StringType, false)
                .add("volume_ml", DataTypes.DoubleType, true).add("long_axis_mm", DataTypes.DoubleType, true)
                .add("short_axis_mm", DataTypes.DoubleType, true)
                .add("recist_long_axis_mm", DataTypes.DoubleType, false)
                .add("recist_short_axis_mm", DataTypes.DoubleType, false)
                .add("status", DataTypes.StringType, false);
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(out.hadoop("lesions.parquet").toString());
    }

    /**
     * What an evaluation did.
     *
     * @param scores the lesions scored, in id order
     * @param failures lesions that could not be scored
     * @param withoutTruth predictions without a ground truth, left out
     */
    public record EvaluationReport(List<Evaluation.Scores> scores, List<FailureRow> failures, int withoutTruth) {
        /** 1 when a lesion could not be scored, else 0. */
        public int exitCode() {
            return failures.isEmpty() ? 0 : 1;
        }
    }

    /**
     * Scores every {@code PRED/<id>.nii.gz} that has a ground truth ({@code TRUTH/ground_truth/<id>.nii.gz}
     * when TRUTH has that folder, else {@code TRUTH/<id>.nii.gz}), as {@code wsss evaluate}: writes
     * {@code PRED/evaluation.csv}, {@code PRED/evaluation-summary.csv} and
     * {@code PRED/evaluation-failures.csv}.
     *
     * @throws IllegalArgumentException if no prediction has a ground truth
     */
    public static EvaluationReport evaluate(SparkSession spark, String pred, String truth, Options options) {
        SparkPaths p = options.paths(pred);
        SparkPaths t0 = options.paths(truth);
        String gtDir = t0.exists(DeepLesion.GROUND_TRUTH_DIR) ? DeepLesion.GROUND_TRUTH_DIR : "";
        Set<String> truths = new HashSet<>(t0.list(gtDir));
        List<String> pairs = new ArrayList<>();
        int withoutTruth = 0;
        for (String name : p.list("")) {
            if (!name.endsWith(LesionJobs.MASK_SUFFIX) || name.startsWith(".")) {
                continue;
            }
            if (truths.contains(name)) {
                pairs.add(name);
            } else {
                withoutTruth++;
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no mask <id>" + LesionJobs.MASK_SUFFIX + " in " + p.display("")
                    + " has a ground truth <id>" + LesionJobs.MASK_SUFFIX + " in " + t0.display(gtDir) + " ("
                    + withoutTruth + " masks without)");
        }
        String gtPrefix = gtDir.isEmpty() ? "" : gtDir + "/";
        List<Scored> scored = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(pairs, Math.min(options.partitions(), pairs.size()))
                .mapPartitions((java.util.Iterator<String> names) -> {
                    List<Scored> res = new ArrayList<>();
                    Path scratch = Files.createTempDirectory("wsss-spark-eval");
                    try {
                        while (names.hasNext()) {
                            res.add(scoreOne(names.next(), p, t0, gtPrefix, scratch));
                        }
                    } finally {
                        SeriesStage.deleteTree(scratch);
                    }
                    return res.iterator();
                }).collect();
        List<Evaluation.Scores> scores = new ArrayList<>();
        List<FailureRow> failures = new ArrayList<>();
        for (Scored sc : scored) {
            if (sc.reason() == null) {
                long[] c = sc.counts();
                scores.add(new Evaluation.Scores(sc.id(), new Overlap(c[0], c[1], c[2]),
                        new SliceErrors(c[3], c[4], c[5], c[6], c[7], c[8])));
            } else {
                failures.add(new FailureRow(sc.id(), sc.reason()));
            }
        }
        writeFile(p, Evaluation.PER_LESION_FILE, f -> Evaluation.perLesion(scores, true).writeCsv(f));
        writeFile(p, Evaluation.SUMMARY_FILE, f -> Evaluation.summary(scores, true).writeCsv(f));
        Tables ft = new Tables(List.of("lesion", "reason"));
        failures.forEach(f -> ft.add(List.of(f.lesion(), f.reason())));
        writeFile(p, Evaluation.FAILURES_FILE, ft::writeCsv);
        return new EvaluationReport(scores, failures, withoutTruth);
    }

    /** One lesion's nine counts (overlap, then slice errors), or why it could not be scored. */
    private record Scored(String id, long[] counts, String reason) implements Serializable {
    }

    private static Scored scoreOne(String name, SparkPaths pred, SparkPaths truth, String gtPrefix, Path scratch) {
        String id = name.substring(0, name.length() - LesionJobs.MASK_SUFFIX.length());
        try {
            Path pf, tf;
            if (pred.isLocal()) {
                pf = pred.localRoot().resolve(name);
            } else {
                pf = scratch.resolve("pred-" + name);
                pred.copyToLocal(name, pf);
            }
            if (truth.isLocal()) {
                tf = truth.localRoot().resolve(gtPrefix + name);
            } else {
                tf = scratch.resolve("truth-" + name);
                truth.copyToLocal(gtPrefix + name, tf);
            }
            Evaluation.Scores s = Evaluation.score(id, pf, tf);
            Overlap o = s.overlap();
            SliceErrors e = s.slices();
            return new Scored(id, new long[] {o.tp(), o.fp(), o.fn(), e.fpPastEnd(), e.fpOverEdge(), e.extraSlices(),
                e.missedSlices(), e.fnMissedSlices(), e.fnUnderEdge()}, null);
        } catch (RuntimeException e) {
            return new Scored(id, null, LesionJobs.failureReason(e));
        }
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }
}
