package org.wsss.hnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.hnn.model.HnnConfig;

/** The fused Adam update against a plain-Java Adam in double precision, and its state round trip. */
class AdamTest {

    private static final HnnConfig TINY = HnnConfig.tiny(2, 4, 16);
    private static final double B1 = 0.9, B2 = 0.999, EPS = 1e-8;

    @Test
    void matchesAPlainAdamOverSeveralSteps() {
        try (HnnNetwork net = HnnNetwork.create(TINY, 3, DataType.DOUBLE); Adam adam = new Adam(B1, B2, EPS)) {
            Map<String, double[]> p = new LinkedHashMap<>(), m = new HashMap<>(), v = new HashMap<>();
            for (String n : net.parameterNames()) {
                p.put(n, net.parameter(n).dup().data().asDouble());
                m.put(n, new double[p.get(n).length]);
                v.put(n, new double[p.get(n).length]);
            }
            SplittableRandom rnd = new SplittableRandom(11);
            double[] lrs = {1e-2, 3e-3, 1e-3, 1e-3};
            for (int t = 1; t <= lrs.length; t++) {
                Map<String, INDArray> grads = new HashMap<>();
                for (String n : net.parameterNames()) {
                    double[] g = new double[p.get(n).length];
                    for (int i = 0; i < g.length; i++) {
                        g[i] = rnd.nextGaussian() * (i % 3 == 0 ? 1e-3 : 1.0);
                    }
                    grads.put(n, Nd4j.create(g, net.parameter(n).shape(), 'c'));
                    reference(p.get(n), m.get(n), v.get(n), g, lrs[t - 1], t);
                }
                adam.update(net, grads, lrs[t - 1]);
                grads.values().forEach(INDArray::close);
            }
            assertEquals(lrs.length, adam.steps());
            for (String n : net.parameterNames()) {
                double[] got = net.parameter(n).dup().data().asDouble();
                double[] want = p.get(n);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-12 + 1e-9 * Math.abs(want[i]), n + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void exportedStateResumesTheSameTrajectory() {
        try (HnnNetwork a = HnnNetwork.create(TINY, 5, DataType.DOUBLE);
             HnnNetwork b = HnnNetwork.create(TINY, 5, DataType.DOUBLE);
             Adam straight = new Adam(); Adam before = new Adam(); Adam resumed = new Adam()) {
            straight.update(a, gradients(a, 1), 1e-2);
            straight.update(a, gradients(a, 2), 1e-2);
            before.update(b, gradients(b, 1), 1e-2);
            resumed.importState(b, before.exportState(), before.steps());
            resumed.update(b, gradients(b, 2), 1e-2);
            for (String n : a.parameterNames()) {
                double[] x = a.parameter(n).dup().data().asDouble(), y = b.parameter(n).dup().data().asDouble();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 1e-6, n + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void rejectsAGradientOfTheWrongShapeOrABadLearningRate() {
        try (HnnNetwork net = HnnNetwork.create(TINY, 1, DataType.DOUBLE); Adam adam = new Adam()) {
            String name = net.parameterNames().get(0);
            Map<String, INDArray> bad = Map.of(name, Nd4j.zeros(DataType.DOUBLE, 2, 2));
            assertThrows(IllegalArgumentException.class, () -> adam.update(net, bad, 1e-3));
            assertThrows(IllegalArgumentException.class, () -> adam.update(net, gradients(net, 1), Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> adam.update(net, gradients(net, 1), 0));
        }
    }

    private static Map<String, INDArray> gradients(HnnNetwork net, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, INDArray> g = new HashMap<>();
        for (String n : net.parameterNames()) {
            INDArray p = net.parameter(n);
            double[] d = new double[(int) p.length()];
            for (int i = 0; i < d.length; i++) {
                d[i] = rnd.nextGaussian();
            }
            g.put(n, Nd4j.create(d, p.shape(), 'c'));
        }
        return g;
    }

    /** Kingma &amp; Ba's Algorithm 1 with the efficient bias correction of their Sec. 2. */
    private static void reference(double[] p, double[] m, double[] v, double[] g, double lr, int t) {
        double lrT = lr * Math.sqrt(1 - Math.pow(B2, t)) / (1 - Math.pow(B1, t));
        for (int i = 0; i < p.length; i++) {
            m[i] = B1 * m[i] + (1 - B1) * g[i];
            v[i] = B2 * v[i] + (1 - B2) * g[i] * g[i];
            p[i] -= lrT * m[i] / (Math.sqrt(v[i]) + EPS);
        }
    }
}
