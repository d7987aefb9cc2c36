package org.wsss.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.wsss.api.Split;
import org.wsss.api.WsssIoException;
import org.wsss.eval.jobs.LesionJobs;
import org.wsss.io.DeepLesion;
import org.wsss.io.DeepLesionDataset;

/**
 * A DeepLesion-layout folder ({@link DeepLesion}: {@code DL_info.csv}, {@code Images_png/<series>/})
 * on any Hadoop-compatible path, read on the driver into {@link LesionRef}s: the CSV is parsed by
 * the SDK's own reader ({@link DeepLesion#open}), so case ids, bad rows and their messages are
 * those of the {@code wsss} tool. No pixel is read here.
 *
 * <p>{@link #lesions} spreads the references over partitions by series folder, each partition
 * sorted by series and row: an executor then stages and decodes a series' slices once for all
 * the lesions marked on it (see {@link SeriesStage}).
 */
public final class DeepLesionSource {

    private final String root;
    private final String header;
    private final List<LesionRef> refs;
    private final List<FailureRow> problems;

    private DeepLesionSource(String root, String header, List<LesionRef> refs, List<FailureRow> problems) {
        this.root = root;
        this.header = header;
        this.refs = List.copyOf(refs);
        this.problems = List.copyOf(problems);
    }

    /** A CSV row or lesion that could not be processed, with a one-line reason. */
    public record FailureRow(String lesion, String reason) implements java.io.Serializable {
    }

    /**
     * Reads {@code DL_info.csv} of the folder {@code dir} (a local path or a Hadoop URI).
     *
     * @throws WsssIoException if the folder, its {@code DL_info.csv} or {@code Images_png} is
     *     missing or the header is not DeepLesion's, naming the file
     */
    public static DeepLesionSource open(String dir) {
        return open(SparkPaths.of(Objects.requireNonNull(dir, "dir")));
    }

    static DeepLesionSource open(SparkPaths dir) {
        Path work = null;
        try {
            Path local;
            if (dir.isLocal()) {
                local = dir.localRoot();
            } else {
                if (!dir.exists(DeepLesion.IMAGES_DIR)) {
                    throw new WsssIoException(null, dir.display(DeepLesion.IMAGES_DIR) + ": image folder not found",
                            null);
                }
                work = Files.createTempDirectory("wsss-spark-csv");
                local = work;
                Files.createDirectories(work.resolve(DeepLesion.IMAGES_DIR));
                dir.copyToLocal(DeepLesion.CSV_FILE, work.resolve(DeepLesion.CSV_FILE));
            }
            DeepLesionDataset ds;
            try {
                ds = DeepLesion.open(local);
            } catch (WsssIoException e) {
                throw work == null ? e : new WsssIoException(null, rename(e.getMessage(), work, dir), e);
            }
            List<String> lines = new ArrayList<>();
            String head = readLines(local.resolve(DeepLesion.CSV_FILE), lines);
            List<LesionRef> refs = new ArrayList<>(ds.size());
            for (int i = 0; i < ds.size(); i++) {
                int row = ds.rowNumber(i);
                var r = ds.record(i);
                refs.add(new LesionRef(ds.get(i).id(), row, r.seriesFolder(), r.split().code(), lines.get(row - 2)));
            }
            List<FailureRow> problems = new ArrayList<>();
            for (WsssIoException e : ds.problems()) {
                String reason = LesionJobs.oneLine(e.getMessage());
                problems.add(new FailureRow(LesionJobs.problemName(e),
                        work == null ? reason : rename(reason, work, dir)));
            }
            return new DeepLesionSource(dir.root(), head, refs, problems);
        } catch (IOException e) {
            throw new WsssIoException(null, "cannot read " + dir.display(DeepLesion.CSV_FILE) + ": " + e, e);
        } finally {
            SeriesStage.deleteTree(work);
        }
    }

    /** The lines after the header, decoded as {@link DeepLesion} decodes them; returns the header. */
    private static String readLines(Path csv, List<String> lines) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (InputStream in = Files.newInputStream(csv);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16)) {
            String header = r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
            return header;
        }
    }

    /** {@code message} with the local working folder replaced by the dataset's own path. */
    static String rename(String message, Path work, SparkPaths dir) {
        return message.replace(work.toAbsolutePath().toString(), dir.display("").replaceAll("/$", ""));
    }

    /** The folder as given. */
    public String root() {
        return root;
    }

    /** The CSV header line, as read. */
    public String header() {
        return header;
    }

    /** Every usable row, in row order. */
    public List<LesionRef> refs() {
        return refs;
    }

    /** The rows that could not be read, as {@code row N} with the reason (as the tool lists them). */
    public List<FailureRow> problems() {
        return problems;
    }

    /** The references of {@code split} only ({@code null} = all rows). */
    public List<LesionRef> refs(Split split) {
        return split == null ? refs : refs.stream().filter(r -> r.getSplit() == split.code()).toList();
    }

    /**
     * The references of {@code split} ({@code null} = all) as a {@code Dataset} of
     * {@code partitions} partitions: every series lies whole in one partition, each partition
     * holds its series in name order and their rows in row order, and the partitions hold about
     * the same number of lesions (series go, largest first, to the partition with the fewest).
     * Built on the driver, so no shuffle.
     *
     * @throws IllegalArgumentException if {@code partitions < 1}
     */
    public Dataset<LesionRef> lesions(SparkSession spark, Split split, int partitions) {
        return spark.createDataset(partitioned(spark, split, partitions).rdd(), Encoders.bean(LesionRef.class));
    }

    /** {@link #lesions} as an RDD. */
    JavaRDD<LesionRef> partitioned(SparkSession spark, Split split, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
        }
        List<List<LesionRef>> parts = pack(refs(split), partitions);
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(parts, parts.size())
                .flatMap(List::iterator);
    }

    /**
     * Packs {@code refs} into at most {@code partitions} lists: each series whole in one list,
     * series taken largest first into the list with the fewest lesions (ties: the lowest index),
     * each list sorted by series and row. At least one list, even when {@code refs} is empty.
     */
    static List<List<LesionRef>> pack(List<LesionRef> refs, int partitions) {
        TreeMap<String, List<LesionRef>> bySeries = new TreeMap<>();
        for (LesionRef r : refs) {
            bySeries.computeIfAbsent(r.getSeries(), k -> new ArrayList<>()).add(r);
        }
        int n = Math.max(1, Math.min(partitions, bySeries.size()));
        List<List<LesionRef>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(new ArrayList<>());
        }
        List<List<LesionRef>> series = new ArrayList<>(bySeries.values());
        series.sort(Comparator.comparingInt((List<LesionRef> l) -> -l.size()));
        PriorityQueue<Integer> lightest = new PriorityQueue<>(Comparator.comparingInt((Integer i) -> parts.get(i)
                .size()).thenComparingInt(i -> i));
        for (int i = 0; i < n; i++) {
            lightest.add(i);
        }
        for (List<LesionRef> l : series) {
            int i = lightest.poll();
            parts.get(i).addAll(l);
            lightest.add(i);
        }
        for (List<LesionRef> p : parts) {
            p.sort(Comparator.comparing(LesionRef::getSeries).thenComparingInt(LesionRef::getRow));
        }
        return parts;
    }
}
