package org.wsss.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.Volume;
import org.wsss.dicom.CtSeries;
import org.wsss.dicom.Dicom;
import org.wsss.dicom.DicomSegmentation;
import org.wsss.hnn.model.HnnModel;
import org.wsss.io.DeepLesion;
import org.wsss.io.MaskPng;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import org.wsss.propagation.wsss.WsssStep;

/** Runs the five examples on a small phantom in the DeepLesion layout, as a user would. */
class ExamplesTest {

    @TempDir
    static Path tmp;
    static Path phantom;

    @BeforeAll
    static void exportPhantom() {
        phantom = Phantom.export(PhantomConfig.defaults().withCount(24).withSeed(11), tmp.resolve("phantom"));
    }

    @Test
    void weakMasksForEveryLesion() {
        Path out = tmp.resolve("weak");
        int n = WeakMasks.run(phantom, out);
        assertEquals(24, n);
        LesionCase first = DeepLesion.open(phantom).get(0);
        assertTrue(MaskPng.read(out.resolve(first.id() + ".png")).count() > 0);
    }

    @Test
    void trainSaveThenSegmentOneLesionFromAVolume() throws Exception {
        Path model = tmp.resolve("model.wsss");
        List<WsssStep> steps = TrainAndSave.run(phantom, model, 3, 1);
        assertEquals(2, steps.size());
        assertTrue(Files.size(model) > 0);

        LesionDataset data = DeepLesion.open(phantom);
        LesionCase c = data.split(Split.TEST).findFirst().orElseThrow();
        List<Slice> slices = new ArrayList<>();
        for (int idx : c.sliceIndices()) {
            slices.add(c.slice(idx));
        }
        Volume ct = Volume.of(slices, c.spacing());
        int z = c.zOf(c.recist().sliceIndex());
        Mask3D mask = SegmentOneLesion.run(model, ct, c.recist().withSliceIndex(z), c.window());
        assertTrue(mask.slice(z).count() > 0, "the RECIST slice is segmented");
        Mask3D truth = c.groundTruth().orElseThrow();
        assertTrue(mask.intersectionCount(truth) > 0, "the mask overlaps the lesion");
    }

    @Test
    void aDicomStudyIntoOneSegPerSeries() {
        LesionDataset two = LesionDataset.of(List.of(DeepLesion.open(phantom).get(0), DeepLesion.open(phantom).get(1)));
        Path study = tmp.resolve("dicom");
        Path marks = Dicom.export(two, study);
        List<Path> segs = SegmentDicomStudy.run(study, marks, tmp.resolve("seg"));
        assertEquals(2, segs.size());
        CtSeries s = Dicom.read(study).series().get(0);
        DicomSegmentation seg = Dicom.readSegmentation(Dicom.segmentationFile(tmp.resolve("seg"), s), s);
        assertEquals(1, seg.segments().size());
        assertTrue(seg.segments().get(0).mask().count() > 0);
    }

    @Test
    void customSeederThroughWsss7() {
        try (HnnModel model = CustomSeederWsss.run(phantom, 1)) {
            assertTrue(model.info().provenance().parameters().get("seeds").contains("boxed-foreground"));
            assertEquals("wsss-7", model.info().provenance().method());
        }
    }
}
