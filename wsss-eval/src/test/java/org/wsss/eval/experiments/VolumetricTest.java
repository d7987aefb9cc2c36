package org.wsss.eval.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.LesionDataset;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask3D;
import org.wsss.api.Progress;
import org.wsss.api.Provenance;
import org.wsss.api.Split;
import org.wsss.eval.metrics.MeanStd;
import org.wsss.eval.metrics.Overlap;
import org.wsss.eval.metrics.PrecisionRecallCurve;

class VolumetricTest {

    static final LesionDataset DATA = EllipsoidLesion.dataset(List.of(
            new EllipsoidLesion("a", 6, 5, LesionCategory.LIVER, Split.TEST),
            new EllipsoidLesion("b", 8, 6, LesionCategory.LUNG, Split.TEST),
            new EllipsoidLesion("t", 7, 7, LesionCategory.LUNG, Split.TRAIN),
            new EllipsoidLesion("c", 9, 7, LesionCategory.LIVER, Split.TEST)));

    /** Returns the ground truth. */
    static final LesionSegmenter PERFECT = c -> c.groundTruth().orElseThrow()
            .withProvenance(Provenance.of("perfect", Map.of("k", "v")).withSeed(3));

    /** The ground truth of the RECIST slice alone. */
    static final LesionSegmenter RECIST_ONLY = c -> {
        Mask3D gt = c.groundTruth().orElseThrow();
        int z = c.zOf(c.recist().sliceIndex());
        return Mask3D.builder(gt.width(), gt.height(), gt.depth(), gt.spacing()).setSlice(z, gt.slice(z)).build();
    };

    /** Fails on lesion "b", returns a mask on the wrong grid for lesion "c". */
    static final LesionSegmenter FLAKY = c -> {
        if (c.id().equals("b")) {
            throw new IllegalStateException("no convergence on b");
        }
        if (c.id().equals("c")) {
            return Mask3D.empty(32, 32, 2, c.spacing());
        }
        return c.groundTruth().orElseThrow();
    };

