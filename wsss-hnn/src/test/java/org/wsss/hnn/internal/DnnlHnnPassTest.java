package org.wsss.hnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.api.Mask;
import org.wsss.api.WeakLabel;
import org.wsss.hnn.loss.LossValues;
import org.wsss.hnn.loss.PixelWeights;
import org.wsss.hnn.model.Architecture;
import org.wsss.hnn.model.GradientEngine;
import org.wsss.hnn.model.HnnConfig;

/**
 * The oneDNN pass against the SameDiff graph it replaces (the graph's gradients are checked
 * against central differences in {@code WeakLossGradientCheckTest}): same loss parts, same
 * gradients, at initialisation and after steps that change the weights and the batch size.
 */
class DnnlHnnPassTest {

    @Test
    void oneDnnIsAvailableOnThisPlatformAndChosenByDefault() {
        assertTrue(Dnnl.available(), () -> "oneDNN did not load: " + Dnnl.unavailableReason());
        try (HnnNetwork net = HnnNetwork.create(HnnConfig.tiny(2, 2, 8), 1L, DataType.FLOAT)) {
            assertEquals(GradientEngine.ONEDNN, net.gradientEngine());
        }
        try (HnnNetwork net = HnnNetwork.create(HnnConfig.tiny(2, 2, 8).withArchitecture(Architecture.UNET), 1L, DataType.FLOAT)) {
            assertEquals(GradientEngine.ONEDNN, net.gradientEngine());
        }
        try (HnnNetwork net = HnnNetwork.create(HnnConfig.tiny(2, 2, 8), 1L, DataType.DOUBLE)) {
            assertEquals(GradientEngine.SAMEDIFF, net.gradientEngine());
        }
    }

    @Test
    void defaultPresetMatchesSameDiff() {
        compareOverSteps(HnnConfig.defaults(), new int[]{2, 2}, 21L);
    }

    @Test
    void threeStagesOfOneConvolutionMatchSameDiffWhileTheBatchSizeChanges() {
        compareOverSteps(new HnnConfig(List.of(4, 8, 8), List.of(1, 1, 3), 16), new int[]{3, 1, 3, 2}, 5L);
    }

    @Test
    void unetMatchesSameDiff() {
        compareOverSteps(HnnConfig.unet().withInputSize(32), new int[]{2, 1, 2}, 13L);
    }

    @Test
    void unetOfThreeStagesWithOneAndThreeConvolutionsMatchesSameDiff() {
        compareOverSteps(new HnnConfig(List.of(4, 6, 8), List.of(3, 1, 2), 16, Architecture.UNET), new int[]{3, 2}, 17L);
    }

    @Test
    void paperWidthsMatchSameDiff() {
        compareOverSteps(HnnConfig.paper().withInputSize(32), new int[]{1}, 29L);
    }

    @Test
    void oneStageNetworksMatchSameDiff() {
        compareOverSteps(new HnnConfig(List.of(3), List.of(2), 8), new int[]{2}, 19L);
        compareOverSteps(new HnnConfig(List.of(3), List.of(2), 8, Architecture.UNET), new int[]{2}, 23L);
    }

    /** 2.5D: three input channels, which the pass reorders from NCHW to NHWC itself. */
    @Test
    void threeChannelInputMatchesSameDiff() {
        compareOverSteps(new HnnConfig(List.of(4, 8), List.of(2, 1), 16).withContextMm(2), new int[]{2, 3}, 31L);
        compareOverSteps(new HnnConfig(List.of(4, 8), List.of(1, 2), 16, Architecture.UNET).withContextMm(2.5), new int[]{3},
                37L);
    }

