package org.wsss.grabcut.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mean-field inference: normalised marginals, and on a noisy disk a large gain in Dice over
 * the noisy unary alone (stated threshold: +0.15 absolute; see the printed figures).
 */
class DenseCrfTest {

    static final int W = 64, H = 64, N = W * H;

    /** The disk's diameter (px) and the gray-level noise σ of {@link #crf}, for the appearance kernel's widths. */
    static final double DISK_DIAMETER = 32, GRAY_NOISE = 20;

    static boolean inDisk(int x, int y) {
        return Math.hypot(x - 31.5, y - 30.5) < 16;
    }

    /** Unary of a noisy labelling: each pixel's lesion probability 0.6 on the disk, 0.4 off it, 35% flipped. */
    static float[] noisyUnary(SplittableRandom rnd) {
        float[] u = new float[2 * N];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean fg = inDisk(x, y) ^ (rnd.nextDouble() < 0.35);
                double p = fg ? 0.6 : 0.4;
                int i = y * W + x;
                u[2 * i] = (float) -Math.log(1 - p);
                u[2 * i + 1] = (float) -Math.log(p);
            }
        }
        return u;
    }

    static DenseCrf crf(SplittableRandom rnd, DenseCrfConfig c) {
        float[] pos = new float[2 * N], bil = new float[3 * N];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                double gray = (inDisk(x, y) ? 170 : 90) + 20 * rnd.nextGaussian();
                pos[2 * i] = (float) (x / c.gaussianSigmaPx());
                pos[2 * i + 1] = (float) (y / c.gaussianSigmaPx());
                bil[3 * i] = (float) (x / c.appearanceSigmaPx(DISK_DIAMETER));
                bil[3 * i + 1] = (float) (y / c.appearanceSigmaPx(DISK_DIAMETER));
                bil[3 * i + 2] = (float) (gray / c.appearanceSigmaGray(GRAY_NOISE));
            }
        }
        return new DenseCrf(N, 2, noisyUnary(rnd)).addKernel(pos, 2, c.gaussianWeight())
                .addKernel(bil, 3, c.bilateralWeight());
    }

    static double dice(float[] q) {
        int inter = 0, a = 0, b = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                boolean m = q[2 * i + 1] > q[2 * i], t = inDisk(x, y);
                inter += m && t ? 1 : 0;
                a += m ? 1 : 0;
                b += t ? 1 : 0;
            }
        }
        return 2.0 * inter / (a + b);
    }

    @Test
    void marginalsSumToOne() {
        float[] q = crf(new SplittableRandom(1), DenseCrfConfig.defaults()).inference(5);
        for (int i = 0; i < N; i++) {
            assertEquals(1.0, q[2 * i] + q[2 * i + 1], 1e-5, "pixel " + i);
            assertTrue(q[2 * i] >= 0 && q[2 * i + 1] >= 0);
        }
    }

    @Test
    void raisesDiceOfANoisyUnaryOnADisk() {
        DenseCrf c = crf(new SplittableRandom(2), DenseCrfConfig.defaults());
        double before = dice(c.unaryMarginals());
        double after = dice(c.inference(5));
        System.out.printf("noisy disk: Dice of the unary %.3f, after 5 mean-field iterations %.3f%n", before, after);
        assertTrue(after >= before + 0.15, "Dice " + before + " -> " + after);
        assertTrue(after > 0.9, "Dice after " + after);
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DenseCrf(4, 2, new float[7]));
        assertTrue(e.getMessage().contains("7 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DenseCrf(1, 2, new float[] {0, Float.NaN}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DenseCrfConfig.defaults().withIterations(0));
        assertTrue(e.getMessage().contains("iterations") && e.getMessage().contains("0"), e.getMessage());
    }
}
