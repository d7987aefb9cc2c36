package org.wsss.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.WsssIoException;
import org.wsss.dicom.CtSeries;
import org.wsss.dicom.DicomStudy;

/**
 * The lazy read ({@link SeriesReader#read(Path)}): the same series and exactly the pixels of the
 * eager read, header parsing from a file's first bytes agreeing with a whole-file parse, faults
 * still refused at open, a file spoiled after the open named when its slice is read, and
 * concurrent readers served one decoded slice.
 */
class LazyReadTest {

    /** Prefix sizes from the bare preamble up to the default; small ones leave the pixels unread. */
    static final int[] HEADS = {132, 200, 256, 300, 400, 512, 700, 1000, DicomParser.HEAD_BYTES};

    @TempDir
    Path dir;

    @Test
    void aLazySeriesHasExactlyThePixelsOfTheEagerRead() throws IOException {
        List<Path> series = new ArrayList<>();
        for (String name : List.of("ct_explicit.dcm", "ct_implicit.dcm")) {
            Path d = Files.createDirectories(dir.resolve(name));
            SeriesReaderTest.copyResource(name, d.resolve(name));
            series.add(d);
        }
        series.add(dir.resolve("plain"));
        CtFixture.write(dir.resolve("plain"), "plain", 6);
        series.add(dir.resolve("rescaled"));
        CtFixture.write(dir.resolve("rescaled"), "rescaled", 5, (z, d) -> {
            d.putDs(Tags.RESCALE_SLOPE, 0.5 + z).putDs(Tags.RESCALE_INTERCEPT, -1024.25 + z);
            d.putUs(Tags.BITS_STORED, 12).putUs(Tags.HIGH_BIT, 11);
        });
        for (Path d : series) {
            CtSeries eager = only(SeriesReader.read(d, false));
            for (int head : HEADS) {
                String what = d.getFileName() + ", first " + head + " bytes";
                CtSeries lazy = only(SeriesReader.read(d, true, head));
                assertEquals(eager.sopInstanceUids(), lazy.sopInstanceUids(), what);
                assertEquals(eager.files(), lazy.files(), what);
                assertEquals(eager.volume().toString(), lazy.volume().toString(), what);
                assertEquals(eager.window(), lazy.window(), what);
                assertEquals(eager.study(), lazy.study(), what);
                for (int z = 0; z < eager.volume().depth(); z++) {
                    assertArrayEquals(eager.position(z), lazy.position(z), what);
                    Slice e = eager.volume().slice(z), l = lazy.volume().slice(z);
                    assertEquals(e, l, what + ", slice " + z);
                    assertArrayEquals(e.toArray(), l.toArray(), what + ", slice " + z);
                }
            }
        }
    }

    @Test
    void aHeaderFromTheFirstBytesIsTheWholeFilesHeader() throws IOException {
        List<Path> files = new ArrayList<>(CtFixture.write(dir, "s", 1));
        for (String name : List.of("ct_explicit.dcm", "ct_implicit.dcm")) {
            SeriesReaderTest.copyResource(name, dir.resolve(name));
            files.add(dir.resolve(name));
        }
        for (Path f : files) {
            DicomParser.Part10 whole = DicomParser.read(f);
            int pixels = whole.dataset().offset(Tags.PIXEL_DATA);
            for (int head = 132; head <= Files.size(f); head++) {
                DicomParser.Head h = DicomParser.readHead(f, head);
                DicomObject ds = h.part10().dataset();
                assertEquals(Files.size(f), h.fileSize());
                if (head >= pixels + 4 && head < Files.size(f)) {
                    // the prefix holds the Pixel Data's element header: the pixels stay in the file
                    assertEquals(pixels, h.pixelOffset(), f + ", first " + head + " bytes");
                } else {
                    assertTrue(h.pixelOffset() == -1 || h.pixelOffset() == pixels, f + ", first " + head + " bytes");
                }
                assertEquals(pixels, ds.offset(Tags.PIXEL_DATA), f + ", first " + head + " bytes");
                assertEquals(whole.dataset().length(Tags.PIXEL_DATA), ds.length(Tags.PIXEL_DATA));
                for (int tag : new int[] {Tags.SERIES_INSTANCE_UID, Tags.SOP_INSTANCE_UID, Tags.IMAGE_POSITION_PATIENT,
                    Tags.RESCALE_INTERCEPT, Tags.PIXEL_SPACING, Tags.WINDOW_CENTER}) {
                    assertEquals(whole.dataset().string(tag), ds.string(tag), f + ", " + Tags.name(tag));
                }
            }
        }
    }

