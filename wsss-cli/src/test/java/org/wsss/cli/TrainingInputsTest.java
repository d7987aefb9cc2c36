package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.grabcut.InitialMasks;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.train.RoiSampler;
import org.wsss.io.LesionInput;
import org.wsss.io.LesionInputs;
import org.wsss.io.MaskPng;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import org.wsss.propagation.wsss.WeakLabels;

/**
 * {@code wsss weak-labels} and {@code wsss train} read every input kind: the phantom as NIfTI +
 * CSV gives the DeepLesion layout's weak labels to the pixel and the same training examples in
 * the same splits; FLARE cases give those of the DeepLesion layout written from them (a FLARE
 * mark is a whole-pixel long axis with no window and no split, so that layout, not the
 * phantom's own, holds the same marks); a tiny training run from NIfTI + CSV writes a model that
 * segments.
 */
class TrainingInputsTest {

    @TempDir
    static Path tmp;
    static Path dl;
    static Path nc;
    static Path fl;
    static Path flDl;

    @BeforeAll
    static void data() {
        dl = tmp.resolve("dl");
        Phantom.export(PhantomConfig.defaults().withCount(6).withSeed(15).withFov(64, 80), dl);
        nc = tmp.resolve("nc");
        fl = tmp.resolve("fl");
        flDl = tmp.resolve("fl-dl");
        convert("--deeplesion", dl, "nifti-csv", nc);
        convert("--deeplesion", dl, "flare", fl);
        convert("--flare", fl, "deeplesion", flDl);
    }

