package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Axis;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.api.WsssIoException;

class DeepLesionTest {

    @TempDir
    Path dir;

    private static final int COORDS = 5, TYPE = 9, RANGE = 11, SPACING = 12, SIZE = 13, SPLIT = 17;

    @Test
    void readsDeepLesionsFirstRow() {
        DlFixture.csv(dir, DlFixture.ROW);
        LesionDataset ds = DeepLesion.open(dir);
        assertEquals(1, ds.size());
        assertEquals(List.of(), ds.problems());
        LesionCase c = ds.get(0);
        assertEquals("000001_01_01_109", c.id());
        assertEquals(new VoxelSpacing(0.488281, 0.488281, 5), c.spacing());
        assertEquals(new Window(-175, 275), c.window());
        assertEquals(LesionCategory.MEDIASTINUM, c.category());
        assertEquals(Split.TEST, c.split());
        assertEquals(512, c.width());
        assertEquals(512, c.height());
        assertEquals(109, c.recist().sliceIndex());
        assertEquals(Axis.of(233.537, 95.0204, 234.057, 106.977), c.recist().longAxis());
        assertEquals(Axis.of(231.169, 101.605, 236.252, 101.143), c.recist().shortAxis());
        // DeepLesion's own Lesion_diameters_Pixel_ for this row: 11.9677, 5.10387
        assertEquals(11.9677, c.recist().longLengthPx(), 1e-3);
        assertEquals(5.10387, c.recist().shortLengthPx(), 1e-3);
        DeepLesionRecord r = DeepLesion.open(dir).record(0);
        assertEquals(103, r.firstSlice());
        assertEquals(115, r.lastSlice());
        assertEquals("F", r.patientGender());
        assertEquals(62, r.patientAge());
        assertFalse(r.possiblyNoisy());
        assertEquals("000001_01_01", r.seriesFolder());
    }

    @Test
    void longAxisIsTheLongerInMillimetresNotTheFirst() {
        // Short axis written first: the reader must swap.
        String swapped = DlFixture.withField(DlFixture.ROW, COORDS,
                "231.169, 101.605, 236.252, 101.143, 233.537, 95.0204, 234.057, 106.977");
        // Anisotropic pixels: 20 px across at 0.5 mm (10 mm) is shorter than 8 px down at 2 mm (16 mm).
        String aniso = DlFixture.withField(DlFixture.withField(DlFixture.ROW, COORDS, "100, 200, 120, 200, 110, 196, 110, 204"),
                SPACING, "0.5, 2, 5");
        DlFixture.csv(dir, swapped, aniso);
        LesionDataset ds = DeepLesion.open(dir);
        assertEquals(2, ds.size(), () -> ds.problems().toString());
        assertEquals(Axis.of(233.537, 95.0204, 234.057, 106.977), ds.get(0).recist().longAxis());
        assertEquals(Axis.of(110, 196, 110, 204), ds.get(1).recist().longAxis());
        assertEquals(16.0, ds.get(1).recist().longLengthMm(ds.get(1).spacing()), 1e-12);
        assertEquals(10.0, ds.get(1).recist().shortLengthMm(ds.get(1).spacing()), 1e-12);
    }

    @Test
    void repeatedFileNamesGetSuffixesInRowOrderCountingSkippedRows() {
        String other = DlFixture.ROW.replace("000001_01_01_109.png,1,1,1,109", "000001_01_01_110.png,1,1,1,110");
        String bad = DlFixture.withField(DlFixture.ROW, SPLIT, "9");
        DlFixture.csv(dir, DlFixture.ROW, other, bad, DlFixture.ROW, DlFixture.ROW);
        LesionDataset ds = DeepLesion.open(dir);
        assertEquals(List.of("000001_01_01_109", "000001_01_01_110", "000001_01_01_109_3", "000001_01_01_109_4"),
                ds.stream().map(LesionCase::id).toList());
        assertEquals(1, ds.problems().size());
        assertEquals(4, ds.problems().get(0).row());
    }

