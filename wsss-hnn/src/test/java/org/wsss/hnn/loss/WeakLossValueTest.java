package org.wsss.hnn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.api.Mask;
import org.wsss.api.WeakLabel;
import org.wsss.hnn.internal.WeakLoss;

/** Loss values of Eq. 2–3 computed by hand on 2×2 images. */
class WeakLossValueTest {

    /** Runs the loss graph on given logits (one 2×2 image per entry). */
    private static Map<String, Double> run(double[][] logits, List<PixelWeights> w, double alpha, double beta) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.placeHolder("z", DataType.DOUBLE, -1, 1, 2, 2);
        WeakLoss.attach(sd, List.of(z), DataType.DOUBLE, 2);
        double[] flat = new double[logits.length * 4];
        for (int i = 0; i < logits.length; i++) {
            System.arraycopy(logits[i], 0, flat, i * 4, 4);
        }
        Map<String, INDArray> ph = new HashMap<>(WeakLoss.placeholders(w, alpha, beta, DataType.DOUBLE, 2));
        ph.put("z", Nd4j.create(flat, new long[]{logits.length, 1, 2, 2}, 'c'));
        Map<String, INDArray> out = sd.output(ph, WeakLoss.TOTAL, WeakLoss.PART_R, WeakLoss.PART_F, WeakLoss.PART_B);
        Map<String, Double> m = new HashMap<>();
        out.forEach((k, v) -> m.put(k, v.getDouble(0)));
        return m;
    }

    private static Mask mask(int... idx) {
        boolean[] v = new boolean[4];
        for (int i : idx) {
            v[i] = true;
        }
        return Mask.of(2, 2, v);
    }

    private static double sig(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void threePartsByHand() {
        // pixel 0 in R, pixels 1 and 2 in F, pixel 3 in B
        PixelWeights w = PixelWeights.weak(WeakLabel.of(mask(0), mask(1, 2), mask(3)));
        double[] z = {0.5, -1.0, 2.0, 0.25};
        Map<String, Double> m = run(new double[][]{z}, List.of(w), 0.3, 0.7);
        double lr = -Math.log(sig(0.5));
        double lf = (-Math.log(sig(-1.0)) - Math.log(sig(2.0))) / 2;
        double lb = -Math.log(1 - sig(0.25));
        assertEquals(lr, m.get(WeakLoss.PART_R), 1e-12);
        assertEquals(lf, m.get(WeakLoss.PART_F), 1e-12);
        assertEquals(lb, m.get(WeakLoss.PART_B), 1e-12);
        assertEquals(lr + 0.3 * lf + 0.7 * lb, m.get(WeakLoss.TOTAL), 1e-12);
    }

    @Test
    void emptySetsContributeZeroAndBatchIsAveraged() {
        PixelWeights onlyB = PixelWeights.weak(WeakLabel.of(mask(), mask(), mask(0, 1)));
        PixelWeights onlyR = PixelWeights.weak(WeakLabel.of(mask(2), mask(), mask()));
        double[] z1 = {1.0, -2.0, 0, 0};
        double[] z2 = {0, 0, -0.5, 3};
        Map<String, Double> m = run(new double[][]{z1, z2}, List.of(onlyB, onlyR), 1, 1);
        double lb = (-Math.log(1 - sig(1.0)) - Math.log(1 - sig(-2.0))) / 2 / 2;  // image 1's mean over B, / N
        double lr = -Math.log(sig(-0.5)) / 2;
        assertEquals(0.0, m.get(WeakLoss.PART_F), 0.0);
        assertEquals(lb, m.get(WeakLoss.PART_B), 1e-12);
        assertEquals(lr, m.get(WeakLoss.PART_R), 1e-12);
        assertEquals(lr + lb, m.get(WeakLoss.TOTAL), 1e-12);
    }

    @Test
    void allSetsEmptyGivesZero() {
        PixelWeights none = PixelWeights.weak(WeakLabel.of(mask(), mask(), mask()));
        Map<String, Double> m = run(new double[][]{{1, 2, 3, 4}}, List.of(none), 1, 1);
        assertEquals(0.0, m.get(WeakLoss.TOTAL), 0.0);
    }

    @Test
    void extremeLogitsStayFinite() {
        PixelWeights w = PixelWeights.weak(WeakLabel.of(mask(0), mask(1), mask(2, 3)));
        Map<String, Double> m = run(new double[][]{{-200, -150, 180, 300}}, List.of(w), 1, 1);
        assertEquals(200, m.get(WeakLoss.PART_R), 1e-9);
        assertEquals(150, m.get(WeakLoss.PART_F), 1e-9);
        assertEquals((180 + 300) / 2.0, m.get(WeakLoss.PART_B), 1e-9);
    }

    @Test
    void supervisedIsClassBalancedCrossEntropy() {
        PixelWeights w = PixelWeights.supervised(mask(0));   // |Y+| = 1, |Y-| = 3
        double[] z = {0.2, -0.3, 0.4, -1.5};
        Map<String, Double> m = run(new double[][]{z}, List.of(w), 1, 1);
        // HED: -beta sum_{Y+} log p - (1-beta) sum_{Y-} log(1-p), beta = |Y-|/|Y| = 3/4, divided by |Y+||Y-|/|Y| = 3/4
        double hed = -0.75 * Math.log(sig(0.2))
                - 0.25 * (Math.log(1 - sig(-0.3)) + Math.log(1 - sig(0.4)) + Math.log(1 - sig(-1.5)));
        assertEquals(hed / 0.75, m.get(WeakLoss.TOTAL), 1e-6);   // weights are float32
        assertEquals(0.0, m.get(WeakLoss.PART_R), 0.0);
    }

    @Test
    void badWeightsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PixelWeights(2, 2, new float[4], new float[4], new float[3]));
        assertThrows(IllegalArgumentException.class,
                () -> new PixelWeights(2, 2, new float[]{Float.NaN, 0, 0, 0}, new float[4], new float[4]));
        PixelWeights w = PixelWeights.weak(WeakLabel.of(mask(0), mask(), mask()));
        assertThrows(IllegalArgumentException.class, () -> WeakLoss.placeholders(List.of(w), 1, 1, DataType.FLOAT, 3));
    }

    @Test
    void scheduleRampsToEndValues() {
        AlphaBetaSchedule s = new AlphaBetaSchedule(0.1, 1, 0.2, 1, 4);
        assertEquals(0.1, s.alpha(0), 1e-12);
        assertEquals(0.55, s.alpha(2), 1e-12);
        assertEquals(1.0, s.alpha(4), 1e-12);
        assertEquals(1.0, s.beta(10), 1e-12);
        assertTrue(s.beta(1) > 0.2 && s.beta(1) < 1);
        assertThrows(IllegalArgumentException.class, () -> new AlphaBetaSchedule(-1, 1, 0, 1, 2));
    }
}
