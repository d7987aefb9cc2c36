package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.dicom.CtSeries;
import org.wsss.dicom.Dicom;
import org.wsss.dicom.DicomSegmentation;
import org.wsss.dicom.DicomStudy;
import org.wsss.io.DeepLesion;
import org.wsss.io.Nifti;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;

/** {@code wsss segment --dicom}: the phantom as DICOM against its DeepLesion layout, and faulty series. */
class DicomSegmentTest {

    @TempDir
    static Path tmp;

    static Path deepLesion;
    static Path dicom;
    static Path marks;
    static Path deepLesionOut;
    static LesionDataset cases;

    @BeforeAll
    static void exportAndSegmentTheDeepLesionLayout() {
        deepLesion = Phantom.export(PhantomConfig.defaults().withCount(3).withSeed(11).withFov(96, 128),
                tmp.resolve("dl"));
        cases = DeepLesion.open(deepLesion);
        dicom = tmp.resolve("dicom");
        marks = Dicom.export(cases, dicom);
        deepLesionOut = tmp.resolve("out-dl");
        Cli r = Cli.run("segment", "--deeplesion", deepLesion.toString(), "--method", "grabcut-3de", "--out",
                deepLesionOut.toString(), "--no-progress");
        assertEquals(0, r.code(), r::toString);
    }

    private static Cli segmentDicom(Path dir, Path out) {
        return Cli.run("segment", "--dicom", dir.toString(), "--recist", marks.toString(), "--method", "grabcut-3de",
                "--out", out.toString(), "--no-progress");
    }