    @Test
    void eachBadRowIsSkippedAndNamedWithFileAndRow() {
        String[] rows = {
            DlFixture.ROW,                                                                       // row 2
            DlFixture.withField(DlFixture.ROW, COORDS, "1, 2, 3, 4, 5, 6, 7"),                   // 3: 7 coordinates
            DlFixture.withField(DlFixture.ROW, SPACING, "0.488281, abc, 5"),                     // 4: text in a number
            DlFixture.withField(DlFixture.ROW, SPLIT, "4"),                                      // 5: unknown split
            DlFixture.withField(DlFixture.ROW, TYPE, "12"),                                      // 6: unknown category
            DlFixture.ROW.substring(0, DlFixture.ROW.lastIndexOf(',')),                          // 7: 17 columns
            DlFixture.withField(DlFixture.ROW, COORDS, "10, 10, 10, 10, 5, 10, 15, 10"),         // 8: coinciding endpoints
            DlFixture.withField(DlFixture.ROW, COORDS, "10, 10, 30, 10, 10, 12, 30, 14"),        // 9: axes not perpendicular
            DlFixture.withField(DlFixture.ROW, COORDS, "500, 10, 530, 10, 515, 5, 515, 15"),     // 10: outside the image
            DlFixture.withField(DlFixture.ROW, RANGE, "110, 115"),                               // 11: key outside range
            DlFixture.ROW.replace("000001_01_01_109.png", "000002_01_01_109.png"),               // 12: name vs columns
            DlFixture.ROW.substring(0, DlFixture.ROW.length() - 1) + "\"3",                       // 13: unbalanced quote
            DlFixture.withField(DlFixture.ROW, SPACING, "NaN, 0.5, 5"),                          // 14: NaN
            DlFixture.withField(DlFixture.ROW, SIZE, "512"),                                     // 15: 1 of 2 numbers
            DlFixture.ROW.replace("000001_01_01_109.png,1,1,1,109", "000001_01_01_110.png,1,1,1,110"), // 16
        };
        Path csv = DlFixture.csv(dir, rows);
        LesionDataset ds = DeepLesion.open(dir);
        assertEquals(List.of("000001_01_01_109", "000001_01_01_110"), ds.stream().map(LesionCase::id).toList());
        List<WsssIoException> p = ds.problems();
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                p.stream().map(WsssIoException::row).toList());
        String[] expected = {"Measurement_coordinates: 7 numbers", "Spacing_mm_px_: ' abc' is not a number",
            "Train_Val_Test", "Coarse_lesion_type", "17 fields, expected 18", "coincide", "degrees from perpendicular",
            "outside the 512x512 slice", "outside Slice_range", "Patient_index", "not closed", "'NaN' is not a number",
            "Image_size: 1 numbers"};
        for (int k = 0; k < p.size(); k++) {
            WsssIoException e = p.get(k);
            assertEquals(csv, e.file().orElseThrow());
            assertTrue(e.getMessage().startsWith(csv + ", row " + e.row() + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(expected[k]), "row " + e.row() + ": " + e.getMessage());
        }
    }

