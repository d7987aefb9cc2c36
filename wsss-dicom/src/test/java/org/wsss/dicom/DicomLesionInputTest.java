package org.wsss.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask3D;
import org.wsss.api.Provenance;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.io.LesionInput;
import org.wsss.io.Nifti;
import org.wsss.io.NiftiImage;

/**
 * {@link Dicom#lesionInput}: cases as {@link Dicom#cases} gives them, NIfTI masks whose sform puts
 * every voxel where the DICOM geometry puts it (an oblique series, LPS turned to RAS), labels per
 * series, the mark as given, and the series' SEG as the per-volume output.
 */
class DicomLesionInputTest {

    @TempDir
    Path tmp;

    @Test
    void masksCarryTheSeriesAffineAndTheSegIsThePerVolumeFile() throws Exception {
        double a = 0.3, b = -0.2; // rotated about z, then about x: oblique rows and columns
        double[] r = {Math.cos(a), Math.sin(a) * Math.cos(b), Math.sin(a) * Math.sin(b)};
        double[] c = {-Math.sin(a), Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b)};
        CtSeriesSpec spec = new CtSeriesSpec("p", "p", "1.2.3", "1.2.3.4", "1.2.3.5", 1, null,
                List.of(-120.5, 33.0, -410.25), List.of(r[0], r[1], r[2], c[0], c[1], c[2]));
        VoxelSpacing sp = new VoxelSpacing(0.7, 0.9, 2.0);
        Volume v = SegmentationTest.volume(40, 30, 5, sp);
        Path dir = tmp.resolve("ct");
        Dicom.writeCtSeries(v, Window.DEFAULT, spec, dir);
        CtSeries s = Dicom.read(dir).series().get(0);
        Path csv = tmp.resolve("marks.csv");
        DicomRecistMark.write(List.of(DicomRecistMark.ofPixels("a", s.sopInstanceUids().get(2), 10, 12, 30, 14, 19, 6,
                21, 20), DicomRecistMark.ofPixels("b", s.sopInstanceUids().get(3), 5, 5, 15, 5, 10, 2, 10, 8)), csv);

        LesionInput in = Dicom.lesionInput(dir, csv);
        assertEquals("dicom", in.format());
        assertEquals(csv, in.source());
        assertEquals(List.of(s.seriesInstanceUid()), in.volumes());
        List<LesionCase> cases = in.dataset().stream().toList();
        assertEquals(2, cases.size());
        assertEquals(s.seriesInstanceUid(), in.volumeOf(cases.get(0)));
        // no split column for DICOM: both lesions take their series' split, as NIfTI and FLARE volumes do
        assertEquals(org.wsss.io.VolumeSplit.of(s.seriesInstanceUid()), cases.get(0).split());
        assertEquals(cases.get(0).split(), cases.get(1).split());
        assertEquals(1, in.labelOf(cases.get(0)));
        assertEquals(2, in.labelOf(cases.get(1)));
        assertEquals("pixel instance " + s.sopInstanceUids().get(2) + " (10 12) (30 14) (19 6) (21 20)",
                in.markOf(cases.get(0)));

        Mask3D m = Mask3D.builder(40, 30, 5, s.volume().spacing()).set(3, 4, 1).set(39, 29, 4).set(20, 10, 2)
                .provenance(Provenance.of("grabcut-3de", Map.of())).build();
        Path f = in.maskFile(tmp.resolve("out"), cases.get(0));
        in.writeMask(cases.get(0), m, f);
        assertEquals(m, in.readMask(cases.get(0), f));
        NiftiImage img = Nifti.read(f);
        assertEquals(1, img.sformCode());
        float[][] rows = {img.srowX(), img.srowY(), img.srowZ()};
        // Voxel (i, j, k) of the mask is column i, row j of the k-th sorted slice: in DICOM's LPS
        // at position(k) + i * dx * r + j * dy * c; the sform gives RAS = (-L, -P, S).
        int[][] voxels = {{3, 4, 1}, {39, 29, 4}, {0, 0, 0}, {20, 10, 2}};
        for (int[] ijk : voxels) {
            double[] p = s.position(ijk[2]);
            for (int k = 0; k < 3; k++) {
                double lps = p[k] + ijk[0] * sp.x() * r[k] + ijk[1] * sp.y() * c[k];
                double ras = rows[k][0] * ijk[0] + rows[k][1] * ijk[1] + rows[k][2] * ijk[2] + rows[k][3];
                assertEquals(k < 2 ? -lps : lps, ras, 1e-3, "voxel " + java.util.Arrays.toString(ijk) + " axis " + k);
            }
        }

        Path seg = in.labelsFile(tmp.resolve("out"), s.seriesInstanceUid());
        assertEquals(Dicom.segmentationFile(tmp.resolve("out"), s), seg);
        in.writeLabels(s.seriesInstanceUid(), Map.of(1, f), seg);
        DicomSegmentation back = Dicom.readSegmentation(seg, s);
        DicomSegmentation.Segment a1 = back.segment("a").orElseThrow();
        assertArrayEquals(m.toArray(), a1.mask().toArray());
        assertEquals("WSSS SDK grabcut-3de", a1.algorithm());
        assertTrue(back.segment("b").isEmpty());
        if (Validators.present("dciodvfy")) {
            assertEquals(List.of(), Validators.dciodvfyErrors(seg), seg.toString());
        }
        Files.delete(seg);
        in.writeLabels(s.seriesInstanceUid(), Map.of(), seg);
        assertTrue(Files.notExists(seg), "no lesion mask, no SEG");
    }
}
