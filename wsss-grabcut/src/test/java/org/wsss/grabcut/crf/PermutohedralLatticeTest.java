package org.wsss.grabcut.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lattice against brute-force O(N²) Gaussian filtering (double precision) of a 24 × 24
 * noisy disk image. The lattice is an approximation; the kernel-weighted mean is compared with
 * tolerances: mean absolute error < 0.02, max absolute error < 0.06 (the signal is 0/1), and
 * relative L2 error (RMS error / RMS of the reference about its mean) < 8%. Measured: position
 * kernel σ = 3 px 4.1% relative (max 0.027), bilateral σxy = 5 px, σI = 20: 1.2% (max 0.012).
 */
class PermutohedralLatticeTest {

    /** Brute-force Σ_j exp(−|f_i − f_j|²/2) v_j / Σ_j exp(...) in double precision. */
    static double[] bruteNormalized(float[] f, int n, int d, float[] v) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double num = 0, den = 0;
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double t = f[i * d + k] - f[j * d + k];
                    s += t * t;
                }
                double w = Math.exp(-s / 2);
                num += w * v[j];
                den += w;
            }
            out[i] = num / den;
        }
        return out;
    }

    /** Features of a w×h gray image: (x/σxy, y/σxy[, I/σI]). */
    static float[] imageFeatures(float[] img, int w, int h, double sxy, double si, boolean bilateral) {
        int d = bilateral ? 3 : 2;
        float[] f = new float[w * h * d];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                f[i * d] = (float) (x / sxy);
                f[i * d + 1] = (float) (y / sxy);
                if (bilateral) {
                    f[i * d + 2] = (float) (img[i] / si);
                }
            }
        }
        return f;
    }

    /** Relative error |lattice − brute| / (max |brute| − min |brute|) stats: {mean, max}. */
    static double[] compare(boolean bilateral, double sxy, double si, long seed) {
        int w = 24, h = 24, n = w * h;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] img = new float[n];
        float[] v = new float[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean disk = (x - 12) * (x - 12) + (y - 11) * (y - 11) < 49;
                img[y * w + x] = (float) ((disk ? 180 : 60) + 15 * rnd.nextGaussian());
                v[y * w + x] = disk ? 1f : 0f;
                v[y * w + x] = (x + y) % 7 == 0 ? 1f - v[y * w + x] : v[y * w + x];
            }
        }
        int d = bilateral ? 3 : 2;
        float[] f = imageFeatures(img, w, h, sxy, si, bilateral);
        PermutohedralLattice lat = PermutohedralLattice.build(f, n, d);
        float[] out = new float[n];
        lat.filterNormalized(v, out, 1, new float[lat.scratchLength(1)], new float[lat.scratchLength(1)]);
        double[] ref = bruteNormalized(f, n, d, v);
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double r : ref) {
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        double mean = 0;
        for (double r : ref) {
            mean += r / n;
        }
        double sum = 0, max = 0, sumSq = 0, sumDiffSq = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.abs(out[i] - ref[i]);
            sum += e;
            max = Math.max(max, e);
            sumDiffSq += e * e;
            sumSq += (ref[i] - mean) * (ref[i] - mean);
        }
        double rel = Math.sqrt(sumDiffSq / n) / Math.max(1e-12, Math.sqrt(sumSq / n));
        return new double[] {sum / n, max, rel, hi - lo};
    }

    @Test
    void gaussianKernelMatchesBruteForce() {
        double[] s = compare(false, 3.0, 1.0, 1);
        System.out.printf("position kernel σ=3 px: mean abs err %.4f, max %.4f, rel L2 %.4f, ref range %.4f%n",
                s[0], s[1], s[2], s[3]);
        assertTrue(s[0] < 0.02, "mean abs error " + s[0]);
        assertTrue(s[1] < 0.06, "max abs error " + s[1]);
        assertTrue(s[2] < 0.08, "relative L2 error " + s[2]);
    }

    @Test
    void bilateralKernelMatchesBruteForce() {
        double[] s = compare(true, 5.0, 20.0, 2);
        System.out.printf("bilateral kernel σxy=5 px σI=20: mean abs err %.4f, max %.4f, rel L2 %.4f, ref range %.4f%n",
                s[0], s[1], s[2], s[3]);
        assertTrue(s[0] < 0.02, "mean abs error " + s[0]);
        assertTrue(s[1] < 0.06, "max abs error " + s[1]);
        assertTrue(s[2] < 0.08, "relative L2 error " + s[2]);
    }

    @Test
    void constantInputStaysConstant() {
        int n = 100;
        SplittableRandom rnd = new SplittableRandom(3);
        float[] f = new float[n * 3];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (rnd.nextDouble() * 4);
        }
        PermutohedralLattice lat = PermutohedralLattice.build(f, n, 3);
        float[] in = new float[n];
        java.util.Arrays.fill(in, 0.7f);
        float[] out = new float[n];
        lat.filterNormalized(in, out, 1, new float[lat.scratchLength(1)], new float[lat.scratchLength(1)]);
        for (float o : out) {
            assertEquals(0.7f, o, 1e-5f);
        }
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PermutohedralLattice.build(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("5 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PermutohedralLattice.build(new float[] {0, Float.NaN}, 1, 2));
    }
}