    private static void convert(String option, Path in, String to, Path out) {
        Cli r = Cli.run("convert", option, in.toString(), "--to", to, "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
    }

    private static Path weakLabels(String option, Path in, String name) {
        Path out = tmp.resolve(name);
        Cli r = Cli.run("weak-labels", option, in.toString(), "--method", "grabcut-r", "--out", out.toString(),
                "--threads", "2", "--no-progress");
        assertEquals(0, r.code(), r::toString);
        return out;
    }

    /** The weak labels of two inputs holding the same lesions in the same order are equal pixel for pixel. */
    private static void sameWeakLabels(LesionInput a, Path outA, LesionInput b, Path outB) {
        assertEquals(a.dataset().size(), b.dataset().size());
        int lesionPixels = 0;
        for (int i = 0; i < a.dataset().size(); i++) {
            LesionCase ca = a.dataset().get(i), cb = b.dataset().get(i);
            Mask ma = MaskPng.read(outA.resolve(ca.id() + ".png"));
            Mask mb = MaskPng.read(outB.resolve(cb.id() + ".png"));
            assertArrayEquals(ma.toArray(), mb.toArray(), ca.id() + " vs " + cb.id());
            lesionPixels += ma.count();
        }
        assertTrue(lesionPixels > 0, "the masks hold lesions");
    }

    /**
     * What WSSS-7 training reads of a split, lesion by lesion: the key slice with its GrabCut-R weak
     * label on the RECIST ROI, the window and spacing, and the slices r ± 1..3 it labels later.
     */
    private static void sameTrainingExamples(LesionDataset a, LesionDataset b) {
        InitialMaskMethod grabCutR = InitialMasks.grabCutR();
        int examples = 0;
        for (Split s : List.of(Split.TRAIN, Split.VALIDATION)) {
            List<LesionCase> la = a.split(s).toList(), lb = b.split(s).toList();
            assertEquals(la.size(), lb.size(), s + " lesions");
            for (int i = 0; i < la.size(); i++) {
                LesionCase ca = la.get(i), cb = lb.get(i);
                Recist r = ca.recist(), rb = cb.recist();
                // slice indices are the series' numbers in the DeepLesion layout, z in a volume
                assertEquals(r.longAxis(), rb.longAxis(), ca.id());
                assertEquals(r.shortAxis(), rb.shortAxis(), ca.id());
                assertEquals(ca.window(), cb.window(), ca.id());
                assertEquals(ca.spacing(), cb.spacing(), ca.id());
                Slice key = ca.keySlice();
                assertEquals(key, cb.keySlice(), ca.id());
                Roi roi = RoiSampler.recistRoi(r);
                var wa = WeakLabels.of(r, grabCutR.segment(key, r, ca.window()), roi);
                var wb = WeakLabels.of(cb.recist(), grabCutR.segment(cb.keySlice(), cb.recist(), cb.window()),
                        RoiSampler.recistRoi(cb.recist()));
                assertArrayEquals(wa.recistIndices(), wb.recistIndices(), ca.id());
                assertArrayEquals(wa.foregroundIndices(), wb.foregroundIndices(), ca.id());
                assertArrayEquals(wa.backgroundIndices(), wb.backgroundIndices(), ca.id());
                assertTrue(wa.foregroundCount() > 0, ca.id());
                for (int j = -3; j <= 3; j++) {
                    int za = r.sliceIndex() + j, zb = rb.sliceIndex() + j;
                    boolean inA = ca.zOf(za) >= 0;
                    assertEquals(inA, cb.zOf(zb) >= 0, ca.id() + " slice r" + j);
                    if (inA) {
                        assertEquals(ca.slice(za), cb.slice(zb), ca.id() + " slice r" + j);
                    }
                }
                examples++;
            }
        }
        assertTrue(a.split(Split.TRAIN).count() > 0, "some lesions are in the training split");
        assertTrue(examples > 0);
    }

    @Test
    void niftiCsvGivesTheDeepLesionWeakLabelsAndTrainingExamples() {
        LesionInput a = LesionInputs.deepLesion(dl);
        LesionInput b = LesionInputs.niftiCsv(nc.resolve("marks.csv"));
        sameWeakLabels(a, weakLabels("--deeplesion", dl, "wl-dl"), b, weakLabels("--nifti-csv",
                nc.resolve("marks.csv"), "wl-nc"));
        sameTrainingExamples(a.dataset(), b.dataset());
    }

    @Test
    void flareGivesTheWeakLabelsAndTrainingExamplesOfItsDeepLesionLayout() {
        LesionInput a = LesionInputs.deepLesion(flDl);
        LesionInput b = LesionInputs.flareNpz(fl);
        sameWeakLabels(a, weakLabels("--deeplesion", flDl, "wl-fl-dl"), b, weakLabels("--flare", fl, "wl-fl"));
        sameTrainingExamples(a.dataset(), b.dataset());
        // each FLARE case's split is its own, and the layout written from it keeps it
        for (LesionCase c : b.dataset()) {
            assertEquals(b.dataset().stream().filter(o -> b.volumeOf(o).equals(b.volumeOf(c))).map(LesionCase::split)
                    .distinct().count(), 1L, c.id());
        }
    }

    @Test
    void aTinyTrainingRunFromNiftiCsvWritesAModelThatSegments() throws Exception {
        Path tiny = tmp.resolve("tiny-dl");
        TinyDeepLesion.manyCases(tiny, 6);
        Path csvDir = tmp.resolve("tiny-nc");
        convert("--deeplesion", tiny, "nifti-csv", csvDir);
        Path csv = csvDir.resolve("marks.csv");
        Path model = tmp.resolve("tiny-model").resolve("model.wsss");
        Cli t = Cli.run("train", "--nifti-csv", csv.toString(), "--out", model.toString(), "--wsss", "1", "--epochs",
                "1", "--fine-tune-epochs", "1", "--threads", "2", "--no-progress");
        assertEquals(0, t.code(), t::toString);
        try (var m = Hnn.load(model)) {
            assertEquals(96, m.info().config().inputSize());
        }
        Path out = tmp.resolve("tiny-masks");
        Cli s = Cli.run("segment", "--nifti-csv", csv.toString(), "--model", model.toString(), "--out",
                out.toString(), "--split", "3", "--no-progress");
        assertEquals(0, s.code(), s::toString);
        LesionInput in = LesionInputs.niftiCsv(csv);
        List<String> segmented = new ArrayList<>();
        for (LesionCase c : in.dataset()) {
            Path f = in.maskFile(out, c);
            assertEquals(c.split() == Split.TEST, Files.isRegularFile(f), c.id() + " in split " + c.split());
            if (Files.isRegularFile(f)) {
                Mask3D m = in.readMask(c, f);
                assertTrue(m.count() > 0, c.id());
                segmented.add(c.id());
            }
        }
        assertFalse(segmented.isEmpty());
    }

    @Test
    void trainWithoutATrainingLesionSaysWhichSplitIsEmpty() throws Exception {
        Path csv = nc.resolve("test-only.csv");
        List<String> rows = Files.readAllLines(nc.resolve("marks.csv"));
        List<String> out = new ArrayList<>(List.of(rows.get(0)));
        for (String r : rows.subList(1, rows.size())) {
            out.add(r.substring(0, r.lastIndexOf(',')) + ",3");
        }
        Files.write(csv, out);
        Cli t = Cli.run("train", "--nifti-csv", csv.toString(), "--out", tmp.resolve("none.wsss").toString(),
                "--no-progress");
        assertEquals(2, t.code(), t::toString);
        assertTrue(t.err().contains("no usable lesion in the training split"), t.err());
        assertFalse(Files.exists(tmp.resolve("none.wsss")));
    }
}