    @Test
    void thePhantomAsDicomGivesTheSameMasksAsItsDeepLesionLayout() throws IOException {
        Path out = tmp.resolve("out-dicom");
        Cli r = segmentDicom(dicom, out);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("3 DICOM SEG file(s)"), r.out());
        DicomStudy study = Dicom.read(dicom);
        for (int i = 0; i < cases.size(); i++) {
            String id = cases.get(i).id();
            Mask3D a = Nifti.readMask(deepLesionOut.resolve(id + ".nii.gz"));
            Mask3D b = Nifti.readMask(out.resolve(id + ".nii.gz"));
            assertTrue(a.count() > 0, id);
            assertArrayEquals(a.toArray(), b.toArray(), id);
            // The SEG holds the same mask, on its series.
            CtSeries s = study.series().stream().filter(x -> id.equals(x.study().patientId())).findFirst().orElseThrow();
            Path seg = Dicom.segmentationFile(out, s);
            DicomSegmentation d = Dicom.readSegmentation(seg, s);
            assertEquals(s.seriesInstanceUid(), d.referencedSeriesUid());
            DicomSegmentation.Segment segment = d.segment(id).orElseThrow();
            assertArrayEquals(a.toArray(), segment.mask().toArray(), id);
            assertEquals("WSSS SDK grabcut-3de", segment.algorithm());
            if (org.wsss.dicom.Validators.present("dciodvfy")) {
                assertEquals(List.of(), org.wsss.dicom.Validators.dciodvfyErrors(seg), seg.toString());
            }
        }
        // lesions.csv as for the other inputs: the measured and prompt columns equal the DeepLesion run's,
        // then the series (volume), the lesion's label in it and the mark as given.
        List<String> dl = Files.readAllLines(deepLesionOut.resolve(SegmentCommand.LESIONS_FILE));
        List<String> dc = Files.readAllLines(out.resolve(SegmentCommand.LESIONS_FILE));
        assertEquals("lesion,volume_ml,long_axis_mm,short_axis_mm,prompt_long_axis_mm,prompt_short_axis_mm,status,volume,"
                + "label,mark", dc.get(0));
        assertEquals(dl.size(), dc.size());
        for (int i = 1; i < dl.size(); i++) {
            String[] a = dl.get(i).split(",", -1), b = dc.get(i).split(",", -1);
            assertArrayEquals(java.util.Arrays.copyOf(a, 7), java.util.Arrays.copyOf(b, 7), dc.get(i));
            CtSeries s = study.series().stream().filter(x -> a[0].equals(x.study().patientId())).findFirst().orElseThrow();
            assertEquals(s.seriesInstanceUid(), b[7]);
            assertEquals("1", b[8]);
            assertTrue(b[9].startsWith("pixel instance "), b[9]);
        }
    }

    @Test
    void dicomIsAnInputLikeTheOthersForConvert() throws IOException {
        Path out = tmp.resolve("converted");
        Cli r = Cli.run("convert", "--dicom", dicom.toString(), "--recist", marks.toString(), "--to", "nifti-csv",
                "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("convert (dicom -> nifti-csv): 3 volumes, 3 lesions, 0 not converted"), r.out());
        Cli lonely = Cli.run("segment", "--dicom", dicom.toString(), "--method", "grabcut-3de", "--out",
                tmp.resolve("x").toString());
        assertEquals(2, lonely.code(), lonely::toString);
        assertTrue(lonely.err().contains("--dicom and --recist go together"), lonely.err());
    }

    @Test
    void aSeriesShuffledOnDiskGivesTheSameMasks() throws IOException {
        Path shuffled = tmp.resolve("shuffled");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dicom)) {
            files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".dcm")).toList());
        }
        Collections.shuffle(files, new Random(17));
        for (int i = 0; i < files.size(); i++) {
            Path t = shuffled.resolve("batch" + (i % 3)).resolve(String.format("x%05d.dcm", i));
            Files.createDirectories(t.getParent());
            Files.copy(files.get(i), t);
        }
        Path out = tmp.resolve("out-shuffled");
        Cli r = segmentDicom(shuffled, out);
        assertEquals(0, r.code(), r::toString);
        for (int i = 0; i < cases.size(); i++) {
            String id = cases.get(i).id();
            assertArrayEquals(Nifti.readMask(deepLesionOut.resolve(id + ".nii.gz")).toArray(),
                    Nifti.readMask(out.resolve(id + ".nii.gz")).toArray(), id);
        }
    }

    @Test
    void aMissingFileOrABadSeriesFailsItsLesionOnlyWithAClearReason() throws IOException {
        Path broken = tmp.resolve("broken");
        try (Stream<Path> s = Files.walk(dicom)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path t = broken.resolve(dicom.relativize(p).toString());
                Files.createDirectories(t.getParent());
                Files.copy(p, t);
            }
        }
        String missingId = cases.get(0).id(), truncatedId = cases.get(1).id(), goodId = cases.get(2).id();
        List<Path> first = slices(broken.resolve(missingId));
        Files.delete(first.get(first.size() / 2));
        List<Path> second = slices(broken.resolve(truncatedId));
        byte[] b = Files.readAllBytes(second.get(1));
        Files.write(second.get(1), java.util.Arrays.copyOf(b, b.length - 100));

        Path out = tmp.resolve("out-broken");
        Cli r = segmentDicom(broken, out);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("1 DICOM SEG file(s)"), r.out());
        assertArrayEquals(Nifti.readMask(deepLesionOut.resolve(goodId + ".nii.gz")).toArray(),
                Nifti.readMask(out.resolve(goodId + ".nii.gz")).toArray());
        assertTrue(Files.notExists(out.resolve(missingId + ".nii.gz")));
        assertTrue(Files.notExists(out.resolve(truncatedId + ".nii.gz")));
        String failures = Files.readString(out.resolve(Batch.FAILURES_FILE));
        assertTrue(failures.contains("missing slice"), failures);
        assertTrue(failures.contains(second.get(1).getFileName().toString()) && failures.contains("truncated"), failures);
        assertTrue(failures.contains("lesion " + missingId) && failures.contains("lesion " + truncatedId), failures);
    }

    @Test
    void phantomWritesTheCasesAsDicomToo() throws IOException {
        Path dl = tmp.resolve("ph"), dcm = tmp.resolve("ph-dicom");
        Cli r = Cli.run("phantom", "--n", "2", "--out", dl.toString(), "--dicom", dcm.toString(), "--no-progress");
        assertEquals(0, r.code(), r::toString);
        DicomStudy study = Dicom.read(dcm);
        assertEquals(2, study.series().size());
        assertEquals(List.of(), study.problems());
        List<String> rows = Files.readAllLines(dcm.resolve("marks.csv"));
        assertEquals(3, rows.size());
        LesionDataset dl2 = DeepLesion.open(dl);
        assertTrue(rows.get(1).startsWith(dl2.get(0).id() + ","), rows.get(1));
    }

    private static List<Path> slices(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
