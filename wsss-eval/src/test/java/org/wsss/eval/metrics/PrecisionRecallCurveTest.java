package org.wsss.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wsss.api.Mask3D;
import org.wsss.api.VoxelSpacing;

class PrecisionRecallCurveTest {

    private static final VoxelSpacing ISO = VoxelSpacing.isotropic(1);

    @Test
    void handComputedTwoLesions() {
        // Lesion 1: 4 voxels in a row; p = 0.9, 0.5, 0.4, 0.1; truth = 1, 1, 0, 1.
        Mask3D t1 = Mask3D.of(4, 1, 1, ISO, new boolean[] {true, true, false, true});
        float[] p1 = {0.9f, 0.5f, 0.4f, 0.1f};
        // Lesion 2: 2 voxels over 2 slices; p = 0.7, 0.0; truth = 0, 1.
        Mask3D t2 = Mask3D.of(1, 1, 2, ISO, new boolean[] {false, true});
        float[] p2 = {0.7f, 0.0f};
        PrecisionRecallCurve c = Metrics.precisionRecallCurve(0.0, 0.5, 0.95).add(p1, t1).add(p2, t2).build();
        assertEquals(3, c.size());
        // t = 0: every voxel predicted. Lesion 1: tp 3, fp 1; lesion 2: tp 1, fp 1.
        assertEquals(new Overlap(4, 2, 0), c.counts(0));
        // t = 0.5 (p = 0.5 counts): lesion 1: tp 2 (0.9, 0.5), fn 1; lesion 2: fp 1 (0.7), fn 1.
        assertEquals(new Overlap(2, 1, 2), c.counts(1));
        assertEquals(2.0 / 3.0, c.precision(1), 1e-12);
        assertEquals(0.5, c.recall(1), 1e-12);
        assertEquals(4.0 / 7.0, c.f1(1), 1e-12);
        // t = 0.95: nothing predicted, precision vacuously 1.
        assertEquals(new Overlap(0, 0, 4), c.counts(2));
        assertEquals(1.0, c.precision(2));
        assertEquals(0.0, c.recall(2));
        // F1: t=0 8/(8+2)=0.8, t=0.5 4/7, t=0.95 0.
        assertEquals(0, c.bestF1Index());
        assertEquals(0.8, c.f1(0), 1e-12);
    }

