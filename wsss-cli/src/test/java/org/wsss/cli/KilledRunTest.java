package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Mask;
import org.wsss.io.MaskPng;

/**
 * A run killed mid-way (SIGKILL of a separate JVM, so no clean-up code runs) leaves only complete
 * PNGs, and a rerun finishes the rest and removes what a killed writer left behind.
 */
class KilledRunTest {

    static final int LESIONS = 30;

    @Test
    void aKilledRunLeavesNoPartialFileAndARerunFinishesIt(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("dl");
        Path out = tmp.resolve("out");
        List<String> ids = List.copyOf(TinyDeepLesion.manyCases(data, LESIONS).keySet());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WsssCli.class.getName(),
                "weak-labels", "--deeplesion", data.toString(), "--method", "grabcut-r", "--out", out.toString(),
                "--threads", "1", "--no-progress")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (pngs(out).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(p.isAlive());
        // What a writer killed between creating its temporary and moving it into place leaves behind.
        Path stale = out.resolve(".x.png." + AtomicFilesPid.DEAD + "-1.tmp");
        Files.createDirectories(out);
        Files.write(stale, new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        List<Path> before = pngs(out);
        assertFalse(before.isEmpty(), "the child wrote nothing: " + Files.readString(tmp.resolve("child.log")));
        // One lesion takes milliseconds and the kill follows the first PNG within a few, so it lands mid-run.
        assertTrue(before.size() < LESIONS, "the child finished before it was killed");
        for (Path png : before) {
            assertComplete(png);
        }

        Cli rerun = WeakLabelsCommandTest.weakLabels(data, "grabcut-r", out);
        assertEquals(0, rerun.code(), rerun.toString());
        int left = LESIONS - before.size();
        assertTrue(rerun.out().contains(left + " done, " + before.size() + " already done"), rerun.toString());
        assertEquals(LESIONS, pngs(out).size());
        for (String id : ids) {
            assertComplete(out.resolve(id + ".png"));
        }
        try (Stream<Path> s = Files.list(out)) {
            List<Path> temporaries = s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), temporaries);
        }
    }

    private static void assertComplete(Path png) {
        Mask m = MaskPng.read(png);
        assertEquals(TinyDeepLesion.SIZE, m.width(), png.toString());
        assertEquals(TinyDeepLesion.SIZE, m.height(), png.toString());
        assertTrue(m.count() > 0, png + " is empty");
    }

    private static List<Path> pngs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().toList();
        }
    }

    /** A process id no live process has (above any Linux pid_max). */
    static final class AtomicFilesPid {
        static final long DEAD = 999_999_999_999L;
    }
}
