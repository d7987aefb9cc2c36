package org.wsss.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.wsss.cli.WsssCli;
import org.wsss.io.DeepLesion;
import org.wsss.io.DeepLesionDataset;
import org.wsss.io.DeepLesionRecord;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;

/**
 * Test data and helpers: a small phantom dataset in the DeepLesion layout (small images) with one
 * corrupt slice PNG (the key slice of the second lesion) and one extra row with a degenerate
 * RECIST (all endpoints on one pixel), a {@code local[2]} session, and the {@code wsss} tool run
 * in-process as the reference.
 */
final class SparkFixture {

    private SparkFixture() {
    }

    /** A {@code local[2]} session without UI, few shuffle partitions. */
    static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("wsss-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    /** The phantom of {@code n} lesions with small images. */
    static Path phantom(Path dir, int n) {
        Phantom.export(PhantomConfig.defaults().withCount(n).withSeed(2018).withFov(72, 96), dir);
        return dir;
    }

    /** Overwrites the key slice of case {@code index} with bytes that are no PNG; returns its id. */
    static String corruptKeySlice(Path dir, int index) throws IOException {
        DeepLesionDataset ds = DeepLesion.open(dir);
        DeepLesionRecord r = ds.record(index);
        Path png = DeepLesion.slicePath(dir, r.seriesFolder(), r.keySliceIndex());
        if (!Files.exists(png)) {
            throw new IllegalStateException("no " + png);
        }
        Files.write(png, "this is not a PNG".getBytes(StandardCharsets.US_ASCII));
        return ds.get(index).id();
    }

    /**
     * Appends a copy of the first row whose RECIST endpoints all lie on one pixel; returns its row
     * number (header = 1).
     */
    static int appendDegenerateRecist(Path dir) throws IOException {
        Path csv = dir.resolve(DeepLesion.CSV_FILE);
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        List<String> f = splitCsv(lines.get(1));
        f.set(5, "\"10, 10, 10, 10, 10, 10, 10, 10\"");
        lines.add(String.join(",", f));
        Files.write(csv, lines, StandardCharsets.UTF_8);
        return lines.size();
    }

    /** Splits a CSV line on commas outside quotes, keeping the quotes. */
    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Runs the {@code wsss} tool in-process; returns its exit code. */
    static int cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = WsssCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        if (code == 2) {
            throw new IllegalStateException("wsss " + String.join(" ", args) + ": " + err);
        }
        return code;
    }

    /** The visible files of {@code dir} ending in {@code suffix}, sorted by name. */
    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hidden temporaries left in {@code dir}. */
    static List<Path> temporaries(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
