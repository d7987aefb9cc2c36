package org.wsss.hnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** Pixels whose true lesion odds are the raw odds divided by {@code prior} (a class-weighting shift). */
    private static void shifted(double prior, float[] p, byte[] label, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < p.length; i++) {
            double z = rnd.nextDouble(-6, 6);
            p[i] = (float) (1 / (1 + Math.exp(-z)));
            double trueP = 1 / (1 + Math.exp(-(z - Math.log(prior))));
            label[i] = (byte) (rnd.nextDouble() < trueP ? 1 : 0);
        }
    }

    @Test
    void recoversAPriorShiftOnTheLogit() {
        float[] p = new float[200_000];
        byte[] label = new byte[p.length];
        shifted(5, p, label, 1);
        Calibration c = Calibration.fit(p, label);
        assertEquals(1.0, c.scale(), 0.03);
        assertEquals(-Math.log(5), c.offset(), 0.05);
        // A raw 0.5 means odds 1:5 after calibration.
        assertEquals(1 / 6.0, c.apply(0.5f), 0.01);
    }

    @Test
    void fitIsTheMinimumOfTheLossAgainstAGrid() {
        float[] p = new float[20_000];
        byte[] label = new byte[p.length];
        shifted(3, p, label, 2);
        for (int i = 0; i < p.length; i += 7) {
            label[i] = -1;      // ignored pixels
        }
        Calibration c = Calibration.fit(p, label);
        double best = Calibration.loss(p, label, c.scale(), c.offset());
        for (double da = -0.2; da <= 0.2; da += 0.05) {
            for (double db = -0.2; db <= 0.2; db += 0.05) {
                assertTrue(Calibration.loss(p, label, c.scale() + da, c.offset() + db) >= best - 1e-6,
                        "grid point (" + da + ", " + db + ") beats the fit");
            }
        }
    }

    @Test
    void calibratedMapsKeepTheOrderOfPixels() {
        Calibration c = new Calibration(0.7, -1.3);
        float prev = -1;
        for (int i = 0; i <= 1000; i++) {
            float q = c.apply(i / 1000f);
            assertTrue(q >= prev && q >= 0 && q <= 1, "at " + i);
            prev = q;
        }
    }

    @Test
    void oneClassOrNoLabelsGiveTheIdentity() {
        float[] p = {0.2f, 0.9f, 0.4f};
        assertTrue(Calibration.fit(p, new byte[]{1, 1, -1}).isIdentity());
        assertTrue(Calibration.fit(p, new byte[]{-1, -1, -1}).isIdentity());
        assertEquals(0.9f, Calibration.identity().apply(0.9f));
    }

    @Test
    void separableDataStayWithinBounds() {
        float[] p = {0.1f, 0.2f, 0.8f, 0.9f};
        Calibration c = Calibration.fit(p, new byte[]{0, 0, 1, 1});
        assertTrue(c.scale() <= Calibration.MAX_SCALE && Double.isFinite(c.offset()));
        assertTrue(c.apply(0.9f) > 0.99f && c.apply(0.1f) < 0.01f);
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.fit(new float[]{0.5f, Float.NaN}, new byte[]{0, 1}));
        assertTrue(e.getMessage().contains("p[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Calibration.fit(new float[2], new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> Calibration.fit(new float[1], new byte[]{2}));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(1, Double.NaN));
    }
}
