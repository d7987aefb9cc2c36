package org.wsss.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.eval.jobs.SegmentSettings;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;

/**
 * The Spark jobs on {@code local[2]} against the {@code wsss} tool on the same phantom: the same
 * bytes under the same names, failures listed and isolated, resume exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkJobsTest {

    static final int LESIONS = 5;

    Path tmp;

    SparkSession spark;
    Path data;
    Path cliWeak;
    Path cliSeg;
    String corrupt;
    int degenerateRow;

    @BeforeAll
    void setUp(@TempDir Path dir) throws IOException {
        tmp = dir;
        data = SparkFixture.phantom(tmp.resolve("dl"), LESIONS);
        corrupt = SparkFixture.corruptKeySlice(data, 1);
        degenerateRow = SparkFixture.appendDegenerateRecist(data);
        cliWeak = tmp.resolve("cli-weak");
        cliSeg = tmp.resolve("cli-seg");
        assertEquals(1, SparkFixture.cli("weak-labels", "--deeplesion", data.toString(), "--method", "grabcut-r",
                "--out", cliWeak.toString(), "--no-progress", "--threads", "2"));
        assertEquals(1, SparkFixture.cli("segment", "--deeplesion", data.toString(), "--method", "grabcut-3de",
                "--out", cliSeg.toString(), "--no-progress", "--threads", "2"));
        spark = SparkFixture.session();
    }

    @AfterAll
    void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void weakLabelsAreTheCliBytesAndTheFailuresAreListed() throws IOException {
        Path out = tmp.resolve("spark-weak");
        SparkJobs.Report r = SparkJobs.weakLabels(spark, data.toString(), "grabcut-r", SparkJobs.Options.of(
                out.toString(), 3));
        assertEquals(LESIONS - 1, r.done().size());
        assertSameFiles(cliWeak, out, ".png", LESIONS - 1);
        assertSameBytes(cliWeak.resolve("failures.csv"), out.resolve("failures.csv"));
        assertSameBytes(cliWeak.resolve(SparkJobs.METHOD_FILE), out.resolve(SparkJobs.METHOD_FILE));
        assertFailures(r, out);
    }

    @Test
    void segmentationIsTheCliBytesWithTheSameLesionsTable() throws IOException {
        Path out = tmp.resolve("spark-seg");
        SparkJobs.Report r = SparkJobs.segment(spark, data.toString(), SegmentSettings.of("grabcut-3de"), null, null,
                SparkJobs.Options.of(out.toString(), 4));
        assertSameFiles(cliSeg, out, ".nii.gz", LESIONS - 1);
        assertSameBytes(cliSeg.resolve("lesions.csv"), out.resolve("lesions.csv"));
        assertSameBytes(cliSeg.resolve("failures.csv"), out.resolve("failures.csv"));
        assertFailures(r, out);
        List<Row> lesions = spark.read().parquet(out.resolve("lesions.parquet").toString()).collectAsList();
        assertEquals(LESIONS, lesions.size());
        assertEquals(1, lesions.stream().filter(x -> x.getString(6).startsWith("failed: ")).count());
    }

    @Test
    void throughHadoopStagingTheOutputsAreTheSame() throws IOException {
        Path out = tmp.resolve("spark-hadoop");
        SparkJobs.Options o = SparkJobs.Options.of(out.toString(), 2).withStageThroughHadoop(true);
        SparkJobs.Report r = SparkJobs.segment(spark, data.toString(), SegmentSettings.of("grabcut-3de"), null, null,
                o);
        assertSameFiles(cliSeg, out, ".nii.gz", LESIONS - 1);
        assertSameBytes(cliSeg.resolve("lesions.csv"), out.resolve("lesions.csv"));
        assertSameBytes(cliSeg.resolve("failures.csv"), out.resolve("failures.csv"));
        assertTrue(SparkFixture.files(out, ".crc").isEmpty(), "no checksum files beside the masks");
        // Resume through Hadoop: everything valid is skipped.
        SparkJobs.Report again = SparkJobs.segment(spark, data.toString(), SegmentSettings.of("grabcut-3de"), null,
                null, o);
        assertEquals(0, again.done().size());
        assertEquals(r.done(), again.skipped());
    }

    @Test
    void aRerunSkipsValidOutputsAndRedoesAnInvalidOne() throws IOException {
        Path out = tmp.resolve("spark-resume");
        SparkJobs.Options o = SparkJobs.Options.of(out.toString(), 2);
        SparkJobs.Report first = SparkJobs.weakLabels(spark, data.toString(), "grabcut-r", o);
        Path victim = SparkFixture.files(out, ".png").get(0);
        byte[] good = Files.readAllBytes(victim);
        Files.write(victim, new byte[] {1, 2, 3});
        SparkJobs.Report second = SparkJobs.weakLabels(spark, data.toString(), "grabcut-r", o);
        String id = victim.getFileName().toString().replace(".png", "");
        assertEquals(List.of(id), second.done());
        assertEquals(first.done().size() - 1, second.skipped().size());
        assertArrayEquals(good, Files.readAllBytes(victim));
        assertThrows(IllegalArgumentException.class, () -> SparkJobs.weakLabels(spark, data.toString(), "dcrf", o),
                "another method into the same folder needs force");
    }

    @Test
    void aBroadcastModelSegmentsAsTheCliDoes() throws IOException {
        Path model = tmp.resolve("tiny.wsss");
        try (HnnModel m = Hnn.create(HnnConfig.tiny(2, 4, 64), 7)) {
            Hnn.save(m, model);
        }
        Path cli = tmp.resolve("cli-cnn");
        SparkFixture.cli("segment", "--deeplesion", data.toString(), "--method", "wsss-cnn", "--model",
                model.toString(), "--out", cli.toString(), "--no-progress", "--threads", "2");
        Path out = tmp.resolve("spark-cnn");
        SparkJobs.segment(spark, data.toString(), SegmentSettings.of("wsss-cnn"), model.toString(), null,
                SparkJobs.Options.of(out.toString(), 2));
        assertSameFiles(cli, out, ".nii.gz", LESIONS - 1);
        assertSameBytes(cli.resolve("lesions.csv"), out.resolve("lesions.csv"));
    }

    @Test
    void evaluationWritesTheCliTables() throws IOException {
        Path pred = tmp.resolve("eval-pred");
        Files.createDirectories(pred);
        Path cliPred = tmp.resolve("eval-cli");
        Files.createDirectories(cliPred);
        for (Path p : SparkFixture.files(cliSeg, ".nii.gz")) {
            Files.copy(p, pred.resolve(p.getFileName()));
            Files.copy(p, cliPred.resolve(p.getFileName()));
        }
        Files.write(pred.resolve("broken.nii.gz"), new byte[] {0, 1});
        Files.write(cliPred.resolve("broken.nii.gz"), new byte[] {0, 1});
        Files.copy(SparkFixture.files(data.resolve("ground_truth"), ".nii.gz").get(0),
                data.resolve("ground_truth").resolve("broken.nii.gz"));
        try {
            SparkFixture.cli("evaluate", "--pred", cliPred.toString(), "--truth", data.toString(), "--no-progress");
            SparkJobs.EvaluationReport r = SparkJobs.evaluate(spark, pred.toString(), data.toString(),
                    SparkJobs.Options.of(pred.toString(), 2));
            assertEquals(LESIONS - 1, r.scores().size());
            assertEquals(1, r.failures().size());
            assertEquals("broken", r.failures().get(0).lesion());
            for (String f : List.of("evaluation.csv", "evaluation-summary.csv")) {
                assertSameBytes(cliPred.resolve(f), pred.resolve(f));
            }
        } finally {
            Files.delete(data.resolve("ground_truth").resolve("broken.nii.gz"));
        }
    }

    private void assertFailures(SparkJobs.Report r, Path out) {
        Set<String> failed = r.failures().stream().map(DeepLesionSource.FailureRow::lesion).collect(Collectors.toSet());
        assertEquals(2, failed.size(), failed.toString());
        assertTrue(failed.contains(corrupt), failed.toString());
        // the degenerate row is listed under its lesion id (its File_name is readable), its reason names the row
        DeepLesionSource.FailureRow degenerate = r.failures().stream().filter(f -> !f.lesion().equals(corrupt))
                .findFirst().orElseThrow();
        assertTrue(degenerate.reason().contains("row " + degenerateRow) && degenerate.reason().contains(degenerate.lesion()),
                degenerate.toString());
        String reason = r.failures().stream().filter(f -> f.lesion().equals(corrupt)).findFirst().orElseThrow()
                .reason();
        assertTrue(reason.contains(data.toString()) && reason.contains("cannot decode PNG"),
                "the reason names the dataset's own file: " + reason);
        List<Row> rows = spark.read().parquet(out.resolve("failures.parquet").toString()).collectAsList();
        assertEquals(failed, rows.stream().map(x -> x.getString(0)).collect(Collectors.toSet()));
        assertTrue(SparkFixture.temporaries(out).isEmpty());
    }

    static void assertSameFiles(Path expected, Path actual, String suffix, int count) throws IOException {
        List<Path> e = SparkFixture.files(expected, suffix);
        List<Path> a = SparkFixture.files(actual, suffix);
        assertEquals(count, e.size(), "reference outputs");
        assertEquals(e.stream().map(p -> p.getFileName().toString()).toList(),
                a.stream().map(p -> p.getFileName().toString()).toList());
        for (int i = 0; i < e.size(); i++) {
            assertSameBytes(e.get(i), a.get(i));
        }
    }

    static void assertSameBytes(Path expected, Path actual) throws IOException {
        assertTrue(Files.exists(actual), actual + " missing");
        byte[] x = Files.readAllBytes(expected), y = Files.readAllBytes(actual);
        assertArrayEquals(x, y, () -> actual + " differs from " + expected + ":\n"
                + new String(x, StandardCharsets.UTF_8).lines().limit(5).collect(Collectors.joining("\n")) + "\n---\n"
                + new String(y, StandardCharsets.UTF_8).lines().limit(5).collect(Collectors.joining("\n")));
    }
}
