package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.eval.jobs.LesionJobs;
import org.wsss.io.MaskPng;
import org.wsss.io.Nifti;

/** Resuming into a folder with garbage outputs, and runs that can make nothing. */
class ResumeOutputsTest {

    @Test
    void segmentRedoesAGarbageMaskLeftByACrashAndWritesLesionsCsv(@TempDir Path tmp) throws IOException {
        Path dl = tmp.resolve("dl"), out = tmp.resolve("out");
        List<String> ids = List.copyOf(TinyDeepLesion.fourCases(dl).keySet());
        Files.createDirectories(out);
        // what a crash or a full disk left: an existing file that is no NIfTI
        Path garbage = out.resolve(ids.get(1) + ".nii.gz");
        Files.write(garbage, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        Cli r = Cli.run("segment", "--deeplesion", dl.toString(), "--method", "grabcut-3de", "--out", out.toString(),
                "--threads", "2", "--no-progress");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("4 done, 0 failed"), r.toString());
        assertTrue(Nifti.readMask(garbage).count() > 0);
        List<String> rows = Files.readAllLines(out.resolve(SegmentCommand.LESIONS_FILE));
        assertEquals(5, rows.size(), rows.toString());
        assertTrue(rows.stream().skip(1).allMatch(l -> l.endsWith(",ok")), rows.toString());
    }

    @Test
    void lesionsCsvListsAMaskThatCannotBeReadInsteadOfStopping(@TempDir Path tmp) throws IOException {
        Path dl = tmp.resolve("dl"), out = tmp.resolve("out");
        List<String> ids = List.copyOf(TinyDeepLesion.fourCases(dl).keySet());
        Files.createDirectories(out);
        Files.writeString(out.resolve(ids.get(0) + ".nii.gz"), "garbage");
        SegmentCommand.writeLesionsCsv(out, org.wsss.io.DeepLesion.open(dl), java.util.Map.of());
        List<String> rows = Files.readAllLines(out.resolve(SegmentCommand.LESIONS_FILE));
        assertTrue(rows.get(1).startsWith(ids.get(0) + ",,,,") && rows.get(1).contains("unreadable: "), rows.toString());
        assertTrue(rows.get(2).endsWith(",missing"), rows.toString());
    }

    @Test
    void weakLabelsRedoesAGarbagePng(@TempDir Path tmp) throws IOException {
        Path dl = tmp.resolve("dl"), out = tmp.resolve("out");
        List<String> ids = List.copyOf(TinyDeepLesion.fourCases(dl).keySet());
        assertEquals(0, WeakLabelsCommandTest.weakLabels(dl, "recist-d", out).code());
        Path png = out.resolve(ids.get(2) + ".png");
        byte[] good = Files.readAllBytes(png);
        Files.write(png, java.util.Arrays.copyOf(good, good.length / 2)); // truncated by a full disk
        Cli r = WeakLabelsCommandTest.weakLabels(dl, "recist-d", out);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("1 done, 3 already done"), r.toString());
        assertTrue(MaskPng.read(png).count() > 0);
    }

    @Test
    void weakLabelsWritesNoMethodStampWhenNoRowIsUsable(@TempDir Path tmp) throws IOException {
        Path dl = tmp.resolve("dl"), out = tmp.resolve("out");
        TinyDeepLesion.fourCases(dl);
        Path csv = dl.resolve("DL_info.csv");
        List<String> lines = Files.readAllLines(csv);
        Files.writeString(csv, lines.get(0) + "\n000001_01_01_011.png,1,1\n");
        Cli r = WeakLabelsCommandTest.weakLabels(dl, "recist-d", out);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("no usable row"), r.toString());
        assertFalse(Files.exists(out.resolve(WeakLabelsCommand.METHOD_FILE)));
        // so another method may run into the same folder once the CSV is mended
        Files.write(csv, lines);
        assertEquals(0, WeakLabelsCommandTest.weakLabels(dl, "grabcut-r", out).code());
        assertEquals("grabcut-r", Files.readString(out.resolve(WeakLabelsCommand.METHOD_FILE)).strip());
    }

    @Test
    void lesionTimeoutFailsTheSlowLesionOnly(@TempDir Path tmp) throws IOException, InterruptedException {
        Path dl = tmp.resolve("dl"), out = tmp.resolve("out");
        TinyDeepLesion.fourCases(dl);
        Cli r = WeakLabelsCommandTest.weakLabels(dl, "recist-d", out, "--lesion-timeout", "0.000001");
        assertEquals(1, r.code(), r.toString());
        // A lesion may finish before its result is first asked for; every other one times out, alone.
        List<String> failures = Files.readAllLines(out.resolve("failures.csv"));
        assertTrue(failures.size() >= 2 && failures.size() <= 5, failures.toString());
        for (String row : failures.subList(1, failures.size())) {
            assertTrue(row.contains("TimeoutException: no result within the time limit"), failures.toString());
        }
        Cli bad = WeakLabelsCommandTest.weakLabels(dl, "recist-d", out, "--lesion-timeout", "0");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("--lesion-timeout must be in (0, 1e7] seconds"), bad.toString());
        // The timed-out lesions' workers may still run after the command returned: once they end,
        // none has left a temporary file, and a worker that had already reached its write when the
        // limit struck (a 1 µs limit strikes anywhere, under load also after the write) has
        // published a whole label, never a part of one.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive()
                && t.getName().startsWith("wsss-weak-labels")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        try (var files = Files.list(out)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), names.toString());
            for (String row : failures.subList(1, failures.size())) {
                String id = row.substring(0, row.indexOf(','));
                Path label = out.resolve(LesionJobs.weakLabelFile(id));
                if (Files.exists(label)) {
                    assertTrue(MaskPng.read(label).count() > 0, id + " timed out and left an unreadable label");
                }
            }
        }
    }
}
