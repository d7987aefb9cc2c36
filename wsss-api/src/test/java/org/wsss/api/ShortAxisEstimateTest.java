package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The short axis estimated from a long axis alone, on synthetic ellipses with a known answer. */
class ShortAxisEstimateTest {

    /** An ellipse of semi-axes a (x) and b (y) px at 60 HU on −100 HU, noise σ 10 HU, seeded. */
    private static Slice ellipse(int size, double a, double b, VoxelSpacing s, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] hu = new float[size * size];
        double c = (size - 1) / 2.0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double e = (x - c) * (x - c) / (a * a) + (y - c) * (y - c) / (b * b);
                hu[y * size + x] = (float) ((e <= 1 ? 60 : -100) + 10 * r.nextGaussian());
            }
        }
        return Slice.of(size, size, hu, s);
    }

    @Test
    void findsTheShortAxisOfAnEllipse() {
        VoxelSpacing s = new VoxelSpacing(0.8, 0.8, 2.5);
        for (double b : new double[] {5, 8, 11}) {
            Slice sl = ellipse(64, 14, b, s, 7);
            double c = 31.5;
            Recist r = ShortAxisEstimate.complete(sl, Axis.of(c - 14, c, c + 14, c), 3);
            assertEquals(2 * b, r.shortLengthPx(), 2.5, "semi-axis " + b);
            assertEquals(90, r.longAxis().angleDegreesTo(r.shortAxis(), s), 1e-6);
            assertEquals(3, r.sliceIndex());
            r.validate(64, 64, s);
        }
    }

    @Test
    void eitherEndFirstGivesTheSameMark() {
        VoxelSpacing s = new VoxelSpacing(0.7, 0.9, 5);
        Slice sl = ellipse(64, 12, 7, s, 11);
        Recist a = ShortAxisEstimate.complete(sl, Axis.of(20, 25, 43, 38), 0);
        Recist b = ShortAxisEstimate.complete(sl, Axis.of(43, 38, 20, 25), 0);
        assertEquals(a, b);
    }

    @Test
    void aFeaturelessImageGivesTheLargestRatio() {
        VoxelSpacing s = new VoxelSpacing(1, 1, 1);
        Slice flat = Slice.of(40, 40, new float[1600], s);
        Recist r = ShortAxisEstimate.complete(flat, Axis.of(10, 20, 30, 20), 0);
        assertEquals(0.95 * 20, r.shortLengthPx(), 1e-6);
    }

    @Test
    void badInputIsRefused() {
        Slice flat = Slice.of(40, 40, new float[1600], new VoxelSpacing(1, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShortAxisEstimate.complete(flat, Axis.of(10, 20, 45, 20), 0));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShortAxisEstimate.complete(flat, Axis.of(10, 20, 10.1, 20),
                0));
        assertThrows(IllegalArgumentException.class, () -> new ShortAxisEstimate.Config(2, 40, 2, 0.5, 0.4, 0.45));
    }
}