    @Test
    void truncatedFilesAreRefusedAtOpenWhateverTheHeaderBytes() throws IOException {
        List<Path> files = CtFixture.write(dir, "s", 3);
        byte[] whole = Files.readAllBytes(files.get(1));
        for (int head : new int[] {256, 512, DicomParser.HEAD_BYTES}) {
            for (int cut = 0; cut < whole.length; cut += 7) {
                Files.write(files.get(1), java.util.Arrays.copyOf(whole, cut));
                DicomStudy study = SeriesReader.read(dir, true, head);
                assertEquals(List.of(), study.series(), "cut at " + cut);
                String all = study.problems().toString();
                assertTrue(all.contains("s-1.dcm"), "cut at " + cut + ": " + all);
            }
        }
        // A cut inside the pixels says so, as the whole-file parse does.
        Files.write(files.get(1), java.util.Arrays.copyOf(whole, whole.length - 5));
        String m = SeriesReader.read(dir, true, 256).problems().toString();
        assertTrue(m.contains("PixelData") && m.contains("truncated?") && m.contains("s-1.dcm"), m);
    }

    @Test
    void aFileSpoiledAfterTheOpenIsNamedWhenItsSliceIsRead() throws IOException {
        List<Path> files = CtFixture.write(dir, "s", 4);
        Volume v = only(SeriesReader.read(dir, true, 256)).volume();
        Volume eager = only(SeriesReader.read(dir, false)).volume();
        assertEquals(eager.slice(0), v.slice(0));
        byte[] b = Files.readAllBytes(files.get(1));
        Files.write(files.get(1), java.util.Arrays.copyOf(b, b.length - 40));
        Files.delete(files.get(2));
        WsssIoException cut = assertThrows(WsssIoException.class, () -> v.slice(1));
        assertTrue(cut.getMessage().contains("s-1.dcm") && cut.getMessage().contains("PixelData")
                && cut.getMessage().contains("changed or truncated"), cut.getMessage());
        WsssIoException gone = assertThrows(WsssIoException.class, () -> v.slice(2));
        assertTrue(gone.getMessage().contains("s-2.dcm"), gone.getMessage());
        // Slices read before, and slices whose files are intact, are unaffected.
        assertEquals(eager.slice(0), v.slice(0));
        assertEquals(eager.slice(3), v.slice(3));
    }

    @Test
    void concurrentReadersShareOneDecodedSlice() throws Exception {
        CtFixture.write(dir, "s", 24);
        Volume eager = only(SeriesReader.read(dir, false)).volume();
        Volume v = only(SeriesReader.read(dir, true, 256)).volume();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Slice[]>> seen = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Integer> order = new ArrayList<>();
                for (int z = 0; z < v.depth(); z++) {
                    order.add(z);
                }
                Collections.shuffle(order, new Random(t));
                seen.add(pool.submit(() -> {
                    go.await();
                    Slice[] out = new Slice[v.depth()];
                    for (int z : order) {
                        out[z] = v.slice(z);
                    }
                    return out;
                }));
            }
            go.countDown();
            Slice[] first = seen.get(0).get(60, TimeUnit.SECONDS);
            for (Future<Slice[]> f : seen) {
                Slice[] other = f.get(60, TimeUnit.SECONDS);
                for (int z = 0; z < v.depth(); z++) {
                    assertSame(first[z], other[z], "slice " + z);
                    assertEquals(eager.slice(z), other[z], "slice " + z);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static CtSeries only(DicomStudy study) {
        assertEquals(List.of(), study.problems());
        assertEquals(1, study.series().size());
        return study.series().get(0);
    }
}
