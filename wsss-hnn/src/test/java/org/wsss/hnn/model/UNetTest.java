package org.wsss.hnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.api.Mask;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Window;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.SyntheticDiscs;
import org.wsss.hnn.internal.HnnNetwork;
import org.wsss.hnn.loss.AlphaBetaSchedule;
import org.wsss.hnn.loss.PixelWeights;
import org.wsss.hnn.internal.WeakLoss;
import org.wsss.hnn.train.Augmentation;
import org.wsss.hnn.train.RoiSampler;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.hnn.train.TrainingExample;

/** The UNet baseline: shapes, parameter names, gradient, save/load, and that it learns. */
class UNetTest {

    private static final HnnConfig TINY = HnnConfig.tiny(2, 4, 16).withArchitecture(Architecture.UNET);

    @Test
    void parametersAreTheEncoderDecoderAndOneOutput() {
        HnnConfig cfg = new HnnConfig(List.of(8, 16, 32), List.of(2, 1, 1), 32, Architecture.UNET);
        Map<String, long[]> p = HnnNetwork.parameterShapes(cfg);
        assertArrayEquals(new long[]{3, 3, 1, 8}, p.get("s0_c0_W"));
        assertArrayEquals(new long[]{3, 3, 32 + 16, 16}, p.get("d1_c0_W"));   // upsampled stage 2 + skip of stage 1
        assertArrayEquals(new long[]{3, 3, 16 + 8, 8}, p.get("d0_c0_W"));
        assertArrayEquals(new long[]{3, 3, 8, 8}, p.get("d0_c1_W"));
        assertArrayEquals(new long[]{1, 1, 8, 1}, p.get("out_W"));
        assertFalse(p.containsKey("fuse_W") || p.containsKey("side0_W") || p.containsKey("d2_c0_W"));
        assertFalse(HnnNetwork.parameterShapes(cfg.withArchitecture(Architecture.HNN)).containsKey("out_W"));
    }

