package org.wsss.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.WsssIoException;
import org.wsss.dicom.CtSeries;
import org.wsss.dicom.CtSeriesSpec;
import org.wsss.dicom.Dicom;
import org.wsss.dicom.DicomStudy;

class SeriesReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsDcmtkWrittenSlicesInBothLittleEndianSyntaxes() throws IOException {
        for (String name : List.of("ct_explicit.dcm", "ct_implicit.dcm")) {
            Path d = Files.createDirectories(dir.resolve(name));
            copyResource(name, d.resolve(name));
            DicomStudy study = Dicom.read(d);
            assertEquals(List.of(), study.problems(), name);
            CtSeries s = study.series().get(0);
            assertEquals("1.2.826.0.1.3680043.2.1125.99.3", s.seriesInstanceUid());
            assertEquals("1.2.826.0.1.3680043.2.1125.99.2", s.study().studyInstanceUid());
            assertEquals("Golden^Slice", s.study().patientName());
            Volume v = s.volume();
            assertEquals(4, v.width(), name);
            assertEquals(3, v.height(), name);
            // Pixel Spacing is row spacing \ column spacing; one slice: z from Slice Thickness.
            assertEquals(new VoxelSpacing(0.75, 0.5, 5.0), v.spacing(), name);
            int[] raw = {-1000, -500, 0, 40, 100, 200, 300, 400, 1000, 2000, 3000, -1024};
            for (int i = 0; i < raw.length; i++) {
                assertEquals(raw[i] * 2 - 1024, v.get(i % 4, i / 4, 0), name + " pixel " + i);
            }
            assertArrayEquals(new double[] {-10, -20, 30.5}, s.position(0), name);
            assertEquals(40, s.window().level(), 1e-9);
            assertEquals(400, s.window().width(), 1e-9);
        }
    }

    @Test
    void sortsAlongTheNormalWhateverTheFileOrderAndNames() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        List<Path> files = CtFixture.write(a, "s", 7);
        CtSeries ordered = Dicom.read(a).series().get(0);
        // Shuffle: random names in nested folders.
        Path b = Files.createDirectories(dir.resolve("b"));
        List<Path> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(3));
        for (int i = 0; i < shuffled.size(); i++) {
            Path target = b.resolve("sub" + (i % 2)).resolve("IM" + (100 - i));
            Files.createDirectories(target.getParent());
            Files.copy(shuffled.get(i), target);
        }
        CtSeries s = Dicom.read(b).series().get(0);
        assertEquals(ordered.sopInstanceUids(), s.sopInstanceUids());
        for (int z = 0; z < 7; z++) {
            assertEquals(ordered.volume().slice(z), s.volume().slice(z), "slice " + z);
            assertEquals(10 * z, s.volume().get(0, 0, z), "slice " + z);
        }
        assertEquals(CtFixture.SPACING, s.volume().spacing());
    }

    @Test
    void sortsByPositionNotInstanceNumber() {
        // Instance numbers run backwards; positions decide.
        CtFixture.write(dir, "s", 5, (z, d) -> d.putIs(Tags.INSTANCE_NUMBER, 5 - z));
        CtSeries s = Dicom.read(dir).series().get(0);
        for (int z = 0; z < 5; z++) {
            assertEquals(10 * z, s.volume().get(0, 0, z));
        }
    }

    @Test
    void appliesRescaleSlopeAndInterceptPerFile() {
        CtFixture.write(dir, "s", 3, (z, d) -> {
            if (z == 1) {
                d.putDs(Tags.RESCALE_SLOPE, 0.5).putDs(Tags.RESCALE_INTERCEPT, -100);
            }
        });
        CtSeries s = Dicom.read(dir).series().get(0);
        assertEquals(0, s.volume().get(0, 0, 0));
        assertEquals(10 * 0.5 - 100, s.volume().get(0, 0, 1));
        assertEquals(20, s.volume().get(0, 0, 2));
    }

    @Test
    void spacingComesFromPositionsNotSliceThickness() {
        CtFixture.write(dir, "s", 4, (z, d) -> d.putDs(Tags.SLICE_THICKNESS, 1.0));
        assertEquals(2.5, Dicom.read(dir).series().get(0).volume().spacing().z(), 1e-9);
    }

    @Test
    void aMissingMiddleSliceIsAnErrorNamingBothNeighbours() throws IOException {
        List<Path> files = CtFixture.write(dir, "s", 6);
        Files.delete(files.get(3));
        DicomStudy study = Dicom.read(dir);
        assertEquals(List.of(), study.series());
        String m = only(study);
        assertTrue(m.contains("missing slice"), m);
        assertTrue(m.contains("s-2.dcm") && m.contains("s-4.dcm"), m);
    }

    @Test
    void aMissingEndSliceShortensTheSeriesWithoutShiftingIt() throws IOException {
        List<Path> files = CtFixture.write(dir, "s", 6);
        Files.delete(files.get(0));
        CtSeries s = Dicom.read(dir).series().get(0);
        assertEquals(5, s.volume().depth());
        CtSeriesSpec spec = CtSeriesSpec.named("s");
        // Every slice keeps its own SOP Instance UID and pixels: a mark keyed by UID stays on its slice.
        for (int z = 1; z < 6; z++) {
            assertEquals(z - 1, s.zOf(spec.sopInstanceUid(z)));
            assertEquals(10 * z, s.volume().get(0, 0, z - 1));
        }
    }

    @Test
    void gantryTiltIsRefused() {
        CtFixture.write(dir, "tilt", 4, (z, d) -> d.putDs(Tags.IMAGE_POSITION_PATIENT, 0, z * 2.5 * Math.tan(0.2), z * 2.5));
        String m = only(Dicom.read(dir));
        assertTrue(m.contains("gantry tilt") && m.contains("tilt-1.dcm"), m);
        Path d2 = dir.resolve("tag");
        CtFixture.write(d2, "tag", 3, (z, d) -> d.putDs(Tags.GANTRY_DETECTOR_TILT, 12));
        m = only(Dicom.read(d2));
        assertTrue(m.contains("gantry tilt of 12.0 degrees") && m.contains("tag-0.dcm"), m);
    }

    @Test
    void nonUniformSpacingIsRefused() {
        CtFixture.write(dir, "s", 5, (z, d) -> d.putDs(Tags.IMAGE_POSITION_PATIENT, 0, 0, z < 3 ? z * 2.5 : z * 2.5 + 1));
        String m = only(Dicom.read(dir));
        assertTrue(m.contains("non-uniform slice spacing") && m.contains("s-3.dcm"), m);
    }

    @Test
    void duplicatePositionsAreRefused() {
        CtFixture.write(dir, "s", 3, (z, d) -> d.putDs(Tags.IMAGE_POSITION_PATIENT, 0, 0, z == 2 ? 2.5 : z * 2.5));
        String m = only(Dicom.read(dir));
        assertTrue(m.contains("same position"), m);
    }

    @Test
    void mixedSizesAreRefused() {
        CtFixture.write(dir, "s", 3, (z, d) -> {
            if (z == 2) {
                d.putUs(Tags.COLUMNS, 6).putUs(Tags.ROWS, 20);
            }
        });
        String m = only(Dicom.read(dir));
        assertTrue(m.contains("mixed image sizes") && m.contains("s-2.dcm"), m);
    }

    @Test
    void mixedOrientationsAreRefused() {
        CtFixture.write(dir, "s", 3, (z, d) -> {
            if (z == 1) {
                d.putDs(Tags.IMAGE_ORIENTATION_PATIENT, 0, 1, 0, 1, 0, 0);
            }
        });
        String m = only(Dicom.read(dir));
        assertTrue(m.contains("Orientation") && m.contains("s-1.dcm"), m);
    }

    @Test
    void missingPixelSpacingIsRefused() {
        CtFixture.write(dir, "s", 3, (z, d) -> {
            if (z == 1) {
                d.remove(Tags.PIXEL_SPACING);
            }
        });
        String m = only(Dicom.read(dir));
        assertTrue(m.contains("Pixel Spacing (0028,0030) missing") && m.contains("s-1.dcm"), m);
    }

    @Test
    void otherModalitiesAreRefused() {
        CtFixture.write(dir, "mr", 3, (z, d) -> d.put(Tags.MODALITY, "CS", "MR"));
        String m = only(Dicom.read(dir));
        assertTrue(m.contains("modality MR") && m.contains("mr-0.dcm"), m);
    }

    @Test
    void compressedTransferSyntaxesAreRefusedByName() throws IOException {
        List<Path> files = CtFixture.write(dir, "s", 3);
        byte[] b = Files.readAllBytes(files.get(1));
        replace(b, DicomParser.EXPLICIT_LE + "\0", "1.2.840.10008.1.2.5\0");
        Files.write(files.get(1), b);
        String m = only(Dicom.read(dir));
        assertTrue(m.contains("RLE Lossless") && m.contains("s-1.dcm"), m);
    }

    @Test
    void truncatedFilesAreErrorsAtEveryCut() throws IOException {
        List<Path> files = CtFixture.write(dir, "s", 3);
        byte[] whole = Files.readAllBytes(files.get(1));
        for (int cut = 0; cut < whole.length; cut += 7) {
            Files.write(files.get(1), java.util.Arrays.copyOf(whole, cut));
            DicomStudy study = Dicom.read(dir);
            assertEquals(List.of(), study.series(), "cut at " + cut);
            assertTrue(study.problems().size() + study.ignored().size() >= 1, "cut at " + cut);
            String all = study.problems().toString();
            assertTrue(all.contains("s-1.dcm"), "cut at " + cut + ": " + all);
        }
    }

    @Test
    void anAbsurdLengthIsAnErrorWithoutAllocating() throws IOException {
        List<Path> files = CtFixture.write(dir, "s", 3);
        byte[] b = Files.readAllBytes(files.get(1));
        // Pixel Data (7FE0,0010) OW: 4 tag bytes, "OW", 2 reserved, then the 4-byte length.
        int at = indexOf(b, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W'});
        b[at + 8] = 0;
        b[at + 9] = 0;
        b[at + 10] = 0;
        b[at + 11] = (byte) 0x80; // 2 GB
        Files.write(files.get(1), b);
        String m = only(Dicom.read(dir));
        assertTrue(m.contains("length 2147483648") && m.contains("s-1.dcm"), m);
    }

    @Test
    void anAbsurdLengthInAnImplicitFileIsAnError() throws IOException {
        Path f = dir.resolve("ct_implicit.dcm");
        copyResource("ct_implicit.dcm", f);
        byte[] b = Files.readAllBytes(f);
        int at = indexOf(b, new byte[] {0x10, 0x00, 0x10, 0x00}); // (0010,0010) PatientName, 4-byte length
        b[at + 4] = (byte) 0xF0;
        b[at + 5] = (byte) 0xFF;
        b[at + 6] = (byte) 0xFF;
        b[at + 7] = (byte) 0x7F;
        Files.write(f, b);
        String m = only(Dicom.read(dir));
        assertTrue(m.contains("length 2147483632") && m.contains("ct_implicit.dcm"), m);
    }

    @Test
    void badSeriesAreRefusedAndTheRestRead() {
        CtFixture.write(dir.resolve("good"), "good", 4);
        CtFixture.write(dir.resolve("tilt"), "tilt", 4,
                (z, d) -> d.putDs(Tags.IMAGE_POSITION_PATIENT, z * 1.0, 0, z * 2.5));
        CtFixture.write(dir.resolve("nospacing"), "nospacing", 3, (z, d) -> d.remove(Tags.PIXEL_SPACING));
        DicomStudy study = Dicom.read(dir);
        assertEquals(1, study.series().size());
        assertEquals(CtSeriesSpec.named("good").seriesInstanceUid(), study.series().get(0).seriesInstanceUid());
        assertEquals(2, study.problems().size(), study.problems().toString());
    }

    @Test
    void nonDicomFilesAreIgnored() throws IOException {
        CtFixture.write(dir, "s", 3);
        Files.writeString(dir.resolve("README.txt"), "not an image");
        DicomStudy study = Dicom.read(dir);
        assertEquals(1, study.series().size());
        assertEquals(List.of(dir.resolve("README.txt")), study.ignored());
    }

    @Test
    void aNonFolderIsAnError() {
        WsssIoException e = org.junit.jupiter.api.Assertions.assertThrows(WsssIoException.class,
                () -> Dicom.read(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    private static String only(DicomStudy study) {
        assertEquals(List.of(), study.series());
        assertEquals(1, study.problems().size(), study.problems().toString());
        return study.problems().get(0).getMessage();
    }

    static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = SeriesReaderTest.class.getResourceAsStream("/org/wsss/dicom/" + name)) {
            Files.copy(in, to);
        }
    }

    private static void replace(byte[] b, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = indexOf(b, f);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(f.length, t.length);
        System.arraycopy(t, 0, b, at, t.length);
    }

    static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= b.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (b[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
