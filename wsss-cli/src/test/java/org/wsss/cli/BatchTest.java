package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.WsssIoException;
import org.wsss.api.Progress;
import org.wsss.api.contract.CountingProgress;
import org.wsss.io.AtomicFiles;

class BatchTest {

    /** Jobs 0..n-1 writing "i" to i.txt; odd multiples of 3 throw. */
    static List<Batch.Job<Integer>> jobs(Path out, int n) {
        List<Batch.Job<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(new Batch.Job<>("L" + i, i, out.resolve(i + ".txt")));
        }
        return jobs;
    }

    /** Writes "i" to its file. */
    static final Batch.Work<Integer, Integer> WRITE = (i, file) -> {
        AtomicFiles.write(file, o -> o.write(Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
        return i;
    };

    static final Batch.Work<Integer, Integer> WORK = (i, file) -> {
        if (i % 3 == 0 && i % 2 == 1) {
            throw new IllegalArgumentException("lesion " + i + " is bad\non two lines");
        }
        AtomicFiles.write(file, o -> o.write(Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
        return i * i;
    };

    @Test
    void doesTheGoodJobsInOrderAndListsTheBadOnes(@TempDir Path out) throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        Batch.Report<Integer> r = new Batch(out, 3, false, Progress.NONE).run("squares", jobs(out, 20),
                List.of(new Batch.Failure("row 7", "text in a number")), (i, f) -> {
                    threads.add(Thread.currentThread().getName());
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(2);
                        return WORK.run(i, f);
                    } finally {
                        running.decrementAndGet();
                    }
                });
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (!(i % 3 == 0 && i % 2 == 1)) {
                expected.add(i * i);
                assertEquals(Integer.toString(i), Files.readString(out.resolve(i + ".txt")));
            } else {
                assertFalse(Files.exists(out.resolve(i + ".txt")));
            }
        }
        assertEquals(expected, r.done().stream().map(Batch.Done::value).toList());
        assertTrue(threads.size() >= 2, threads.toString());
        assertTrue(most.get() <= 3, "at most 3 at once, saw " + most.get());
        assertEquals(1, r.exitCode());
        assertEquals(List.of("lesion,reason", "row 7,text in a number", "L3,lesion 3 is bad on two lines",
                "L9,lesion 9 is bad on two lines", "L15,lesion 15 is bad on two lines"),
                Files.readAllLines(out.resolve("failures.csv")));
        assertTrue(r.summary().startsWith("squares: 17 done, 4 failed (see "), r.summary());
    }

    @Test
    void aRerunSkipsWhatExistsAndForceRedoesIt(@TempDir Path out) throws Exception {
        Batch.Work<Integer, Integer> ok = (i, f) -> {
            AtomicFiles.write(f, o -> o.write('x'));
            return i;
        };
        assertEquals(0, new Batch(out, 2, false, Progress.NONE).run("t", jobs(out, 5), List.of(), ok).exitCode());
        Files.delete(out.resolve("2.txt"));
        Batch.Report<Integer> again = new Batch(out, 2, false, Progress.NONE).run("t", jobs(out, 5), List.of(), ok);
        assertEquals(List.of(2), again.done().stream().map(Batch.Done::value).toList());
        assertEquals(List.of("L0", "L1", "L3", "L4"), again.skipped());
        assertEquals(List.of("lesion,reason"), Files.readAllLines(out.resolve("failures.csv")));
        assertEquals(0, again.exitCode());
        Batch.Report<Integer> forced = new Batch(out, 2, true, Progress.NONE).run("t", jobs(out, 5), List.of(), ok);
        assertEquals(5, forced.done().size());
        assertTrue(forced.skipped().isEmpty());
    }

    @Test
    void failuresOfAnEarlierRunAreNotKeptOnceFixed(@TempDir Path out) throws Exception {
        new Batch(out, 1, false, Progress.NONE).run("t", jobs(out, 4), List.of(), WORK);
        assertEquals(2, Files.readAllLines(out.resolve("failures.csv")).size());
        Batch.Report<Integer> r = new Batch(out, 1, false, Progress.NONE).run("t", jobs(out, 4), List.of(),
                (i, f) -> {
                    AtomicFiles.write(f, o -> o.write('y'));
                    return i;
                });
        assertEquals(List.of(3), r.done().stream().map(Batch.Done::value).toList());
        assertEquals(List.of("lesion,reason"), Files.readAllLines(out.resolve("failures.csv")));
    }

    @Test
    void reportsProgressPerJobAndUsesItsOwnFailureFile(@TempDir Path out) {
        CountingProgress p = new CountingProgress();
        Batch.Report<Integer> r = new Batch(out, 2, false, p, "other.csv").run("t", jobs(out, 7), List.of(), WORK);
        assertEquals(7, p.total.get());
        assertEquals(7, p.advanced.get());
        assertEquals(out.resolve("other.csv"), r.failuresFile());
        assertTrue(Files.exists(out.resolve("other.csv")));
        assertFalse(Files.exists(out.resolve("failures.csv")));
    }

    @Test
    void reasonsAreOneLineAndNameUnexpectedExceptions() {
        assertEquals("f.png: corrupt", Batch.reason(new WsssIoException(Path.of("f.png"), "corrupt", null)));
        assertEquals("NullPointerException: x is null", Batch.reason(new NullPointerException("x is null")));
        assertEquals("java.lang.IllegalStateException", Batch.reason(new IllegalStateException()));
        assertEquals("a b", Batch.reason(new IllegalArgumentException("a\r\n  b")));
    }

    @Test
    void anOutOfMemoryErrorFailsItsLesionOnly(@TempDir Path out) throws Exception {
        Batch.Report<Integer> r = new Batch(out, 2, false, Progress.NONE).run("t", jobs(out, 6), List.of(), (i, f) -> {
            if (i == 2) {
                // what decoding a 30000 x 30000 slice did before the readers checked sizes
                long[] huge = new long[Integer.MAX_VALUE - 8];
                return huge.length;
            }
            if (i == 4) {
                throw new StackOverflowError();
            }
            return WRITE.run(i, f);
        });
        assertEquals(List.of("L0", "L1", "L3", "L5"), r.done().stream().map(Batch.Done::lesion).toList());
        List<String> lines = Files.readAllLines(out.resolve("failures.csv"));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("L2,OutOfMemoryError"), lines.toString());
        assertTrue(lines.get(1).contains("WSSS_JAVA_OPTS=-Xmx"), "says how to raise the heap: " + lines);
        assertEquals("L4,java.lang.StackOverflowError", lines.get(2));
    }

    @Test
    void anErrorThatLeavesTheJvmUnsoundStopsCleanlyWithTheFailuresWritten(@TempDir Path out) throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Batch(out, 1, false,
                Progress.NONE).run("t", jobs(out, 6), List.of(new Batch.Failure("row 9", "bad")), (i, f) -> {
                    if (i == 1) {
                        throw new IllegalArgumentException("bad one");
                    }
                    if (i == 2) {
                        throw new InternalError("corrupt heap");
                    }
                    return WRITE.run(i, f);
                }));
        assertTrue(e.getMessage().startsWith("t stopped at lesion L2: InternalError: corrupt heap (failures so far in "),
                e.getMessage());
        assertEquals(List.of("lesion,reason", "row 9,bad", "L1,bad one", "L2,InternalError: corrupt heap",
                "L3,cancelled", "L4,cancelled", "L5,cancelled"), Files.readAllLines(out.resolve("failures.csv")));
        assertTrue(Files.exists(out.resolve("0.txt")));
        assertFalse(Files.exists(out.resolve("3.txt")));
    }

    @Test
    void aLesionPastTheTimeLimitFailsAndPublishesNothing(@TempDir Path out) throws Exception {
        java.util.concurrent.CountDownLatch late = new java.util.concurrent.CountDownLatch(1);
        Batch.Report<Integer> r = new Batch(out, 2, false, Progress.NONE).withTimeout(java.time.Duration.ofMillis(200))
                .run("t", jobs(out, 4), List.of(), (i, f) -> {
                    if (i == 1) {
                        long end = System.nanoTime() + 600_000_000L;
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait(); // ignores the interrupt, as a native call would
                        }
                        try {
                            return WRITE.run(i, f);
                        } finally {
                            late.countDown();
                        }
                    }
                    return WRITE.run(i, f);
                });
        assertEquals(List.of("L0", "L2", "L3"), r.done().stream().map(Batch.Done::lesion).toList());
        assertEquals(List.of("lesion,reason", "L1,TimeoutException: no result within the time limit of 200 ms"),
                Files.readAllLines(out.resolve("failures.csv")));
        assertTrue(late.await(10, java.util.concurrent.TimeUnit.SECONDS));
        Thread.sleep(50);
        assertFalse(Files.exists(out.resolve("1.txt")), "a timed-out lesion must not publish its output later");
        assertThrows(IllegalArgumentException.class, () -> new Batch(out, 1, false, Progress.NONE)
                .withTimeout(java.time.Duration.ofSeconds(-1)));
    }

    @Test
    void anExistingOutputThatDoesNotReadBackIsRedone(@TempDir Path out) throws Exception {
        Batch.Work<Integer, Integer> ok = (i, f) -> {
            AtomicFiles.write(f, o -> o.write(("ok" + i).getBytes(StandardCharsets.UTF_8)));
            return i;
        };
        Batch.OutputCheck check = f -> {
            if (!Files.readString(f).startsWith("ok")) {
                throw new IllegalArgumentException(f + ": garbage");
            }
        };
        new Batch(out, 2, false, Progress.NONE).run("t", jobs(out, 4), List.of(), ok);
        Files.writeString(out.resolve("2.txt"), "\0\0 left by a full disk");
        Batch.Report<Integer> again = new Batch(out, 2, false, Progress.NONE).withOutputCheck(check)
                .run("t", jobs(out, 4), List.of(), ok);
        assertEquals(List.of("L2"), again.done().stream().map(Batch.Done::lesion).toList());
        assertEquals(List.of("L0", "L1", "L3"), again.skipped());
        assertEquals("ok2", Files.readString(out.resolve("2.txt")));
    }

    @Test
    void rejectsNoThreads(@TempDir Path out) {
        assertThrows(IllegalArgumentException.class, () -> new Batch(out, 0, false, Progress.NONE));
    }
}