    @Test
    void mergingPerLesionAccumulatorsGivesTheCountsOfOneAccumulator() {
        SplittableRandom r = new SplittableRandom(7);
        double[] th = Metrics.uniformThresholds(11);
        PrecisionRecallCurve.Accumulator one = Metrics.precisionRecallCurve(th);
        PrecisionRecallCurve.Accumulator merged = Metrics.precisionRecallCurve(th);
        for (int l = 0; l < 5; l++) {
            int w = 1 + r.nextInt(9), h = 1 + r.nextInt(7), d = 1 + r.nextInt(4);
            boolean[] truth = new boolean[w * h * d];
            float[] p = new float[truth.length];
            for (int i = 0; i < p.length; i++) {
                truth[i] = r.nextDouble() < 0.4;
                p[i] = (float) r.nextDouble();
            }
            Mask3D t = Mask3D.of(w, h, d, ISO, truth);
            one.add(p, t);
            merged.merge(Metrics.precisionRecallCurve(th).add(p, t));
        }
        assertEquals(5, merged.lesions());
        PrecisionRecallCurve a = one.build(), b = merged.build();
        for (int i = 0; i < th.length; i++) {
            assertEquals(a.counts(i), b.counts(i), "threshold " + th[i]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> merged.merge(Metrics.precisionRecallCurve(0.5)));
        assertTrue(e.getMessage().contains("different thresholds"), e.getMessage());
    }

    @Test
    void matchesBruteForcePerThresholdOnRandomData() {
        SplittableRandom r = new SplittableRandom(20180916L);
        for (int trial = 0; trial < 20; trial++) {
            int m = 1 + r.nextInt(30);
            double[] thresholds = randomThresholds(r, m);
            PrecisionRecallCurve.Accumulator acc = Metrics.precisionRecallCurve(thresholds);
            List<float[]> ps = new ArrayList<>();
            List<Mask3D> ts = new ArrayList<>();
            int lesions = 1 + r.nextInt(4);
            for (int l = 0; l < lesions; l++) {
                int w = 1 + r.nextInt(23), h = 1 + r.nextInt(9), d = 1 + r.nextInt(5);
                boolean[] truth = new boolean[w * h * d];
                float[] p = new float[truth.length];
                for (int i = 0; i < p.length; i++) {
                    truth[i] = r.nextDouble() < 0.4;
                    // Some probabilities sit exactly on a threshold, some on 0 or 1.
                    int kind = r.nextInt(4);
                    p[i] = kind == 0 ? (float) thresholds[r.nextInt(m)]
                            : kind == 1 ? (r.nextBoolean() ? 0f : 1f)
                            : (float) Math.min(1.0, Math.max(0.0, (truth[i] ? 0.3 : 0.0) + 0.7 * r.nextDouble()));
                }
                Mask3D t = Mask3D.of(w, h, d, ISO, truth);
                acc.add(p, t);
                ps.add(p);
                ts.add(t);
            }
            PrecisionRecallCurve c = acc.build();
            assertEquals(lesions, acc.lesions());
            for (int i = 0; i < m; i++) {
                long tp = 0, fp = 0, fn = 0;
                for (int l = 0; l < lesions; l++) {
                    boolean[] truth = ts.get(l).toArray();
                    float[] p = ps.get(l);
                    for (int v = 0; v < p.length; v++) {
                        boolean pred = p[v] >= thresholds[i];
                        if (pred && truth[v]) {
                            tp++;
                        } else if (pred) {
                            fp++;
                        } else if (truth[v]) {
                            fn++;
                        }
                    }
                }
                assertEquals(new Overlap(tp, fp, fn), c.counts(i), "trial " + trial + ", threshold " + i);
            }
        }
    }

    @Test
    void recallFallsAsThresholdRises() {
        SplittableRandom r = new SplittableRandom(7);
        boolean[] truth = new boolean[500];
        float[] p = new float[500];
        for (int i = 0; i < p.length; i++) {
            truth[i] = r.nextBoolean();
            p[i] = (float) r.nextDouble();
        }
        PrecisionRecallCurve c = Metrics.precisionRecallCurve(Metrics.uniformThresholds(21))
                .add(p, Mask3D.of(10, 10, 5, ISO, truth)).build();
        for (int i = 1; i < c.size(); i++) {
            assertTrue(c.recall(i) <= c.recall(i - 1));
            assertTrue(c.counts(i).predicted() <= c.counts(i - 1).predicted());
            assertEquals(c.counts(i).actual(), c.counts(0).actual());
        }
        assertEquals(1.0, c.recall(0)); // threshold 0 predicts every voxel
    }

    @Test
    void noLesionsGivesEmptyCounts() {
        PrecisionRecallCurve c = Metrics.precisionRecallCurve(0.5).build();
        assertEquals(Overlap.ZERO, c.counts(0));
    }

    @Test
    void badThresholdsAreRejected() {
        assertThrows(IllegalArgumentException.class, Metrics::precisionRecallCurve);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.precisionRecallCurve(0.2, 0.5, 0.5));
        assertTrue(e.getMessage().contains("threshold 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.precisionRecallCurve(0.5, 0.2));
        assertThrows(IllegalArgumentException.class, () -> Metrics.precisionRecallCurve(0.2, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Metrics.precisionRecallCurve(-0.1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> Metrics.precisionRecallCurve(0.2, 1.5));
    }

    @Test
    void badProbabilitiesAreRejectedAndNotAdded() {
        Mask3D t = Mask3D.of(2, 1, 2, ISO, new boolean[] {true, false, false, true});
        PrecisionRecallCurve.Accumulator acc = Metrics.precisionRecallCurve(0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> acc.add(new float[] {0.1f, 0.2f, Float.NaN, 0.4f}, t));
        assertTrue(e.getMessage().contains("(0, 0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> acc.add(new float[] {0.1f, 1.2f, 0.3f, 0.4f}, t));
        assertThrows(IllegalArgumentException.class, () -> acc.add(new float[] {0.1f, 0.2f, 0.3f}, t));
        assertEquals(0, acc.lesions());
        assertEquals(Overlap.ZERO, acc.build().counts(0));
    }

    private static double[] randomThresholds(SplittableRandom r, int m) {
        double[] t = new double[m];
        double step = 1.0 / (m + 1);
        for (int i = 0; i < m; i++) {
            t[i] = (i + r.nextDouble()) * step; // strictly increasing inside (0, 1)
        }
        if (r.nextBoolean()) {
            t[0] = 0.0;
        }
        return t;
    }
}
