package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.io.MaskPng;
import org.wsss.io.Nifti;

/**
 * Kill test: {@code weak-labels} and {@code segment}, each SIGKILLed at a random moment 20 times
 * in a row (a separate JVM, so no clean-up code runs), then rerun to the end: every lesion's
 * output is present exactly once and valid, no temporary is left and {@code failures.csv} lists
 * nothing. After every kill, every output present must already read back valid. The kill times
 * are drawn between the measured length of a run with nothing to do and that of a whole run;
 * when a run happened to finish everything, a random half of the outputs is removed so that the
 * next one has work to be killed in. Not part of the
 * default run (about 3 minutes): {@code mvn -B -o test -pl wsss-cli -am -Pkill} (or
 * {@code -Dtest=KillLoopIT -Dsurefire.failIfNoSpecifiedTests=false}); the seed of the kill times
 * is printed and taken from {@code -Dwsss.kill.seed}.
 */
class KillLoopIT {

    static final int LESIONS = 40;
    static final int KILLS = 20;

    @Test
    void weakLabelsSurvivesTwentyKills(@TempDir Path tmp) throws Exception {
        loop(tmp, "weak-labels", ".png", List.of("--method", "grabcut-r"));
    }

    @Test
    void segmentSurvivesTwentyKills(@TempDir Path tmp) throws Exception {
        loop(tmp, "segment", ".nii.gz", List.of("--method", "grabcut-3de"));
    }

    private static void loop(Path tmp, String command, String suffix, List<String> options) throws Exception {
        Path data = tmp.resolve("dl");
        Path out = tmp.resolve("out");
        List<String> ids = List.copyOf(TinyDeepLesion.manyCases(data, LESIONS).keySet());
        long seed = Long.getLong("wsss.kill.seed", System.nanoTime());
        SplittableRandom rnd = new SplittableRandom(seed);
        System.out.println(command + ": kill seed " + seed);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> args = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                WsssCli.class.getName(), command, "--deeplesion", data.toString(), "--out", out.toString(),
                "--threads", "2", "--no-progress"));
        args.addAll(options);
        // How long a whole run and a run with nothing left to do (JVM start-up, reading the
        // dataset) take on this machine, so that the kills land inside the work whatever the load.
        List<String> scratch = new ArrayList<>(args);
        scratch.set(scratch.indexOf(out.toString()), tmp.resolve("scratch").toString());
        long fullMs = timeRun(scratch, tmp.resolve("scratch.log"));
        long idleMs = timeRun(scratch, tmp.resolve("scratch-idle.log"));
        System.out.println(command + ": a whole run takes " + fullMs + " ms, one with nothing to do " + idleMs + " ms");
        int midRun = 0;
        List<Integer> counts = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            List<Path> present = outputs(out, suffix);
            if (present.size() == ids.size()) {
                // all done: remove a random half so that the next run has work to be killed in
                for (Path f : present) {
                    if (rnd.nextBoolean()) {
                        Files.delete(f);
                    }
                }
            }
            int before = outputs(out, suffix).size();
            Process p = new ProcessBuilder(args).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child-" + k + ".log").toFile()).start();
            // the work left scales the part of a whole run past start-up
            long workMs = Math.max(0, fullMs - idleMs) * (ids.size() - before) / ids.size();
            long delayMs = rnd.nextLong(idleMs * 4 / 5, idleMs + workMs + 1);
            boolean exited = p.waitFor(delayMs, TimeUnit.MILLISECONDS);
            if (!exited) {
                p.destroyForcibly(); // SIGKILL
                p.waitFor(30, TimeUnit.SECONDS);
            }
            int after = outputs(out, suffix).size();
            if (!exited && after < ids.size()) {
                midRun++;
            }
            counts.add(after - before);
            for (Path f : outputs(out, suffix)) {
                assertValid(f, suffix);
            }
            if (Files.exists(out.resolve("failures.csv"))) {
                List<String> lines = Files.readAllLines(out.resolve("failures.csv"));
                assertEquals("lesion,reason", lines.get(0), "failures.csv after kill " + k);
            }
        }
        System.out.println(command + ": " + midRun + " of " + KILLS + " kills landed mid-run (before every output"
                + " was written); outputs added per run " + counts);
        // where the kills land depends on the machine's load: reported above, required only to happen
        assertTrue(midRun >= 1, "no kill landed mid-run");
        assertTrue(counts.stream().mapToInt(Integer::intValue).sum() > 0, "no killed run wrote anything");

        List<String> rerun = new ArrayList<>(List.of(command, "--deeplesion", data.toString(), "--out", out.toString(),
                "--threads", "2", "--no-progress"));
        rerun.addAll(options);
        Cli r = Cli.run(rerun.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        List<Path> all = outputs(out, suffix);
        assertEquals(ids.size(), all.size(), all.toString());
        for (String id : ids) {
            assertValid(out.resolve(id + suffix), suffix);
        }
        assertEquals(List.of("lesion,reason"), Files.readAllLines(out.resolve("failures.csv")));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
        }
        if (command.equals("segment")) {
            List<String> rows = Files.readAllLines(out.resolve(SegmentCommand.LESIONS_FILE));
            assertEquals(ids.size() + 1, rows.size());
            assertTrue(rows.stream().skip(1).allMatch(l -> l.endsWith(",ok")), rows.toString());
        }
    }

    private static long timeRun(List<String> args, Path log) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "an unkilled run did not finish");
        assertEquals(0, p.exitValue(), Files.readString(log));
        return Math.max(200, (System.nanoTime() - t0) / 1_000_000);
    }

    private static void assertValid(Path f, String suffix) {
        if (suffix.equals(".png")) {
            assertTrue(MaskPng.read(f).count() > 0, f + " is empty");
        } else {
            assertTrue(Nifti.readMask(f).count() > 0, f + " is empty");
        }
    }

    private static List<Path> outputs(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)
                    && !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