    /** 0.7 inside the truth, 0.2 outside. */
    static float[] twoLevel(LesionCase c) {
        boolean[] t = c.groundTruth().orElseThrow().toArray();
        float[] p = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            p[i] = t[i] ? 0.7f : 0.2f;
        }
        return p;
    }

    static List<Volumetric.Method> methods() {
        return List.of(Volumetric.Method.withProbabilities("perfect", PERFECT, VolumetricTest::twoLevel),
                Volumetric.Method.binary("recist-only", RECIST_ONLY),
                Volumetric.Method.binary("flaky", FLAKY));
    }

    static Volumetric.Result run(int threads) {
        return Volumetric.run(DATA, Split.TEST, methods(), Volumetric.Config.defaults(), threads, Progress.NONE);
    }

    @Test
    void jointSegmenterRunsOncePerLesionAndScoresLikeTwoSources() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Volumetric.Method joint = Volumetric.Method.withProbabilities("perfect", c -> {
            calls.incrementAndGet();
            return new Volumetric.Segmentation(PERFECT.segment(c), twoLevel(c));
        });
        Volumetric.Result j = Volumetric.run(DATA, Split.TEST, List.of(joint), Volumetric.Config.defaults(), 2,
                Progress.NONE);
        Volumetric.Result two = Volumetric.run(DATA, Split.TEST, List.of(methods().get(0)), Volumetric.Config.defaults(),
                2, Progress.NONE);
        assertEquals(j.lesions(), calls.get(), "one inference per lesion");
        assertEquals(two.fig2b().toMarkdown(), j.fig2b().toMarkdown());
        assertEquals(two.prCurves().toMarkdown(), j.prCurves().toMarkdown());
    }

    @Test
    void perfectSegmenterScoresOneEverywhere() {
        Volumetric.Result r = run(2);
        assertEquals(3, r.lesions());
        Volumetric.MethodResult p = r.method("perfect");
        // Truth is non-empty on offsets -3..+3 only; the grid reaches -4..+4.
        assertEquals(List.of(-3, -2, -1, 0, 1, 2, 3), List.copyOf(p.byOffset().keySet()));
        for (MeanStd v : p.byOffset().values()) {
            assertEquals(1.0, v.mean());
            assertEquals(3, v.n());
        }
        assertEquals(0, p.aggregate().fp());
        assertEquals(0, p.aggregate().fn());
        assertEquals(1.0, p.aggregate().f1());
        assertEquals(1.0, p.categories().overall().orElseThrow().mean());
        assertEquals(3, p.scored());
        assertEquals(0, p.failed());
        assertEquals("perfect{k=v} seed=3", p.config());
        // 0.2 outside, 0.7 inside: every threshold in (0.2, 0.7] is perfect, the lowest is 0.25.
        PrecisionRecallCurve c = p.curve().orElseThrow();
        assertEquals(21, c.size());
        int b = c.bestF1Index();
        assertEquals(0.25, c.threshold(b), 1e-12);
        assertEquals(1.0, c.f1(b));
        assertEquals(0.0, c.recall(c.size() - 1));
        long truthVoxels = p.aggregate().tp();
        assertEquals(new Overlap(truthVoxels, 3L * 32 * 32 * 9 - truthVoxels, 0), c.counts(0));
    }

    @Test
    void comparisonPairsTheLesionsBothMethodsScored() {
        Volumetric.Result r = run(2);
        // perfect vs recist-only: equal on the RECIST slice, 1 against 0 on every other lesion slice.
        org.wsss.eval.metrics.PairedComparison c = r.comparison("perfect", "recist-only");
        assertEquals(3, c.lesions());
        SortedMap<Integer, org.wsss.eval.metrics.PairedComparison.Difference> by = c.byOffset(1, 500);
        assertEquals(0.0, by.get(0).difference(), 1e-12);
        assertEquals(1.0, by.get(2).difference(), 1e-12);
        assertTrue(by.get(-3).aAbove());
        assertTrue(c.dice3d(1, 500).aAbove());
        // The same as pairing the masks directly.
        org.wsss.eval.metrics.PairedComparison direct = org.wsss.eval.metrics.Metrics.pairedComparison(6);
        for (LesionCase l : DATA.split(Split.TEST).toList()) {
            direct.add(PERFECT.segment(l), RECIST_ONLY.segment(l), l.groundTruth().orElseThrow(),
                    l.zOf(l.recist().sliceIndex()));
        }
        assertEquals(direct.dice3d(5, 500), c.dice3d(5, 500));
        assertEquals(direct.byOffset(5, 500), c.byOffset(5, 500));
        // flaky failed on two of the three lesions: one pair left.
        assertEquals(1, r.comparison("flaky", "perfect").lesions());
        assertThrows(IllegalArgumentException.class, () -> r.comparison("perfect", "nope"));
    }

    @Test
    void recistSliceOnlyScoresOneOnItsSliceAndZeroElsewhere() {
        Volumetric.MethodResult m = run(1).method("recist-only");
        SortedMap<Integer, MeanStd> by = m.byOffset();
        assertEquals(7, by.size());
        by.forEach((d, v) -> {
            assertEquals(d == 0 ? 1.0 : 0.0, v.mean(), "offset " + d);
            assertEquals(0.0, v.std(), "offset " + d);
            assertEquals(3, v.n(), "offset " + d);
        });
        // Aggregate: every predicted voxel is true; recall = RECIST-slice voxels / all truth voxels.
        long keyVoxels = 0, all = 0;
        for (LesionCase c : DATA.split(Split.TEST).toList()) {
            Mask3D gt = c.groundTruth().orElseThrow();
            keyVoxels += gt.slice(c.zOf(c.recist().sliceIndex())).count();
            all += gt.count();
        }
        assertEquals(new Overlap(keyVoxels, 0, all - keyVoxels), m.aggregate());
        assertEquals(1.0, m.aggregate().precision());
        assertTrue(m.curve().isEmpty());
        // Table 3: per-lesion 3D Dice 2k / (k + n).
        double liver = 0;
        for (String id : List.of("a", "c")) {
            EllipsoidLesion c = (EllipsoidLesion) DATA.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            long k = c.truthSlice(EllipsoidLesion.KEY).count(), n = c.groundTruth().orElseThrow().count();
            liver += 2.0 * k / (k + n) / 2;
        }
        assertEquals(liver, m.categories().byCategory().get(LesionCategory.LIVER).mean(), 1e-12);
        assertTrue(liver > 0.1 && liver < 0.5, "RECIST slice of 7 lesion slices: " + liver);
    }

    @Test
    void failuresAreRecordedAndTheRestScored() {
        Volumetric.Result r = run(2);
        Volumetric.MethodResult f = r.method("flaky");
        assertEquals(1, f.scored());
        assertEquals(2, f.failed());
        assertEquals(1.0, f.categories().overall().orElseThrow().mean());
        assertEquals(List.of("b", "c"), r.failures().stream().map(Volumetric.Failure::caseId).toList());
        assertTrue(r.failures().get(0).reason().contains("no convergence on b"), r.failures().get(0).reason());
        assertTrue(r.failures().get(1).reason().contains("shapes differ"), r.failures().get(1).reason());
        assertEquals(List.of("flaky", "flaky"), r.failures().stream().map(Volumetric.Failure::method).toList());
        // The other methods are untouched by flaky's failures.
        assertEquals(3, r.method("perfect").scored());
    }

    @Test
    void aFailingProbabilitySourceDropsOnlyTheCurve() {
        Volumetric.Method m = Volumetric.Method.withProbabilities("short", PERFECT,
                c -> c.id().equals("a") ? new float[3] : twoLevel(c));
        Volumetric.Result r = Volumetric.run(DATA, Split.TEST, List.of(m), Volumetric.Config.defaults(), 1,
                Progress.NONE);
        assertEquals(3, r.method("short").scored());
        assertEquals(1, r.failures().size());
        assertTrue(r.failures().get(0).reason().startsWith("probabilities: "), r.failures().get(0).reason());
        assertEquals(1.0, r.method("short").curve().orElseThrow().f1(5));
    }

    @Test
    void tablesInPaperOrderAndIndependentOfThreads() {
        Volumetric.Result r = run(3);
        Tables t3 = r.table3();
        assertEquals(List.of("Method", "Bone", "AB", "MD", "Liver", "Lung", "Kidney", "ST", "Pelvis", "Mean", "n",
                "failed"), t3.header());
        assertEquals(List.of("perfect", "–", "–", "–", "1.000", "1.000", "–", "–", "–", "1.000", "3", "0"),
                t3.rows().get(0));
        assertEquals(List.of("flaky", "–", "–", "–", "1.000", "–", "–", "–", "–", "1.000", "1", "2"),
                t3.rows().get(2));
        Tables a = r.fig2a();
        assertEquals(List.of("Offset", "perfect", "recist-only", "flaky"), a.header());
        assertEquals(13, a.rows().size());
        assertEquals(List.of("-6", "–", "–", "–"), a.rows().get(0));
        assertEquals(List.of("0", "1.000", "1.000", "1.000"), a.rows().get(6));
        assertEquals(List.of("1", "1.000", "0.000", "1.000"), a.rows().get(7));
        Tables b = r.fig2b();
        assertEquals(List.of("perfect", "1.000", "1.000", "1.000", "1.000", "0.250", "3", "0"), b.rows().get(0));
        assertEquals("–", b.rows().get(1).get(4));
        assertEquals(21, r.prCurves().rows().size());
        Volumetric.Result one = run(1);
        for (var pair : List.of(List.of(r.fig2a(), one.fig2a()), List.of(r.fig2b(), one.fig2b()),
                List.of(r.table3(), one.table3()), List.of(r.perLesion(), one.perLesion()),
                List.of(r.fig2aDetail(), one.fig2aDetail()))) {
            assertEquals(pair.get(1).toMarkdown(), pair.get(0).toMarkdown());
        }
    }

    @Test
    void keepsExampleMasksPerCategory() {
        Volumetric.Result r = run(2);
        assertEquals(List.of("a", "b"), r.examples().stream().map(Volumetric.Example::caseId).toList());
        Volumetric.Example a = r.examples().get(0);
        assertEquals(List.of("perfect", "recist-only", "flaky"), List.copyOf(a.predictions().keySet()));
        assertEquals(a.truth(), a.predictions().get("perfect"));
        assertEquals(4, a.recistZ());
        assertEquals("a", a.lesion().id());
        // flaky failed on b: absent from its example.
        assertEquals(List.of("perfect", "recist-only"), List.copyOf(r.examples().get(1).predictions().keySet()));
        Volumetric.Result none = Volumetric.run(DATA, Split.TEST, methods(), new Volumetric.Config(6, 21, 0), 1,
                Progress.NONE);
        assertTrue(none.examples().isEmpty());
    }

    @Test
    void writesCsvAndReadablePlots(@TempDir Path dir) throws Exception {
        Volumetric.Result r = run(2);
        r.writeCsv(dir);
        r.writePlots(dir);
        assertEquals("Offset,perfect,recist-only,flaky", Files.readAllLines(dir.resolve("fig2a.csv")).get(0));
        assertEquals(1 + 3 * 3 - 2, Files.readAllLines(dir.resolve("lesions3d.csv")).size());
        assertEquals(3, Files.readAllLines(dir.resolve("failures3d.csv")).size());
        for (String png : List.of("fig2a.png", "fig2b.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertNotNull(img, png);
            assertEquals(Charts.WIDTH, img.getWidth(), png);
            assertEquals(Charts.HEIGHT, img.getHeight(), png);
            assertTrue(distinctColours(img) > 20, png + " looks blank");
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void plotsWithNoScoredLesionStillRender() {
        Volumetric.Method dead = Volumetric.Method.binary("dead", c -> {
            throw new IllegalArgumentException("always");
        });
        Volumetric.Result r = Volumetric.run(DATA, Split.TEST, List.of(dead), Volumetric.Config.defaults(), 1,
                Progress.NONE);
        assertEquals(3, r.method("dead").failed());
        assertEquals(List.of("dead", "–", "–", "–", "–", "–", "–", "–", "–", "–", "0", "3"), r.table3().rows().get(0));
        assertEquals(Charts.WIDTH, Charts.fig2a(r, Charts.WIDTH, Charts.HEIGHT).getWidth());
        assertEquals(Charts.WIDTH, Charts.fig2b(r, Charts.WIDTH, Charts.HEIGHT).getWidth());
    }

    @Test
    void rejectsBadArguments() {
        List<Volumetric.Method> ms = methods();
        assertThrows(IllegalArgumentException.class,
                () -> Volumetric.run(DATA, Split.TEST, List.of(), Volumetric.Config.defaults(), 1, Progress.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> Volumetric.run(DATA, Split.TEST, ms, Volumetric.Config.defaults(), 0, Progress.NONE));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> Volumetric.run(DATA, Split.TEST, List.of(ms.get(0), ms.get(0)), Volumetric.Config.defaults(), 1,
                        Progress.NONE));
        assertTrue(dup.getMessage().contains("distinct"), dup.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Volumetric.run(DATA, Split.VALIDATION, ms, Volumetric.Config.defaults(), 1, Progress.NONE));
        assertTrue(empty.getMessage().contains("VALIDATION"), empty.getMessage());
        IllegalArgumentException cfg = assertThrows(IllegalArgumentException.class,
                () -> new Volumetric.Config(6, 1, 1));
        assertTrue(cfg.getMessage().contains("thresholds") && cfg.getMessage().contains("1"), cfg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Volumetric.Method.binary(" ", PERFECT));
    }

    static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> s = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                s.add(img.getRGB(x, y));
            }
        }
        return s.size();
    }
}