    @Test
    void missingFolderCsvOrImagesFailsAtOpen() throws IOException {
        WsssIoException e = assertThrows(WsssIoException.class, () -> DeepLesion.open(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        e = assertThrows(WsssIoException.class, () -> DeepLesion.open(dir));
        assertTrue(e.getMessage().contains("Images_png"), e.getMessage());
        Files.createDirectories(dir.resolve("Images_png"));
        e = assertThrows(WsssIoException.class, () -> DeepLesion.open(dir));
        assertTrue(e.getMessage().contains("DL_info.csv") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void wrongOrEmptyHeaderFailsAtOpen() throws IOException {
        DlFixture.csv(dir, DlFixture.ROW);
        Path csv = dir.resolve("DL_info.csv");
        String text = Files.readString(csv);
        Files.writeString(csv, text.replace("Spacing_mm_px_", "Spacing"));
        WsssIoException e = assertThrows(WsssIoException.class, () -> DeepLesion.open(dir));
        assertEquals(1, e.row());
        assertTrue(e.getMessage().contains("column 13 is 'Spacing'"), e.getMessage());
        Files.writeString(csv, text.replace(",Train_Val_Test", ""));
        e = assertThrows(WsssIoException.class, () -> DeepLesion.open(dir));
        assertTrue(e.getMessage().contains("column 18"), e.getMessage());
        Files.writeString(csv, "");
        e = assertThrows(WsssIoException.class, () -> DeepLesion.open(dir));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        // A UTF-8 byte-order mark and CRLF line ends are fine.
        Files.writeString(csv, "\uFEFF" + text.replace("\n", "\r\n"));
        assertEquals(1, DeepLesion.open(dir).size());
    }

    @Test
    void opensAFullSizeCsvWithoutTouchingImages() throws IOException {
        int n = 32_735;
        StringBuilder sb = new StringBuilder(DlFixture.HEADER).append('\n');
        String tail = DlFixture.ROW.substring(DlFixture.ROW.indexOf("\"233.537"));
        for (int i = 0; i < n; i++) {
            int patient = i / 3 + 1, key = 108 + i % 3;
            String p = Integer.toString(patient);
            sb.append("000000", p.length(), 6).append(p).append("_01_01_").append(key).append(".png,").append(p)
                    .append(",1,1,").append(key).append(',').append(tail).append('\n');
        }
        Files.createDirectories(dir.resolve("Images_png"));
        Files.writeString(dir.resolve("DL_info.csv"), sb);
        DeepLesionDataset ds = DeepLesion.open(dir);
        assertEquals(n, ds.size(), () -> ds.problems().subList(0, Math.min(3, ds.problems().size())).toString());
        assertEquals(List.of(), ds.problems());
        Set<String> ids = new HashSet<>();
        ds.forEach(c -> ids.add(c.id()));
        assertEquals(n, ids.size());
        assertEquals(n + 1, ds.rowNumber(n - 1));
        // No series folder exists: nothing was listed or read while opening.
        WsssIoException e = assertThrows(WsssIoException.class, () -> ds.get(0).sliceIndices());
        assertTrue(e.getMessage().contains("series folder not found"), e.getMessage());
    }

    @Test
    void readsOnlyStoredSlicesWithinRange() {
        DlFixture.csv(dir, DlFixture.ROW);
        Path series = dir.resolve("Images_png/000001_01_01");
        int w = 512, h = 512;
        // 102 and 116 lie outside Slice_range 103..115; "notes.png" is not a slice; 103, 104 and
        // 111..115 are not stored (a folder may hold only some slices, consecutive ones).
        for (String name : new String[] {"102.png", "105.png", "106.png", "107.png", "108.png", "109.png", "110.png",
            "116.png", "notes.png"}) {
            DlFixture.png16(series.resolve(name), w, h, (x, y) -> 32768 + x - y);
        }
        LesionCase c = DeepLesion.open(dir).get(0);
        assertArrayEquals(new int[] {105, 106, 107, 108, 109, 110}, c.sliceIndices());
        assertEquals(4, c.zOf(109));
        assertEquals(-1, c.zOf(104));
        Slice s = c.keySlice();
        assertEquals(512, s.width());
        assertEquals(0f, s.get(7, 7));
        assertEquals(-511f, s.get(0, 511));
        assertEquals(511f, s.get(511, 0));
        assertEquals(c.spacing(), s.spacing());
        assertThrows(IllegalArgumentException.class, () -> c.slice(116));
        WsssIoException e = assertThrows(WsssIoException.class, () -> c.slice(104));
        assertEquals(series.resolve("104.png"), e.file().orElseThrow());
    }

    @Test
    void zeroPaddedAndUnpaddedSliceNamesAreBothRead() {
        String low = DlFixture.withField(DlFixture.withField(DlFixture.ROW.replace(
                "000001_01_01_109.png,1,1,1,109", "000001_01_01_009.png,1,1,1,9"), RANGE, "8, 10"),
                COORDS, "233.537, 95.0204, 234.057, 106.977, 231.169, 101.605, 236.252, 101.143");
        DlFixture.csv(dir, low);
        Path series = dir.resolve("Images_png/000001_01_01");
        DlFixture.png16(series.resolve("8.png"), 512, 512, (x, y) -> 32768 + 8);
        DlFixture.png16(series.resolve("009.png"), 512, 512, (x, y) -> 32768 + 9);
        LesionDataset ds = DeepLesion.open(dir);
        assertEquals(1, ds.size(), () -> ds.problems().toString());
        LesionCase c = ds.get(0);
        assertArrayEquals(new int[] {8, 9}, c.sliceIndices());
        assertEquals(8f, c.slice(8).get(3, 3));
        assertEquals(9f, c.keySlice().get(3, 3));
    }

    @Test
    void badImagesAreNamedInTheError() throws IOException {
        DlFixture.csv(dir, DlFixture.ROW);
        Path series = dir.resolve("Images_png/000001_01_01");
        Path good = DlFixture.png16(series.resolve("109.png"), 512, 512, (x, y) -> 32768);
        Path eight = DlFixture.png8(series.resolve("110.png"), 512, 512);
        Path small = DlFixture.png16(series.resolve("111.png"), 256, 512, (x, y) -> 32768);
        byte[] bytes = Files.readAllBytes(DlFixture.png16(series.resolve("112.png"), 512, 512, (x, y) -> x * 97 + y));
        Path truncated = series.resolve("112.png");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path garbage = Files.write(series.resolve("113.png"), "not a png at all".getBytes());
        Path empty = Files.write(series.resolve("114.png"), new byte[0]);
        LesionCase c = DeepLesion.open(dir).get(0);
        assertEquals(512, c.slice(109).width());
        Object[][] cases = {{110, eight, "16-bit"}, {111, small, "256x512"}, {112, truncated, "PNG"},
            {113, garbage, "PNG"}, {114, empty, "PNG"}};
        for (Object[] k : cases) {
            WsssIoException e = assertThrows(WsssIoException.class, () -> c.slice((Integer) k[0]), k[1].toString());
            assertEquals(k[1], e.file().orElseThrow());
            assertTrue(e.getMessage().startsWith(k[1].toString()), e.getMessage());
            assertTrue(e.getMessage().contains((String) k[2]), e.getMessage());
        }
        assertTrue(Files.exists(good));
    }

    @Test
    void missingKeySliceOrSeriesFolderIsAnIoError() {
        String other = DlFixture.ROW.replace("000001_01_01_109.png,1,1,1,109", "000001_01_02_109.png,1,1,2,109");
        DlFixture.csv(dir, DlFixture.ROW, other);
        DlFixture.png16(dir.resolve("Images_png/000001_01_01/108.png"), 512, 512, (x, y) -> 32768);
        LesionDataset ds = DeepLesion.open(dir);
        WsssIoException e = assertThrows(WsssIoException.class, () -> ds.get(0).sliceIndices());
        assertEquals(dir.resolve("Images_png/000001_01_01/109.png"), e.file().orElseThrow());
        e = assertThrows(WsssIoException.class, () -> ds.get(0).keySlice());
        assertEquals(dir.resolve("Images_png/000001_01_01/109.png"), e.file().orElseThrow());
        e = assertThrows(WsssIoException.class, () -> ds.get(1).keySlice());
        assertEquals(dir.resolve("Images_png/000001_01_02"), e.file().orElseThrow());
    }

    @Test
    void seriesListingIsSharedByTheRowsOfASeries() {
        String other = DlFixture.ROW.replace("000001_01_01_109.png,1,1,1,109", "000001_01_01_110.png,1,1,1,110");
        DlFixture.csv(dir, DlFixture.ROW, other);
        Path series = dir.resolve("Images_png/000001_01_01");
        DlFixture.png16(series.resolve("109.png"), 512, 512, (x, y) -> 32768);
        DlFixture.png16(series.resolve("110.png"), 512, 512, (x, y) -> 32768);
        LesionDataset ds = DeepLesion.open(dir);
        assertArrayEquals(new int[] {109, 110}, ds.get(0).sliceIndices());
        DlFixture.png16(series.resolve("111.png"), 512, 512, (x, y) -> 32768);
        // Listed once, on first use: the second row sees the same listing.
        assertArrayEquals(new int[] {109, 110}, ds.get(1).sliceIndices());
        assertArrayEquals(new int[] {109, 110, 111}, DeepLesion.open(dir).get(1).sliceIndices());
    }

    @Test
    void groundTruthIsReadFromNifti() throws IOException {
        String other = DlFixture.ROW.replace("000001_01_01_109.png,1,1,1,109", "000001_01_01_110.png,1,1,1,110");
        DlFixture.csv(dir, DlFixture.ROW, DlFixture.ROW, other);
        Path series = dir.resolve("Images_png/000001_01_01");
        for (int i : new int[] {108, 109, 110, 111}) {
            DlFixture.png16(series.resolve(i + ".png"), 512, 512, (x, y) -> 32768);
        }
        VoxelSpacing sp = new VoxelSpacing(0.488281, 0.488281, 5);
        Mask3D truth = Mask3D.builder(512, 512, 4, sp).set(233, 101, 1).set(234, 100, 1).set(234, 101, 2).build();
        Files.createDirectories(dir.resolve("ground_truth"));
        Nifti.writeMask(truth, DeepLesion.groundTruthFile(dir, "000001_01_01_109_2"));
        Files.writeString(DeepLesion.groundTruthFile(dir, "000001_01_01_110"), "not a NIfTI file");

        LesionDataset ds = DeepLesion.open(dir);
        assertTrue(ds.get(0).groundTruth().isEmpty()); // no file for the first row
        Mask3D back = ds.get(1).groundTruth().orElseThrow();
        assertArrayEquals(truth.toArray(), back.toArray());
        assertEquals(3, back.count());
        WsssIoException e = assertThrows(WsssIoException.class, () -> ds.get(2).groundTruth());
        assertEquals(DeepLesion.groundTruthFile(dir, "000001_01_01_110"), e.file().orElseThrow());
    }

    @Test
    void groundTruthMustLieOnTheCaseGrid() throws IOException {
        String other = DlFixture.ROW.replace("000001_01_01_109.png,1,1,1,109", "000001_01_01_110.png,1,1,1,110");
        DlFixture.csv(dir, DlFixture.ROW, other);
        Path series = dir.resolve("Images_png/000001_01_01");
        for (int i = 108; i <= 110; i++) {
            DlFixture.png16(series.resolve(i + ".png"), 512, 512, (x, y) -> 32768);
        }
        Files.createDirectories(dir.resolve("ground_truth"));
        Files.writeString(DeepLesion.groundTruthFile(dir, "000001_01_01_109"), "0.488281 3");
        Files.writeString(DeepLesion.groundTruthFile(dir, "000001_01_01_110"), "0.5 3");
        // A reader plugged in through the hook: "<x spacing> <depth>".
        GroundTruthReader fake = (file, c) -> {
            String[] t = readQuietly(file).split(" ");
            double sx = Double.parseDouble(t[0]);
            return Mask3D.empty(512, 512, Integer.parseInt(t[1]), new VoxelSpacing(sx, sx, 5));
        };
        LesionDataset ds = DeepLesion.open(dir, fake);
        assertEquals(3, ds.get(0).groundTruth().orElseThrow().depth());
        WsssIoException e = assertThrows(WsssIoException.class, () -> ds.get(1).groundTruth());
        assertEquals(DeepLesion.groundTruthFile(dir, "000001_01_01_110"), e.file().orElseThrow());
        assertTrue(e.getMessage().contains("spacing"), e.getMessage());
        Files.writeString(DeepLesion.groundTruthFile(dir, "000001_01_01_110"), "0.488281 2");
        e = assertThrows(WsssIoException.class, () -> DeepLesion.open(dir, fake).get(1).groundTruth());
        assertTrue(e.getMessage().contains("512x512x2") && e.getMessage().contains("512x512x3"), e.getMessage());
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