    @Test
    void refusesDoublePrecision() {
        try (HnnNetwork dbl = HnnNetwork.create(HnnConfig.tiny(2, 2, 8), 1L, DataType.DOUBLE)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> dbl.setGradientEngine(GradientEngine.ONEDNN));
            assertTrue(e.getMessage().contains("DOUBLE"), e.getMessage());
            assertEquals(GradientEngine.SAMEDIFF, dbl.gradientEngine());
        }
    }

    /** A view, a double-precision input and a plain array give the oneDNN engine the same batch. */
    @Test
    void acceptsViewsAndOtherPrecisionsOfTheInput() {
        HnnConfig cfg = HnnConfig.tiny(2, 2, 8);
        SplittableRandom rnd = new SplittableRandom(8);
        float[] img = new float[3 * 64];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) rnd.nextDouble();
        }
        List<PixelWeights> w = List.of(randomWeak(8, rnd), randomWeak(8, rnd));
        Map<String, INDArray> ph = WeakLoss.placeholders(w, 0.5, 1, DataType.FLOAT, 8);
        try (HnnNetwork net = HnnNetwork.create(cfg, 3L, DataType.FLOAT);
             INDArray three = Nd4j.create(img, new long[]{3, 1, 8, 8}, 'c')) {
            net.setGradientEngine(GradientEngine.ONEDNN);
            INDArray plain = three.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3)).dup('c');
            INDArray view = three.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3));
            assertTrue(view.isView(), "the slice is a view");
            double expected = net.gradients(plain, ph, new HashMap<>()).total();
            assertEquals(expected, net.gradients(view, ph, new HashMap<>()).total(), 0);
            assertEquals(expected, net.gradients(plain.castTo(DataType.DOUBLE), ph, new HashMap<>()).total(), 1e-9);
        }
    }

    /**
     * Two networks with the same initial weights, one per engine, take the same SGD steps on the
     * oneDNN gradients; at every step both engines' losses and gradients must agree.
     */
    private static void compareOverSteps(HnnConfig cfg, int[] batches, long seed) {
        int s = cfg.inputSize();
        SplittableRandom rnd = new SplittableRandom(seed);
        try (HnnNetwork fast = HnnNetwork.create(cfg, seed, DataType.FLOAT);
             HnnNetwork ref = HnnNetwork.create(cfg, seed, DataType.FLOAT)) {
            fast.setGradientEngine(GradientEngine.ONEDNN);
            ref.setGradientEngine(GradientEngine.SAMEDIFF);
            for (int step = 0; step < batches.length; step++) {
                int n = batches[step];
                int c = cfg.inputChannels();
                float[] img = new float[n * c * s * s];
                for (int i = 0; i < img.length; i++) {
                    img[i] = (float) rnd.nextDouble();
                }
                List<PixelWeights> w = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    w.add(randomWeak(s, rnd));
                }
                Map<String, INDArray> ph = WeakLoss.placeholders(w, 0.3 + 0.2 * step, 0.8, DataType.FLOAT, s);
                Map<String, INDArray> gf = new HashMap<>();
                Map<String, INDArray> gr = new HashMap<>();
                try (INDArray x = Nd4j.create(img, new long[]{n, c, s, s}, 'c')) {
                    LossValues lf = fast.gradients(x, ph, gf);
                    LossValues lr = ref.gradients(x, ph, gr);
                    String at = "step " + step + " (batch " + n + ")";
                    assertClose(lr.r(), lf.r(), 1e-4, at + " L_R");
                    assertClose(lr.f(), lf.f(), 1e-4, at + " L_F");
                    assertClose(lr.b(), lf.b(), 1e-4, at + " L_B");
                    assertClose(lr.total(), lf.total(), 1e-4, at + " L");
                    assertEquals(ref.parameterNames().size(), gf.size(), at + ": one gradient per parameter");
                    for (String p : ref.parameterNames()) {
                        INDArray a = gf.get(p), b = gr.get(p);
                        assertTrue(a != null, at + ": no gradient for " + p);
                        assertTrue(java.util.Arrays.equals(a.shape(), b.shape()), at + ": shape of " + p);
                        double diff = a.sub(b).norm2Number().doubleValue();
                        double norm = b.norm2Number().doubleValue();
                        // float32 sums over every pixel of the batch, in another order per kernel (oneDNN picks
                        // kernels by the CPU's instruction set): 0.26 % seen on one host; a wrong gradient is O(1)
                        assertTrue(diff <= 5e-3 * norm + 1e-7, at + ": gradient of " + p + " differs by " + diff + " (norm " + norm + ")");
                    }
                    for (String p : ref.parameterNames()) {          // both nets take the same step
                        fast.parameter(p).subi(gf.get(p).mul(0.05));
                        ref.parameter(p).subi(gf.get(p).mul(0.05));
                    }
                } finally {
                    gf.values().forEach(INDArray::close);
                    gr.values().forEach(INDArray::close);
                    ph.values().forEach(INDArray::close);
                }
            }
        }
    }

    private static void assertClose(double expected, double actual, double rel, String what) {
        assertTrue(Math.abs(expected - actual) <= rel * Math.max(1, Math.abs(expected)), what + ": " + actual + " vs " + expected);
    }

    /** Random R, F and B sets (disjoint, each non-empty), some pixels in none. */
    private static PixelWeights randomWeak(int s, SplittableRandom rnd) {
        Mask.Builder r = Mask.builder(s, s), f = Mask.builder(s, s), b = Mask.builder(s, s);
        for (int y = 1; y < s; y++) {            // row 0 holds one pixel of each set, below
            for (int x = 0; x < s; x++) {
                double u = rnd.nextDouble();
                if (u < 0.05) {
                    r.set(x, y);
                } else if (u < 0.3) {
                    f.set(x, y);
                } else if (u < 0.8) {
                    b.set(x, y);
                }
            }
        }
        r.set(0, 0);
        f.set(1, 0);
        b.set(2, 0);
        return PixelWeights.weak(WeakLabel.of(r.build(), f.build(), b.build()));
    }
}
