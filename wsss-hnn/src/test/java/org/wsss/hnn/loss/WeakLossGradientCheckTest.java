package org.wsss.hnn.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.wsss.hnn.internal.WeakLoss;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.internal.HnnNetwork;

/**
 * Central-difference check, in double precision, of the gradient SameDiff derives from the
 * loss expression, over entries of every parameter array of a tiny HNN, at initialisation and
 * after a few gradient steps.
 */
class WeakLossGradientCheckTest {

    private static final int SIZE = 8;
    private static final double EPS = 1e-6;

    @Test
    void gradientMatchesCentralDifferencesAtInitAndAfterSteps() {
        HnnConfig cfg = HnnConfig.tiny(2, 2, SIZE);
        try (HnnNetwork net = HnnNetwork.create(cfg, 7L, DataType.DOUBLE)) {
            SplittableRandom rnd = new SplittableRandom(3);
            INDArray x = input(rnd, 2);
            Map<String, INDArray> ph = WeakLoss.placeholders(List.of(weak(1), weak(2)), 0.5, 0.75, DataType.DOUBLE, SIZE);

            double worst = check(net, x, ph);
            assertTrue(worst < 1e-5, "relative gradient error at init " + worst);

            for (int step = 0; step < 3; step++) {
                Map<String, INDArray> g = new HashMap<>();
                net.gradients(x, ph, g);
                for (String n : net.parameterNames()) {
                    net.parameter(n).subi(g.get(n).mul(0.05));
                }
            }
            double after = check(net, x, ph);
            assertTrue(after < 1e-5, "relative gradient error after 3 steps " + after);
        }
    }

    /**
     * {@link HnnNetwork#gradients} runs SameDiff's gradient function with its array cache on,
     * so arrays are reused from call to call; over several steps, with the batch changing size,
     * it must give exactly what SameDiff's {@code calculateGradients} (cache off) gives.
     */
    @Test
    void cachedGradientPassEqualsSameDiffsOwnOverSteps() {
        HnnConfig cfg = HnnConfig.tiny(2, 2, SIZE);
        try (HnnNetwork net = HnnNetwork.create(cfg, 9L, DataType.DOUBLE)) {
            SplittableRandom rnd = new SplittableRandom(4);
            for (int step = 0; step < 4; step++) {
                int n = step == 2 ? 1 : 2;
                INDArray x = input(rnd, n);
                Map<String, INDArray> ph = WeakLoss.placeholders(n == 1 ? List.of(weak(2)) : List.of(weak(1), weak(2)),
                        0.5, 1, DataType.DOUBLE, SIZE);
                Map<String, INDArray> ours = new HashMap<>();
                net.gradients(x, ph, ours);
                Map<String, INDArray> all = new HashMap<>(ph);
                all.put(HnnNetwork.INPUT, x);
                Map<String, INDArray> theirs = net.graph().calculateGradients(all, net.parameterNames());
                for (String p : net.parameterNames()) {
                    assertTrue(ours.get(p).equalsWithEps(theirs.get(p), 1e-12), "step " + step + ", gradient of " + p);
                }
                for (String p : net.parameterNames()) {
                    net.parameter(p).subi(ours.get(p).mul(0.05));
                }
            }
        }
    }

    @Test
    void supervisedGradientMatchesCentralDifferences() {
        HnnConfig cfg = HnnConfig.tiny(2, 2, SIZE);
        try (HnnNetwork net = HnnNetwork.create(cfg, 11L, DataType.DOUBLE)) {
            INDArray x = input(new SplittableRandom(5), 1);
            Mask gt = Mask.builder(SIZE, SIZE).set(3, 3).set(4, 3).set(3, 4).set(4, 4).build();
            Map<String, INDArray> ph = WeakLoss.placeholders(List.of(PixelWeights.supervised(gt)), 1, 1, DataType.DOUBLE, SIZE);
            double worst = check(net, x, ph);
            assertTrue(worst < 1e-5, "relative gradient error " + worst);
        }
    }

    /** Largest relative error between analytic and central-difference gradients. */
    private static double check(HnnNetwork net, INDArray x, Map<String, INDArray> ph) {
        Map<String, INDArray> g = new HashMap<>();
        net.gradients(x, ph, g);
        double worst = 0;
        int checked = 0;
        for (String n : net.parameterNames()) {
            INDArray p = net.parameter(n);
            INDArray gn = g.get(n);
            // Up to 4 entries per array, spread over it, keeps the test to seconds.
            long stride = Math.max(1, p.length() / 4);
            for (long i = 0; i < p.length(); i += stride) {
                double v = p.getDouble(i);
                p.putScalar(i, v + EPS);
                double up = net.loss(x, ph).total();
                p.putScalar(i, v - EPS);
                double down = net.loss(x, ph).total();
                p.putScalar(i, v);
                double numeric = (up - down) / (2 * EPS);
                double analytic = gn.getDouble(i);
                double denom = Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-7);
                double rel = Math.abs(numeric - analytic) / denom;
                worst = Math.max(worst, rel);
                checked++;
            }
        }
        assertTrue(checked >= 2 * net.parameterNames().size(), "checked " + checked + " parameters");
        return worst;
    }

    private static INDArray input(SplittableRandom rnd, int n) {
        double[] v = new double[n * SIZE * SIZE];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble();
        }
        return Nd4j.create(v, new long[]{n, 1, SIZE, SIZE}, 'c');
    }

    /** A weak label with a few R pixels, a small F blob and a B frame, shifted by {@code d}. */
    private static PixelWeights weak(int d) {
        Mask.Builder r = Mask.builder(SIZE, SIZE), f = Mask.builder(SIZE, SIZE), b = Mask.builder(SIZE, SIZE);
        r.set(d + 1, 3).set(d + 2, 3);
        f.set(d + 1, 4).set(d + 2, 4).set(d + 1, 2);
        for (int i = 0; i < SIZE; i++) {
            b.set(i, 0).set(i, SIZE - 1);
        }
        return PixelWeights.weak(WeakLabel.of(r.build(), f.build(), b.build()));
    }

}
