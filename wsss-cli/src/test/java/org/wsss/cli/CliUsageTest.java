package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Help, bad usage and unreadable input: exit codes 0 and 2, one-line messages, no stack traces. */
class CliUsageTest {

    @ParameterizedTest
    @CsvSource({"'', weak-labels", "weak-labels, --method", "evaluate, --truth"})
    void helpOnEveryCommandExitsZero(String command, String expected) {
        Cli r = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains(expected), r.out());
        assertTrue(r.out().contains("--help"), r.out());
    }

    @Test
    void aMissingFolderExitsTwoWithOneLine(@TempDir Path tmp) {
        Path missing = tmp.resolve("nowhere");
        Cli r = Cli.run("weak-labels", "--deeplesion", missing.toString(), "--method", "recist-d",
                "--out", tmp.resolve("out").toString(), "--no-progress");
        assertEquals(2, r.code(), r.toString());
        assertEquals("wsss weak-labels: " + missing + ": DeepLesion folder not found", r.err().strip());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written for a run that cannot start");

        Cli e = Cli.run("evaluate", "--pred", missing.toString(), "--truth", tmp.toString());
        assertEquals(2, e.code(), e.toString());
        assertEquals("wsss evaluate: " + missing + ": prediction folder not found", e.err().strip());
    }

    @Test
    void anInvalidCsvExitsTwo(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("dl");
        TinyDeepLesion.fourCases(data);
        Path csv = data.resolve("DL_info.csv");
        String good = Files.readString(csv);

        Files.writeString(csv, good.replaceFirst("File_name", "Filename"));
        Cli header = weakLabels(data, tmp.resolve("o1"));
        assertEquals(2, header.code(), header.toString());
        assertTrue(header.err().startsWith("wsss weak-labels: " + csv + ", row 1: not the DeepLesion header"),
                header.err());
        assertEquals(1, header.err().strip().lines().count(), header.err());

        Files.writeString(csv, good.lines().findFirst().orElseThrow() + "\nnot,a,row\n1,2\n");
        Cli rows = weakLabels(data, tmp.resolve("o2"));
        assertEquals(2, rows.code(), rows.toString());
        assertTrue(rows.err().startsWith("wsss weak-labels: " + csv + ": no usable row (2 bad"), rows.err());
        assertEquals(3, Files.readAllLines(tmp.resolve("o2").resolve("failures.csv")).size());

        Files.delete(csv);
        Cli none = weakLabels(data, tmp.resolve("o3"));
        assertEquals(2, none.code(), none.toString());
        assertEquals("wsss weak-labels: " + csv + ": file not found", none.err().strip());
    }

    @Test
    void badOptionsExitTwo(@TempDir Path tmp) {
        Path data = tmp.resolve("dl");
        TinyDeepLesion.fourCases(data);
        Cli unknown = Cli.run("weak-labels", "--deeplesion", data.toString(), "--method", "watershed",
                "--out", tmp.resolve("o").toString());
        assertEquals(2, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("unknown initial-mask method 'watershed'"), unknown.err());

        Cli threads = Cli.run("weak-labels", "--deeplesion", data.toString(), "--method", "recist-d",
                "--out", tmp.resolve("o").toString(), "--threads", "0");
        assertEquals(2, threads.code(), threads.toString());
        assertTrue(threads.err().contains("--threads must be >= 1, got 0"), threads.err());

        Cli missing = Cli.run("weak-labels", "--deeplesion", data.toString());
        assertEquals(2, missing.code(), missing.toString());
        assertTrue(missing.err().contains("Missing required options"), missing.err());

        Cli contrastAlone = Cli.run("phantom", "--n", "1", "--contrast", "10:20", "--out", tmp.resolve("p").toString());
        assertEquals(2, contrastAlone.code(), contrastAlone.toString());
        assertTrue(contrastAlone.err().contains("--contrast applies to --background only"), contrastAlone.err());
        Path ct = tmp.resolve("missing.nii");
        Cli contrastBad = Cli.run("phantom", "--n", "1", "--background", ct.toString(), "--contrast", "10",
                "--out", tmp.resolve("p").toString());
        assertEquals(2, contrastBad.code(), contrastBad.toString());
        assertTrue(contrastBad.err().contains("--contrast must be MIN:MAX"), contrastBad.err());
    }

    private static Cli weakLabels(Path data, Path out) {
        return Cli.run("weak-labels", "--deeplesion", data.toString(), "--method", "recist-d", "--out",
                out.toString(), "--no-progress");
    }
}
