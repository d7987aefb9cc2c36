package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Axis;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

class DeepLesionWriterTest {

    @TempDir
    Path dir;

    private static Slice randomSlice(SplittableRandom rnd, int w, int h, VoxelSpacing sp) {
        float[] hu = new float[w * h];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = rnd.nextInt(-32768, 32768);
        }
        hu[0] = -32768;
        hu[1] = 32767;
        return Slice.of(w, h, hu, sp);
    }

    @Test
    void roundTripKeepsMarksMetadataAndExactPixels() throws IOException {
        SplittableRandom rnd = new SplittableRandom(20180916);
        VoxelSpacing sp1 = new VoxelSpacing(0.7, 0.7, 5), sp2 = new VoxelSpacing(0.488281, 0.6, 2.5);
        // Short axis first in the second mark, anisotropic pixels: the reader decides by mm.
        Recist r1 = new Recist(Axis.of(20.25, 30.5, 40.125, 31), Axis.of(30, 25.75, 30.5, 36.1), 3);
        Recist r2 = Recist.fromAxes(Axis.of(10, 10, 10, 30), Axis.of(5, 20, 19, 20), 1, sp2);
        Recist r3 = new Recist(Axis.of(50, 40, 60, 40), Axis.of(55, 37, 55, 43), 3);
        DeepLesionRecord a = DeepLesionRecord.of(7, 1, 2, r1, 1, 5, sp1, 64, 48, new Window(-175, 275),
                LesionCategory.LIVER, Split.TRAIN);
        DeepLesionRecord b = DeepLesionRecord.of(12, 3, 1, r2, 0, 2, sp2, 32, 40, new Window(-1350, 150),
                LesionCategory.UNKNOWN, Split.TEST);
        // A second lesion on a's key slice: same File_name.
        DeepLesionRecord c = DeepLesionRecord.of(7, 1, 2, r3, 1, 5, sp1, 64, 48, Window.ofLevelWidth(40.5, 400.25),
                LesionCategory.LUNG, Split.VALIDATION);
        List<Slice> aSlices = new ArrayList<>();
        for (int z = 0; z < 5; z++) {
            aSlices.add(randomSlice(rnd, 64, 48, sp1));
        }
        Slice b0 = randomSlice(rnd, 32, 40, sp2), b1 = randomSlice(rnd, 32, 40, sp2);
        List<String> ids = new ArrayList<>();
        try (DeepLesionWriter w = DeepLesionWriter.create(dir)) {
            w.writeVolume(a, Volume.of(aSlices, sp1));
            w.writeSlice(b, 0, b0);
            w.writeSlice(b, 1, b1); // slice 2 of b's range left out: folders may hold only some slices
            ids.add(w.addRow(a));
            ids.add(w.addRow(b));
            ids.add(w.addRow(c));
            w.writeGroundTruth(ids.get(2), Mask3D.builder(64, 48, 5, sp1).set(55, 40, 2).set(56, 40, 2).build());
        }
        assertEquals(List.of("000007_01_02_003", "000012_03_01_001", "000007_01_02_003_2"), ids);

        DeepLesionDataset ds = DeepLesion.open(dir);
        assertEquals(List.of(), ds.problems());
        assertEquals(ids, ds.stream().map(LesionCase::id).toList());
        assertEquals(a, ds.record(0));
        assertEquals(b, ds.record(1));
        assertEquals(c, ds.record(2));
        LesionCase ca = ds.get(0), cb = ds.get(1), cc = ds.get(2);
        assertEquals(r1, ca.recist());
        assertEquals(r2, cb.recist());
        assertEquals(sp2, cb.spacing());
        assertEquals(new Window(-1350, 150), cb.window());
        assertEquals(Window.ofLevelWidth(40.5, 400.25), cc.window());
        assertEquals(LesionCategory.UNKNOWN, cb.category());
        assertEquals(Split.VALIDATION, cc.split());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, ca.sliceIndices());
        assertArrayEquals(new int[] {0, 1}, cb.sliceIndices());
        for (int z = 0; z < 5; z++) {
            assertEquals(aSlices.get(z), ca.slice(z + 1), "slice " + (z + 1));
        }
        assertEquals(b0, cb.slice(0));
        assertEquals(b1, cb.keySlice());
        assertEquals(aSlices.get(2), cc.keySlice());
        assertTrue(ca.groundTruth().isEmpty());
        assertEquals(2, cc.groundTruth().orElseThrow().count());
        assertTrue(cc.groundTruth().orElseThrow().get(56, 40, 2));
        assertTrue(Files.isRegularFile(dir.resolve("Images_png/000007_01_02/003.png")));
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void csvMatchesTheGoldenText() throws IOException {
        Recist r = new Recist(Axis.of(233.537, 95.0204, 234.057, 106.977), Axis.of(231.169, 101.605, 236.252, 101.143),
                109);
        DeepLesionRecord rec = new DeepLesionRecord("000001_01_01_109.png", 1, 1, 1, r, false, 103, 115,
                new VoxelSpacing(0.488281, 0.488281, 5), 512, 512, new Window(-175, 275), LesionCategory.MEDIASTINUM,
                "F", 62, Split.TEST);
        try (DeepLesionWriter w = DeepLesionWriter.create(dir)) {
            w.addRow(rec);
        }
        // Hand-checked against DeepLesion's first row: same fields, box margin 5 px; diameters and
        // location are this SDK's own (exact lengths; in-image position).
        String golden = String.join(",", DlInfo.HEADER) + "\n"
                + "000001_01_01_109.png,1,1,1,109,"
                + "\"233.537, 95.0204, 234.057, 106.977, 231.169, 101.605, 236.252, 101.143\","
                + "\"226.169, 90.0204, 241.252, 111.977\","
                + "\"" + CsvLine.format(r.longLengthPx()) + ", " + CsvLine.format(r.shortLengthPx()) + "\","
                + "\"" + CsvLine.format(r.center().x() / 512) + ", " + CsvLine.format(r.center().y() / 512) + ", 0.5\","
                + "3,0,\"103, 115\",\"0.488281, 0.488281, 5\",\"512, 512\",\"-175, 275\",F,62,3\n";
        assertEquals(golden, Files.readString(dir.resolve("DL_info.csv")));
    }

    @Test
    void rejectsSlicesThatDoNotFitTheRecord() {
        VoxelSpacing sp = VoxelSpacing.isotropic(1);
        DeepLesionRecord rec = DeepLesionRecord.of(1, 1, 1, new Recist(Axis.of(2, 5, 8, 5), Axis.of(5, 3, 5, 7), 4), 2,
                6, sp, 10, 10, Window.DEFAULT, LesionCategory.BONE, Split.TRAIN);
        try (DeepLesionWriter w = DeepLesionWriter.create(dir)) {
            float[] hu = new float[100];
            hu[57] = 40000;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.writeSlice(rec, 4, Slice.of(10, 10, hu, sp)));
            assertTrue(e.getMessage().contains("pixel (7, 5)") && e.getMessage().contains("40000"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.writeSlice(rec, 7, Slice.of(10, 10, new float[100], sp)));
            assertThrows(IllegalArgumentException.class, () -> w.writeSlice(rec, 4, Slice.of(10, 9, new float[90], sp)));
            // Non-integer HU rounds to the nearest integer.
            float[] frac = new float[100];
            frac[0] = 12.6f;
            frac[1] = -12.6f;
            w.writeSlice(rec, 4, Slice.of(10, 10, frac, sp));
            w.addRow(rec);
        }
        Slice back = DeepLesion.open(dir).get(0).keySlice();
        assertEquals(13f, back.get(0, 0));
        assertEquals(-13f, back.get(1, 0));
        assertTrue(Files.notExists(dir.resolve("Images_png/000001_01_01/004.png.tmp")));
    }
}