    @Test
    void outputIsOneProbabilityMapPerImageAtInputSize() {
        HnnConfig cfg = new HnnConfig(List.of(4, 8, 16), List.of(1, 1, 1), 24, Architecture.UNET);
        try (HnnNetwork net = HnnNetwork.create(cfg, 3L, DataType.FLOAT)) {
            float[] in = new float[3 * 24 * 24];
            SplittableRandom rnd = new SplittableRandom(1);
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) rnd.nextDouble();
            }
            try (INDArray x = Nd4j.create(in, new long[]{3, 1, 24, 24}, 'c')) {
                float[] p = net.predict(x);
                assertEquals(3 * 24 * 24, p.length);
                for (float v : p) {
                    assertTrue(v >= 0 && v <= 1, "probability " + v);
                }
                assertThrows(RuntimeException.class, () -> net.predict(x, HnnNetwork.SIDE_PROB + 0));
            }
            try (INDArray bad = Nd4j.zeros(DataType.FLOAT, 1, 2, 24, 24)) {
                assertThrows(IllegalArgumentException.class, () -> net.predict(bad));
            }
        }
    }

    /**
     * At initialisation many output logits are exactly 0 (all features dead, zero biases); the
     * output bias's gradient checks the loss's derivative there too.
     */
    @Test
    void gradientMatchesCentralDifferences() {
        int size = 8;
        HnnConfig cfg = HnnConfig.tiny(2, 2, size).withArchitecture(Architecture.UNET);
        try (HnnNetwork net = HnnNetwork.create(cfg, 13L, DataType.DOUBLE)) {
            SplittableRandom rnd = new SplittableRandom(2);
            double[] v = new double[2 * size * size];
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextDouble();
            }
            INDArray x = Nd4j.create(v, new long[]{2, 1, size, size}, 'c');
            Mask gt = Mask.fromPredicate(size, size, (px, py) -> px >= 2 && px < 6 && py >= 3 && py < 6);
            Mask gt2 = Mask.fromPredicate(size, size, (px, py) -> px + py < 6);
            Map<String, INDArray> ph = WeakLoss.placeholders(List.of(PixelWeights.supervised(gt), PixelWeights.supervised(gt2)),
                    1, 1, DataType.DOUBLE, size);
            Map<String, INDArray> g = new HashMap<>();
            net.gradients(x, ph, g);
            double eps = 1e-6, worst = 0;
            int checked = 0;
            for (String n : net.parameterNames()) {
                INDArray p = net.parameter(n);
                long stride = Math.max(1, p.length() / 3);
                for (long i = 0; i < p.length(); i += stride) {
                    double p0 = p.getDouble(i);
                    p.putScalar(i, p0 + eps);
                    double up = net.loss(x, ph).total();
                    p.putScalar(i, p0 - eps);
                    double down = net.loss(x, ph).total();
                    p.putScalar(i, p0);
                    double numeric = (up - down) / (2 * eps), analytic = g.get(n).getDouble(i);
                    double rel = Math.abs(numeric - analytic) / Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-7);
                    worst = Math.max(worst, rel);
                    checked++;
                }
            }
            assertTrue(checked >= net.parameterNames().size(), "checked " + checked);
            assertTrue(worst < 1e-5, "relative gradient error " + worst);
        }
    }

    @Test
    void saveLoadGivesIdenticalPredictionsAndKeepsTheArchitecture(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("unet.zip");
        var cases = SyntheticDiscs.make(3, 32, 9L);
        List<TrainingExample> ex = new ArrayList<>();
        SyntheticDiscs.make(4, 32, 4L).forEach(c -> ex.add(c.weakExample()));
        try (HnnModel init = Hnn.create(TINY, 4L);
             HnnModel m = Hnn.trainer(new TrainerConfig(1e-2, 1e-2, 10, 2, 4, AlphaBetaSchedule.constant(1, 1),
                     Augmentation.defaults(), 1L, null), List.of()).fit(init, ex, List.of()).model()) {
            Hnn.save(m, f);
            try (ZipFile zip = new ZipFile(f.toFile()); InputStream in = zip.getInputStream(zip.getEntry("model.properties"))) {
                assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("architecture=unet"));
            }
            try (HnnModel back = Hnn.load(f)) {
                assertEquals(Architecture.UNET, back.info().config().architecture());
                assertEquals(m.info(), back.info());
                assertEquals("unet", back.info().provenance().method());
                for (var c : cases) {
                    ProbabilityMap a = m.predict(c.slice(), c.recist(), Window.DEFAULT);
                    ProbabilityMap b = back.predict(c.slice(), c.recist(), Window.DEFAULT);
                    assertArrayEquals(a.toArray(), b.toArray(), 0f);
                }
            }
        }
    }

    @Test
    void tinyUNetLearnsEightSupervisedDiscs() {
        List<SyntheticDiscs.Case> cases = SyntheticDiscs.make(8, 80, 21L);
        List<TrainingExample> train = new ArrayList<>();
        cases.forEach(c -> train.add(TrainingExample.supervised(c.slice(), RoiSampler.recistRoi(c.recist()), Window.DEFAULT,
                c.truth())));
        HnnConfig cfg = new HnnConfig(List.of(8, 16, 32), List.of(2, 2, 2), 48, Architecture.UNET);
        try (HnnModel init = Hnn.create(cfg, 5L);
             HnnModel model = Hnn.trainer(new TrainerConfig(5e-3, 5e-3, 100, 60, 8, AlphaBetaSchedule.constant(1, 1),
                     Augmentation.none(), 3L, null), List.of()).fit(init, train, List.of()).model()) {
            double worst = 1;
            for (SyntheticDiscs.Case c : cases) {
                Mask m = model.predict(c.slice(), c.recist(), Window.DEFAULT).threshold(c.slice().width(), c.slice().height(), 0.5);
                worst = Math.min(worst, SyntheticDiscs.dice(m, c.truth()));
            }
            assertTrue(worst > 0.8, "worst Dice on the training slices " + worst);
        }
    }
}
