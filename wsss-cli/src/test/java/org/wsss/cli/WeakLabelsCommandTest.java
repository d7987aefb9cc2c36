package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsss.api.Mask;
import org.wsss.eval.metrics.Metrics;
import org.wsss.io.MaskPng;

class WeakLabelsCommandTest {

    static Cli weakLabels(Path data, String method, Path out, String... more) {
        String[] base = {"weak-labels", "--deeplesion", data.toString(), "--method", method, "--out", out.toString(),
            "--threads", "2", "--no-progress"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grabcut-r", "recist-d"})
    void writesOneBinaryPngPerRowTheSizeOfTheKeySlice(String method, @TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("dl");
        Path out = tmp.resolve("out");
        Map<String, TinyDeepLesion.Disc> cases = TinyDeepLesion.fourCases(data);
        assertEquals(List.of("000001_01_01_011", "000002_01_01_012", "000003_01_01_013", "000003_01_01_013_2"),
                List.copyOf(cases.keySet()));

        Cli r = weakLabels(data, method, out);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("4 done, 0 failed"), r.toString());
        assertEquals(List.of("lesion,reason"), Files.readAllLines(out.resolve("failures.csv")));
        for (Map.Entry<String, TinyDeepLesion.Disc> e : cases.entrySet()) {
            Path png = out.resolve(e.getKey() + ".png");
            BufferedImage img = ImageIO.read(png.toFile());
            Raster raster = img.getRaster();
            assertEquals(TinyDeepLesion.SIZE, img.getWidth());
            assertEquals(TinyDeepLesion.SIZE, img.getHeight());
            assertEquals(1, raster.getNumBands());
            assertEquals(8, raster.getSampleModel().getSampleSize(0));
            int[] v = raster.getSamples(0, 0, img.getWidth(), img.getHeight(), 0, (int[]) null);
            int lesion = 0;
            for (int x : v) {
                assertTrue(x == 0 || x == 255, png + " holds " + x);
                lesion += x == 255 ? 1 : 0;
            }
            assertTrue(lesion > 0, png + " is empty");
            TinyDeepLesion.Disc d = e.getValue();
            Mask mask = MaskPng.read(png);
            assertTrue(mask.get(d.cx(), d.cy()), "the RECIST centre of " + e.getKey() + " is not lesion");
            // Each mask covers its own disc, not the other lesion on the same slice.
            double dice = Metrics.dice(mask, d.on(0));
            assertTrue(dice > (method.equals("grabcut-r") ? 0.8 : 0.3), e.getKey() + " Dice " + dice);
        }
        assertFalse(MaskPng.read(out.resolve("000003_01_01_013.png")).get(34, 32));
        assertFalse(MaskPng.read(out.resolve("000003_01_01_013_2.png")).get(14, 14));
    }

    @Test
    void aCorruptPngAndABadRowAreListedAndTheOthersDone(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("dl");
        Path out = tmp.resolve("out");
        TinyDeepLesion.fourCases(data);
        Path corrupt = TinyDeepLesion.keySlicePng(data, 2);
        Files.write(corrupt, "this is not a PNG at all".getBytes());
        Files.writeString(data.resolve("DL_info.csv"), "000009_01_01_001.png,9,1,1\n",
                java.nio.file.StandardOpenOption.APPEND);

        Cli r = weakLabels(data, "grabcut-r", out);
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("3 done, 2 failed"), r.toString());
        List<String> failures = Files.readAllLines(out.resolve("failures.csv"));
        assertEquals(3, failures.size(), failures.toString());
        // the bad row is named by its lesion id (its File_name is readable) and its reason names the row
        assertTrue(failures.get(1).startsWith("000009_01_01_001,") && failures.get(1).contains("DL_info.csv, row 6:"),
                failures.toString());
        assertTrue(failures.get(2).startsWith("000002_01_01_012,") && failures.get(2).contains(corrupt.toString())
                && failures.get(2).contains("cannot decode PNG"), failures.toString());
        assertFalse(Files.exists(out.resolve("000002_01_01_012.png")));
        for (String id : List.of("000001_01_01_011", "000003_01_01_013", "000003_01_01_013_2")) {
            assertTrue(MaskPng.read(out.resolve(id + ".png")).count() > 0, id);
        }
    }

    @Test
    void aRerunWritesOnlyWhatIsMissingAndForceRewritesAll(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("dl");
        Path out = tmp.resolve("out");
        List<String> ids = List.copyOf(TinyDeepLesion.fourCases(data).keySet());
        assertEquals(0, weakLabels(data, "recist-d", out).code());
        Path missing = out.resolve(ids.get(1) + ".png");
        Files.delete(missing);
        // An old time stamp that a rewrite would certainly change, whatever the file system's resolution.
        FileTime old = FileTime.fromMillis(946_684_800_000L);
        for (String id : ids) {
            if (!id.equals(ids.get(1))) {
                Files.setLastModifiedTime(out.resolve(id + ".png"), old);
            }
        }

        Cli again = weakLabels(data, "recist-d", out);
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("1 done, 3 already done"), again.toString());
        assertTrue(MaskPng.read(missing).count() > 0);
        Map<String, FileTime> times = new HashMap<>();
        for (String id : ids) {
            times.put(id, Files.getLastModifiedTime(out.resolve(id + ".png")));
        }
        for (String id : ids) {
            assertEquals(!id.equals(ids.get(1)), times.get(id).equals(old), id + " " + times.get(id));
        }

        Cli forced = weakLabels(data, "recist-d", out, "--force");
        assertEquals(0, forced.code(), forced.toString());
        assertTrue(forced.out().contains("4 done, 0 failed"), forced.toString());
        for (String id : ids) {
            assertFalse(Files.getLastModifiedTime(out.resolve(id + ".png")).equals(old), id);
        }
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(6, s.count(), "4 PNGs, failures.csv and the method, no temporaries");
        }
    }

    @Test
    void anotherMethodIntoTheSameFolderNeedsForce(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("dl");
        Path out = tmp.resolve("out");
        TinyDeepLesion.fourCases(data);
        assertEquals(0, weakLabels(data, "recist-d", out).code());
        assertEquals("recist-d", Files.readString(out.resolve(WeakLabelsCommand.METHOD_FILE)).strip());
        Cli other = weakLabels(data, "grabcut-r", out);
        assertEquals(2, other.code(), other.toString());
        assertEquals("wsss weak-labels: " + out + " holds recist-d masks, not grabcut-r; choose another --out,"
                + " or --force to redo every lesion", other.err().strip());
        Cli forced = weakLabels(data, "grabcut-r", out, "--force");
        assertEquals(0, forced.code(), forced.toString());
        assertTrue(forced.out().contains("4 done, 0 failed"), forced.toString());
        assertEquals("grabcut-r", Files.readString(out.resolve(WeakLabelsCommand.METHOD_FILE)).strip());
    }
}
