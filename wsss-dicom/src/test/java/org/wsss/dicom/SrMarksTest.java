package org.wsss.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionCase;
import org.wsss.api.Recist;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.api.WsssIoException;
import org.wsss.io.LesionInput;

/**
 * RECIST marks from a TID 1500 structured report written by dcmtk's {@code xml2dsr}: the golden
 * file {@code sr/measurements.dcm} (made by {@code sr/make-sr.sh} from {@code measurements.xml.in}),
 * and, where xml2dsr is installed, a report written now for a CT series, read as a lesion input.
 */
class SrMarksTest {

    private static final String RES = "/org/wsss/dicom/sr/";

    @TempDir
    Path tmp;

    private Path resource(String name) throws Exception {
        Path f = tmp.resolve(name);
        try (InputStream in = SrMarksTest.class.getResourceAsStream(RES + name)) {
            Files.copy(in, f);
        }
        return f;
    }

    /** Pixel centres at integers: the SCOORD values of the XML minus 0.5. */
    private static final double[] LIVER = {10, 12, 30, 14, 19, 6, 21, 20};
    private static final double[] NODE = {5, 5, 15, 5, 10, 2, 10, 8};

    @Test
    void theGoldenReportGivesItsTwoMarksAndNamesTheGroupsThatAreNot() throws Exception {
        DicomRecistMark.Marks m = Dicom.marks(resource("measurements.dcm"));
        assertEquals(List.of(DicomRecistMark.ofPixels("liver-1", "1.2.826.0.1.3680043.8.498.2", LIVER),
                DicomRecistMark.ofPixels("node-2", "1.2.826.0.1.3680043.8.498.3", NODE)), m.marks());
        assertEquals(2, m.problems().size(), m.problems().toString());
        String p0 = m.problems().get(0).getMessage(), p1 = m.problems().get(1).getMessage();
        assertTrue(p0.contains("measurements.dcm") && p0.contains("measurement group 3 (long-only)")
                && p0.contains("polylines of 2 point(s)"), p0);
        assertTrue(p1.contains("measurement group 4 (two-images)") && p1.contains("two images"), p1);
    }

    @Test
    void aFolderOfReportsIsReadAndOtherFilesAreSkipped() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("reports"));
        Files.copy(resource("measurements.dcm"), dir.resolve("a.dcm"));
        Files.writeString(dir.resolve("notes.txt"), "not DICOM");
        Path ct = tmp.resolve("ct");
        Dicom.writeCtSeries(SegmentationTest.volume(8, 6, 2, new VoxelSpacing(1, 1, 2)), Window.DEFAULT,
                CtSeriesSpec.named("other"), ct);
        Files.copy(Files.list(ct).sorted().findFirst().orElseThrow(), dir.resolve("ct.dcm")); // a CT, not a report
        DicomRecistMark.Marks m = Dicom.marks(dir);
        assertEquals(2, m.marks().size());
        assertEquals(2, m.problems().size());
    }

    @Test
    void badReportsAreErrorsNamingTheFile() throws Exception {
        byte[] good = Files.readAllBytes(resource("measurements.dcm"));
        Path cut = tmp.resolve("cut.dcm");
        Files.write(cut, Arrays.copyOf(good, good.length - 300));
        WsssIoException e = assertThrows(WsssIoException.class, () -> Dicom.marks(cut));
        assertTrue(e.getMessage().contains("cut.dcm"), e.getMessage());
        Path ct = tmp.resolve("ct");
        Dicom.writeCtSeries(SegmentationTest.volume(8, 6, 2, new VoxelSpacing(1, 1, 2)), Window.DEFAULT,
                CtSeriesSpec.named("ct"), ct);
        Path slice = Files.list(ct).sorted().findFirst().orElseThrow();
        WsssIoException notSr = assertThrows(WsssIoException.class, () -> Dicom.marks(slice));
        assertTrue(notSr.getMessage().contains("modality CT, not a structured report"), notSr.getMessage());
        // In a folder, the truncated report is a problem and the others are still read.
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        Files.copy(cut, dir.resolve("cut.dcm"));
        Files.write(dir.resolve("good.dcm"), good);
        DicomRecistMark.Marks m = Dicom.marks(dir);
        assertEquals(2, m.marks().size());
        assertTrue(m.problems().stream().anyMatch(p -> p.getMessage().contains("cut.dcm")), m.problems().toString());
    }

    @Test
    void aReportWrittenNowByXml2dsrIsALesionInputOnItsSeries() throws Exception {
        if (!Validators.present("xml2dsr")) {
            return; // the golden file above covers the reader where dcmtk is not installed
        }
        VoxelSpacing sp = new VoxelSpacing(0.7, 0.9, 2.0);
        CtSeriesSpec spec = CtSeriesSpec.named("sr-case");
        Path ct = tmp.resolve("ct");
        Dicom.writeCtSeries(SegmentationTest.volume(40, 30, 5, sp), Window.DEFAULT, spec, ct);
        String xml = new String(SrMarksTest.class.getResourceAsStream(RES + "measurements.xml.in").readAllBytes(),
                StandardCharsets.UTF_8).replace("@SOP2@", spec.sopInstanceUid(2)).replace("@SOP3@",
                spec.sopInstanceUid(3)).replace("@STUDY@", "1.2.826.0.1.3680043.8.498.101");
        Path x = tmp.resolve("m.xml"), sr = tmp.resolve("m.dcm");
        Files.writeString(x, xml);
        Process p = new ProcessBuilder("xml2dsr", x.toString(), sr.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, log);

        LesionInput in = Dicom.lesionInput(ct, sr);
        List<LesionCase> cases = in.dataset().stream().toList();
        assertEquals(List.of("liver-1", "node-2"), cases.stream().map(LesionCase::id).toList());
        CtSeries s = Dicom.read(ct).series().get(0);
        Recist liver = DicomRecistMark.ofPixels("liver-1", spec.sopInstanceUid(2), LIVER).toRecist(s, 2);
        Recist node = DicomRecistMark.ofPixels("node-2", spec.sopInstanceUid(3), NODE).toRecist(s, 3);
        assertEquals(liver, cases.get(0).recist());
        assertEquals(node, cases.get(1).recist());
        assertEquals(2, in.dataset().problems().size());
    }
}
