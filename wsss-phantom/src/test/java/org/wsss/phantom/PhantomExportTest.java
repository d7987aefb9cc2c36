package org.wsss.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.io.DeepLesion;

class PhantomExportTest {

    @Test
    void exportedPhantomReadsBackAsTheSameCases(@TempDir Path dir) {
        PhantomConfig cfg = PhantomStatisticsTest.SMALL.withCount(6);
        Phantom.export(cfg, dir);
        assertTrue(Files.isRegularFile(dir.resolve(DeepLesion.CSV_FILE)));
        LesionDataset back = DeepLesion.open(dir);
        LesionDataset orig = Phantom.dataset(cfg);
        assertEquals(orig.size(), back.size());
        assertTrue(back.problems().isEmpty(), back.problems().toString());
        for (int i = 0; i < orig.size(); i++) {
            LesionCase a = orig.get(i), b = back.get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.recist(), b.recist());
            assertEquals(a.spacing(), b.spacing());
            assertEquals(a.window(), b.window());
            assertEquals(a.category(), b.category());
            assertEquals(a.split(), b.split());
            assertEquals(a.width(), b.width());
            assertEquals(a.height(), b.height());
            assertArrayEquals(a.sliceIndices(), b.sliceIndices());
            for (int s : a.sliceIndices()) {
                assertArrayEquals(a.slice(s).toArray(), b.slice(s).toArray(), a.id() + " slice " + s);
            }
            assertEquals(a.groundTruth().orElseThrow(), b.groundTruth().orElseThrow());
            assertTrue(Files.isRegularFile(DeepLesion.groundTruthFile(dir, a.id())));
        }
    }

    @Test
    void parallelExportWritesTheSameFilesAsTheSequentialOne(@TempDir Path dir) throws Exception {
        PhantomConfig cfg = PhantomStatisticsTest.SMALL.withCount(7);
        Path seq = Phantom.export(cfg, dir.resolve("seq"));
        java.util.concurrent.atomic.AtomicLong steps = new java.util.concurrent.atomic.AtomicLong();
        Path par = Phantom.export(cfg, dir.resolve("par"), 3, new org.wsss.api.Progress() {
            @Override
            public void start(String task, long total) {
                assertEquals(7, total);
            }

            @Override
            public void advance(long n) {
                steps.addAndGet(n);
            }

            @Override
            public void finish() {
            }
        });
        assertEquals(7, steps.get());
        java.util.List<Path> files;
        try (var s = Files.walk(seq)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(7 + 1, files.stream().filter(f -> f.toString().endsWith(".nii.gz") || f.toString().endsWith(".csv")).count());
        for (Path f : files) {
            Path g = par.resolve(seq.relativize(f));
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(g), seq.relativize(f).toString());
        }
        try (var s = Files.walk(par)) {
            assertEquals(files.size(), s.filter(Files::isRegularFile).count());
        }
    }
}
