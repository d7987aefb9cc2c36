package org.wsss.hnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Mask;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.SliceSegmenter.Request;
import org.wsss.api.Window;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.SyntheticDiscs;
import org.wsss.hnn.io.ModelFile;
import org.wsss.hnn.loss.AlphaBetaSchedule;
import org.wsss.hnn.train.Augmentation;
import org.wsss.hnn.train.RoiSampler;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.hnn.train.TrainingExample;

/** 2.5D input ({@link HnnConfig#contextMm()}): what the model reads, how it starts, how it is stored, what it learns. */
class ContextInputTest {

    private static final HnnConfig TINY = new HnnConfig(List.of(8, 16, 32), List.of(2, 2, 2), 48);

    private static Slice noise(Slice like, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] hu = new float[like.width() * like.height()];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (float) (-50 + rnd.nextGaussian() * 12);
        }
        return Slice.of(like.width(), like.height(), hu, like.spacing());
    }

    @Test
    void aOneSliceModelWidenedTo25dPredictsExactlyAsBeforeWhateverTheContext() {
        SyntheticDiscs.Case c = SyntheticDiscs.make(1, 48, 3L).get(0);
        Roi roi = RoiSampler.recistRoi(c.recist());
        try (HnnModel one = Hnn.create(TINY, 7L); HnnModel wide = one.withContextMm(2)) {
            assertEquals(List.of(), one.contextOffsetsMm());
            assertEquals(List.of(-2.0, 2.0), wide.contextOffsetsMm());
            assertEquals(3, wide.info().config().inputChannels());
            float[] expected = one.predict(c.slice(), roi, Window.DEFAULT).toArray();
            List<Slice> context = List.of(noise(c.slice(), 1), noise(c.slice(), 2));
            float[] got = wide.predictAll(List.of(new Request(c.slice(), roi, Window.DEFAULT, context))).get(0).toArray();
            assertArrayEquals(expected, got, 1e-6f);
        }
    }

    @Test
    void a25dModelReadsItsContextAndRepeatsTheSliceWhenNoneIsGiven() {
        SyntheticDiscs.Case c = SyntheticDiscs.make(1, 48, 4L).get(0);
        Roi roi = RoiSampler.recistRoi(c.recist());
        try (HnnModel m = Hnn.create(TINY.withContextMm(3), 9L)) {
            float[] none = m.predictAll(List.of(new Request(c.slice(), roi, Window.DEFAULT))).get(0).toArray();
            float[] same = m.predictAll(List.of(new Request(c.slice(), roi, Window.DEFAULT,
                    List.of(c.slice(), c.slice())))).get(0).toArray();
            float[] other = m.predictAll(List.of(new Request(c.slice(), roi, Window.DEFAULT,
                    List.of(noise(c.slice(), 5), noise(c.slice(), 6))))).get(0).toArray();
            assertArrayEquals(same, none, 0f);
            double diff = 0;
            for (int i = 0; i < same.length; i++) {
                diff = Math.max(diff, Math.abs(same[i] - other[i]));
            }
            assertTrue(diff > 1e-4, "the context changed the output by at most " + diff);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predictAll(List.of(
                    new Request(c.slice(), roi, Window.DEFAULT, List.of(c.slice())))));
            assertTrue(e.getMessage().contains("2 context slices"), e.getMessage());
        }
    }

    @Test
    void theModelFileKeepsTheContextAndAOneSliceFileHasNoSuchKey(@TempDir Path dir) throws IOException {
        SyntheticDiscs.Case c = SyntheticDiscs.make(1, 48, 5L).get(0);
        Roi roi = RoiSampler.recistRoi(c.recist());
        List<Slice> context = List.of(noise(c.slice(), 8), c.slice());
        Path f = dir.resolve("m.zip");
        Path g = dir.resolve("one.zip");
        try (HnnModel m = Hnn.create(TINY.withContextMm(2.5), 11L); HnnModel one = Hnn.create(TINY, 11L)) {
            Hnn.save(m, f);
            Hnn.save(one, g);
            try (HnnModel back = Hnn.load(f)) {
                assertEquals(m.info(), back.info());
                assertEquals(2.5, back.info().config().contextMm());
                Request r = new Request(c.slice(), roi, Window.DEFAULT, context);
                assertArrayEquals(m.predictAll(List.of(r)).get(0).toArray(), back.predictAll(List.of(r)).get(0).toArray(), 0f);
            }
            try (HnnModel back = Hnn.load(g)) {
                assertEquals(0.0, back.info().config().contextMm());
            }
        }
        try (ZipFile z = new ZipFile(g.toFile())) {
            var e = z.getEntry(ModelFile.METADATA);
            String props = new String(z.getInputStream(e).readAllBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(props.contains("contextMm"), props);
        }
    }

    @Test
    void badContextIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> TINY.withContextMm(-1));
        assertThrows(IllegalArgumentException.class, () -> TINY.withContextMm(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TINY.withContextMm(HnnConfig.MAX_CONTEXT_MM + 1));
        try (HnnModel m = Hnn.create(TINY, 1L)) {
            assertThrows(IllegalArgumentException.class, () -> m.withContextMm(0));
        }
    }

    /**
     * The same disc on the slice, lesion where it goes on in the neighbours and background where
     * they are empty (a lesion's end): only the context tells the two apart, so the 2.5D network
     * learns it and the one-slice network cannot.
     */
    @Test
    void only25dLearnsWhereTheLesionEnds() {
        List<SyntheticDiscs.Case> cases = SyntheticDiscs.make(8, 32, 21L);
        List<TrainingExample> train = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            SyntheticDiscs.Case c = cases.get(i);
            boolean goesOn = i % 2 == 0;
            Mask truth = goesOn ? c.truth() : Mask.empty(32, 32);
            List<Slice> context = goesOn ? List.of(c.slice(), c.slice()) : List.of(noise(c.slice(), i), noise(c.slice(), 50 + i));
            train.add(TrainingExample.supervised(c.slice(), RoiSampler.recistRoi(c.recist()), Window.DEFAULT, truth)
                    .withContext(context));
        }
        TrainerConfig tc = new TrainerConfig(5e-3, 5e-3, 100, 60, 8, AlphaBetaSchedule.constant(1, 1), Augmentation.none(),
                3L, null);
        HnnConfig small = new HnnConfig(List.of(8, 16), List.of(2, 2), 32);
        double[] wide = insideMeans(small.withContextMm(2), tc, cases, train);
        double[] one = insideMeans(small, tc, cases, train);
        assertTrue(wide[0] > 0.7 && wide[1] < 0.3, "2.5D: mean Ŷ in the disc where it goes on " + wide[0]
                + ", where it ends " + wide[1]);
        assertTrue(Math.abs(one[0] - one[1]) < 0.25, "one slice: " + one[0] + " / " + one[1]);
    }

    /** Mean Ŷ inside the disc on the cases where it goes on (even) and where it ends (odd), after training. */
    private static double[] insideMeans(HnnConfig cfg, TrainerConfig tc, List<SyntheticDiscs.Case> cases,
                                        List<TrainingExample> train) {
        double[] sum = new double[2];
        int[] n = new int[2];
        try (HnnModel init = Hnn.create(cfg, 5L); HnnModel m = Hnn.trainer(tc, List.of()).fit(init, train, List.of()).model()) {
            for (int i = 0; i < cases.size(); i++) {
                TrainingExample ex = train.get(i);
                ProbabilityMap p = m.predictAll(List.of(new Request(ex.slice(), ex.roi(), ex.window(), ex.context()))).get(0);
                Mask disc = cases.get(i).truth();
                for (int y = 0; y < disc.height(); y++) {
                    for (int x = 0; x < disc.width(); x++) {
                        if (disc.get(x, y)) {
                            sum[i % 2] += p.get(x, y);
                            n[i % 2]++;
                        }
                    }
                }
            }
        }
        return new double[]{sum[0] / n[0], sum[1] / n[1]};
    }
}
