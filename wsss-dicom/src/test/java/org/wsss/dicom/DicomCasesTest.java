package org.wsss.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Point2;
import org.wsss.api.Recist;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.api.WsssIoException;
import org.wsss.io.DeepLesion;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;

class DicomCasesTest {

    @TempDir
    Path dir;

    @Test
    void thePhantomExportedAsDicomReadsBackAsItsDeepLesionCases() {
        Path dl = Phantom.export(PhantomConfig.defaults().withCount(3).withSeed(5).withFov(96, 128), dir.resolve("dl"));
        LesionDataset deepLesion = DeepLesion.open(dl);
        Path marks = Dicom.export(deepLesion, dir.resolve("dicom"));
        DicomCases cases = Dicom.cases(Dicom.read(dir.resolve("dicom")), DicomRecistMark.read(marks));
        assertEquals(List.of(), cases.dataset().problems());
        assertEquals(deepLesion.size(), cases.dataset().size());
        for (int i = 0; i < deepLesion.size(); i++) {
            LesionCase a = deepLesion.get(i), b = cases.dataset().get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.window(), b.window(), a.id());
            assertEquals(a.spacing().x(), b.spacing().x(), 1e-12, a.id());
            assertEquals(a.spacing().z(), b.spacing().z(), 1e-9, a.id());
            int[] s = a.sliceIndices();
            assertEquals(s.length, b.sliceIndices().length, a.id());
            assertEquals(a.zOf(a.recist().sliceIndex()), b.recist().sliceIndex(), a.id());
            assertEquals(a.recist().longAxis(), b.recist().longAxis(), a.id());
            assertEquals(a.recist().shortAxis(), b.recist().shortAxis(), a.id());
            for (int z = 0; z < s.length; z++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(a.slice(s[z]).toArray(), b.slice(z).toArray(),
                        a.id() + " slice " + z);
            }
            assertEquals(a.id(), cases.seriesOf(a.id()).study().patientId());
        }
        assertEquals(3, cases.series().size());
    }

    @Property(tries = 30)
    void patientSpaceMarksGiveThePixelMarks(@ForAll @DoubleRange(min = -1, max = 1) double a,
                                            @ForAll @DoubleRange(min = -1, max = 1) double b,
                                            @ForAll @DoubleRange(min = -200, max = 200) double ox) throws Exception {
        // An oblique orientation: rotate the axial row/column directions by a about z and b about x.
        double[] r = rotate(new double[] {1, 0, 0}, a, b), c = rotate(new double[] {0, 1, 0}, a, b);
        CtSeriesSpec spec = new CtSeriesSpec("p", "p", "1.2.3", "1.2.3.4", "1.2.3.5", 1, null,
                List.of(ox, 10.0, -50.0), List.of(r[0], r[1], r[2], c[0], c[1], c[2]));
        Path d = Files.createTempDirectory("wsss-oblique"); // jqwik does not inject @TempDir
        try {
            checkPatientSpace(d, r, c, spec);
        } finally {
            try (var walk = Files.walk(d)) {
                for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static void checkPatientSpace(Path d, double[] r, double[] c, CtSeriesSpec spec) {
        VoxelSpacing sp = new VoxelSpacing(0.7, 0.9, 2.0);
        Volume v = SegmentationTest.volume(40, 30, 4, sp);
        Dicom.writeCtSeries(v, Window.DEFAULT, spec, d);
        CtSeries s = Dicom.read(d).series().get(0);
        double[] px = {10, 12, 30, 14, 19, 6, 21, 20};
        List<Double> patient = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double[] p = s.position(2);
            for (int k = 0; k < 3; k++) {
                patient.add(p[k] + px[2 * i] * sp.x() * (k == 0 ? r[0] : k == 1 ? r[1] : r[2])
                        + px[2 * i + 1] * sp.y() * (k == 0 ? c[0] : k == 1 ? c[1] : c[2]));
            }
        }
        String sop = s.sopInstanceUids().get(2);
        Recist fromPatient = new DicomRecistMark("l", sop, true, patient).toRecist(s, 2);
        Recist fromPixels = DicomRecistMark.ofPixels("l", sop, px).toRecist(s, 2);
        assertEquals(2, fromPatient.sliceIndex());
        for (int i = 0; i < 4; i++) {
            Point2 p = fromPatient.endpoints().get(i), q = fromPixels.endpoints().get(i);
            assertEquals(q.x(), p.x(), 1e-6);
            assertEquals(q.y(), p.y(), 1e-6);
        }
    }

    private static double[] rotate(double[] v, double a, double b) {
        double x = v[0] * Math.cos(a) - v[1] * Math.sin(a), y = v[0] * Math.sin(a) + v[1] * Math.cos(a), z = v[2];
        return new double[] {x, y * Math.cos(b) - z * Math.sin(b), y * Math.sin(b) + z * Math.cos(b)};
    }

    @Test
    void badRowsAndMarksAreProblemsNamingThemAndTheRestAreCases() throws Exception {
        CtSeries s = Dicom.writeCtSeries(SegmentationTest.volume(20, 20, 3, new VoxelSpacing(1, 1, 2)), Window.DEFAULT,
                CtSeriesSpec.named("rows"), dir.resolve("ct"));
        String sop = s.sopInstanceUids().get(1);
        Path csv = dir.resolve("marks.csv");
        Files.writeString(csv, DicomRecistMark.HEADER + "\n"
                + "good," + sop + ",pixel,5,10,,15,10,,10,7,,10,13,\n"
                + "short," + sop + ",pixel,5,10\n"
                + "space," + sop + ",voxel,5,10,,15,10,,10,7,,10,13,\n"
                + "nan," + sop + ",pixel,5,x,,15,10,,10,7,,10,13,\n"
                + "unknown,1.2.3,pixel,5,10,,15,10,,10,7,,10,13,\n"
                + "outside," + sop + ",pixel,5,10,,45,10,,10,7,,10,13,\n"
                + "offplane," + sop + ",patient,5,10,9,15,10,2,10,7,2,10,13,2\n");
        DicomCases cases = Dicom.cases(Dicom.read(dir.resolve("ct")), DicomRecistMark.read(csv));
        assertEquals(1, cases.dataset().size());
        assertEquals("good", cases.dataset().get(0).id());
        assertEquals(1, cases.dataset().get(0).recist().sliceIndex());
        List<String> p = cases.dataset().problems().stream().map(WsssIoException::getMessage).toList();
        assertEquals(6, p.size(), p.toString());
        assertTrue(p.get(0).contains("row 3") && p.get(0).contains("5 columns"), p.get(0));
        assertTrue(p.get(1).contains("row 4") && p.get(1).contains("voxel"), p.get(1));
        assertTrue(p.get(2).contains("row 5") && p.get(2).contains("column y1"), p.get(2));
        assertTrue(p.get(3).contains("lesion unknown") && p.get(3).contains("1.2.3"), p.get(3));
        assertTrue(p.get(4).contains("lesion outside"), p.get(4));
        assertTrue(p.get(5).contains("lesion offplane") && p.get(5).contains("point 1 lies 7.00 mm"), p.get(5));
    }

    @Test
    void aMarkOnARefusedSeriesNamesTheSeriesProblem() throws Exception {
        CtSeries s = Dicom.writeCtSeries(SegmentationTest.volume(20, 20, 5, new VoxelSpacing(1, 1, 2)), Window.DEFAULT,
                CtSeriesSpec.named("gap"), dir.resolve("ct"));
        Files.delete(s.files().get(2));
        Path csv = dir.resolve("marks.csv");
        DicomRecistMark.write(List.of(DicomRecistMark.ofPixels("l1", s.sopInstanceUids().get(3), 5, 10, 15, 10, 10, 7,
                10, 13)), csv);
        DicomCases cases = Dicom.cases(Dicom.read(dir.resolve("ct")), DicomRecistMark.read(csv));
        assertEquals(0, cases.dataset().size());
        List<String> p = cases.dataset().problems().stream().map(WsssIoException::getMessage).toList();
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).contains("missing slice"), p.get(0));
        assertTrue(p.get(1).contains("lesion l1") && p.get(1).contains("no readable CT series"), p.get(1));
    }
}
