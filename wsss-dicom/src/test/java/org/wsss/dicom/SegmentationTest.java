package org.wsss.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Mask3D;
import org.wsss.api.Provenance;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

class SegmentationTest {

    static final ZonedDateTime WHEN = ZonedDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    static Volume volume(int w, int h, int d, VoxelSpacing sp) {
        List<Slice> slices = new ArrayList<>();
        for (int z = 0; z < d; z++) {
            float[] hu = new float[w * h];
            for (int i = 0; i < hu.length; i++) {
                hu[i] = (i * 7 + z * 13) % 300 - 100;
            }
            slices.add(Slice.of(w, h, hu, sp));
        }
        return Volume.of(slices, sp);
    }

    /** An ellipsoid around (cx, cy, cz) with semi-axes in voxels. */
    static Mask3D ellipsoid(int w, int h, int d, VoxelSpacing sp, double cx, double cy, double cz, double rx, double ry,
                            double rz) {
        Mask3D.Builder b = Mask3D.builder(w, h, d, sp);
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double q = Math.pow((x - cx) / rx, 2) + Math.pow((y - cy) / ry, 2) + Math.pow((z - cz) / rz, 2);
                    if (q <= 1) {
                        b.set(x, y, z);
                    }
                }
            }
        }
        return b.provenance(Provenance.of("grabcut-3de", Map.of())).build();
    }

    @Test
    void segmentationsRoundTripAndPassTheValidators() {
        VoxelSpacing sp = new VoxelSpacing(0.75, 0.75, 2.5);
        int w = 37, h = 29, d = 9; // odd sizes: frames do not end on byte boundaries
        CtSeries ct = Dicom.writeCtSeries(volume(w, h, d, sp), Window.DEFAULT, CtSeriesSpec.named("seg-test"),
                dir.resolve("ct"));
        CtSeries read = Dicom.read(dir.resolve("ct")).series().get(0);
        Mask3D a = ellipsoid(w, h, d, sp, 10, 12, 4, 6, 5, 2.2);
        Mask3D b = ellipsoid(w, h, d, sp, 26, 15, 5, 4, 7, 1.5);
        Path file = Dicom.writeSegmentation(read, List.of(new LabeledMask("lesion-a", a), new LabeledMask("lesion-b", b)),
                WHEN, dir.resolve("out.seg.dcm"));

        DicomSegmentation seg = Dicom.readSegmentation(file, read);
        assertEquals(ct.seriesInstanceUid(), seg.referencedSeriesUid());
        assertEquals(2, seg.segments().size());
        DicomSegmentation.Segment sa = seg.segment("lesion-a").orElseThrow();
        assertEquals(1, sa.number());
        assertTrue(java.util.Arrays.equals(a.toArray(), sa.mask().toArray()));
        assertTrue(java.util.Arrays.equals(b.toArray(), seg.segment("lesion-b").orElseThrow().mask().toArray()));
        assertEquals(String.format(java.util.Locale.ROOT, "Volume %.3f mL", a.volumeMl()), sa.description());
        assertEquals("WSSS SDK grabcut-3de", sa.algorithm());

        if (Validators.present("dciodvfy")) {
            assertEquals(List.of(), Validators.dciodvfyErrors(file));
            assertEquals(List.of(), Validators.dciodvfyErrors(ct.files().get(0)));
        }
        if (Validators.present("dcmdump")) {
            String dump = Validators.dcmdump(file);
            assertTrue(dump.contains("SegmentationStorage") && dump.contains("lesion-a"), dump);
        }
    }

    @Test
    void anEmptyLesionStillHasItsSegment() {
        VoxelSpacing sp = new VoxelSpacing(1, 1, 3);
        CtSeries ct = Dicom.writeCtSeries(volume(8, 8, 3, sp), Window.DEFAULT, CtSeriesSpec.named("empty"), dir);
        Path file = Dicom.writeSegmentation(ct, List.of(new LabeledMask("none", Mask3D.empty(8, 8, 3, sp))), WHEN,
                dir.resolve("e.seg.dcm"));
        DicomSegmentation seg = Dicom.readSegmentation(file, ct);
        assertEquals(0, seg.segment("none").orElseThrow().mask().count());
        if (Validators.present("dciodvfy")) {
            assertEquals(List.of(), Validators.dciodvfyErrors(file));
        }
    }

    @Test
    void theSameContentGivesTheSameFile() throws Exception {
        VoxelSpacing sp = new VoxelSpacing(1, 1, 3);
        CtSeries ct = Dicom.writeCtSeries(volume(8, 8, 3, sp), Window.DEFAULT, CtSeriesSpec.named("same"), dir);
        Mask3D m = ellipsoid(8, 8, 3, sp, 4, 4, 1, 2, 2, 1);
        Path f1 = Dicom.writeSegmentation(ct, List.of(new LabeledMask("x", m)), WHEN, dir.resolve("1.dcm"));
        Path f2 = Dicom.writeSegmentation(ct, List.of(new LabeledMask("x", m)), WHEN, dir.resolve("2.dcm"));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(f1), Files.readAllBytes(f2)));
    }

    @Test
    void aMaskOffTheSeriesGridIsRefused() {
        VoxelSpacing sp = new VoxelSpacing(1, 1, 3);
        CtSeries ct = Dicom.writeCtSeries(volume(8, 8, 3, sp), Window.DEFAULT, CtSeriesSpec.named("grid"), dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dicom.writeSegmentation(ct,
                List.of(new LabeledMask("x", Mask3D.empty(8, 8, 4, sp))), WHEN, dir.resolve("g.dcm")));
        assertTrue(e.getMessage().contains("lesion x") && e.getMessage().contains("8x8x4"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("g.dcm")));
    }

    @Test
    void ctSeriesWrittenAreReadBackExactly() {
        VoxelSpacing sp = new VoxelSpacing(0.6234567, 0.6234567, 1.25);
        Volume v = volume(16, 11, 5, sp);
        CtSeries written = Dicom.writeCtSeries(v, Window.ofLevelWidth(-600, 1500), CtSeriesSpec.named("ct"), dir);
        CtSeries read = Dicom.read(dir).series().get(0);
        assertEquals(sp, read.volume().spacing());
        assertEquals(written.sopInstanceUids(), read.sopInstanceUids());
        assertEquals(Window.ofLevelWidth(-600, 1500), read.window());
        for (int z = 0; z < 5; z++) {
            assertEquals(v.slice(z), read.volume().slice(z));
        }
        if (Validators.present("dciodvfy")) {
            assertEquals(List.of(), Validators.dciodvfyErrors(read.files().get(2)));
        }
    }
}
