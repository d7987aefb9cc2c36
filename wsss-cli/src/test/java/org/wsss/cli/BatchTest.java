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
        Batch.Report<Integer> r = new Batch(out, 3, false, Progress.NONE).run("squares", jobs(out, 20),
                List.of(new Batch.Failure("row 7", "text in a number")), (i, f) -> {
                    threads.add(Thread.currentThread().getName());
                    return WORK.run(i, f);
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
        assertEquals(3, threads.size(), threads.toString());
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
    void rejectsNoThreads(@TempDir Path out) {
        assertThrows(IllegalArgumentException.class, () -> new Batch(out, 0, false, Progress.NONE));
    }
}
