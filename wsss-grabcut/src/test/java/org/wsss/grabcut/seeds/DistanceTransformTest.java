package org.wsss.grabcut.seeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wsss.api.SeedLabel;
import org.wsss.api.VoxelSpacing;

/** The separable distance transform and the PFG / PBG split against brute force, anisotropic spacing. */
class DistanceTransformTest {

    static double brute(boolean[] seed, int w, int h, double sx, double sy, int x, int y) {
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                if (seed[j * w + i]) {
                    double dx = (i - x) * sx, dy = (j - y) * sy;
                    best = Math.min(best, dx * dx + dy * dy);
                }
            }
        }
        return best;
    }

    @Test
    void matchesBruteForceOnRandomSeeds() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int trial = 0; trial < 20; trial++) {
            int w = 5 + rnd.nextInt(30), h = 5 + rnd.nextInt(30);
            double sx = 0.3 + rnd.nextDouble(), sy = 0.3 + rnd.nextDouble();
            boolean[] seed = new boolean[w * h];
            double density = trial % 4 == 0 ? 0.005 : 0.05;
            for (int i = 0; i < seed.length; i++) {
                seed[i] = rnd.nextDouble() < density;
            }
            double[] d = DistanceTransform.squaredMm(seed, w, h, sx, sy);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double b = brute(seed, w, h, sx, sy, x, y);
                    if (Double.isInfinite(b)) {
                        assertTrue(Double.isInfinite(d[y * w + x]));
                    } else {
                        assertEquals(b, d[y * w + x], 1e-9 * (1 + b), "trial " + trial + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void uncertainPixelsGoToTheNearerSeedInMm() {
        SplittableRandom rnd = new SplittableRandom(7);
        int w = 31, h = 23;
        VoxelSpacing sp = new VoxelSpacing(0.6, 1.1, 5);
        boolean[] fg = new boolean[w * h], bg = new boolean[w * h];
        for (int i = 0; i < fg.length; i++) {
            double u = rnd.nextDouble();
            fg[i] = u < 0.03;
            bg[i] = u > 0.96;
        }
        byte[] l = SeedGeometry.labelUncertain(fg, bg, w, h, sp);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                SeedLabel got = SeedLabel.ofOrdinal(l[i]);
                SeedLabel want = fg[i] ? SeedLabel.FOREGROUND : bg[i] ? SeedLabel.BACKGROUND
                        : brute(fg, w, h, sp.x(), sp.y(), x, y) <= brute(bg, w, h, sp.x(), sp.y(), x, y)
                                ? SeedLabel.PROBABLE_FOREGROUND : SeedLabel.PROBABLE_BACKGROUND;
                assertEquals(want, got, "pixel " + x + "," + y);
            }
        }
    }
}
