package org.wsss.grabcut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.Mask;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Window;
import org.wsss.grabcut.crf.DenseCrfConfig;

/**
 * The DCRF method on lesions whose contrast is low for the window, as brain lesions under a
 * soft-tissue window are: the default, lesion-scaled appearance kernel must keep the lesion,
 * where the former fixed widths (θ_β = 10 gray levels, θ_α = 10 px) lose it; and a change of
 * contrast and brightness that keeps the ROI inside the window must not change the mask.
 */
class DenseCrfLowContrastTest {

    static final int W = 96, H = 96, CX = 47, CY = 45;

    /** Lesion {@code lesionHu} in tissue {@code tissueHu}, white noise {@code noiseHu}; semi-axes a × b px. */
    static float[] hu(double tissueHu, double lesionHu, double noiseHu, int a, int b, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean in = SyntheticSlices.inEllipse(x, y, CX, CY, a, b);
                v[y * W + x] = (float) ((in ? lesionHu : tissueHu) + noiseHu * rnd.nextGaussian());
            }
        }
        return v;
    }

    static InitialMaskMethod dcrf(DenseCrfConfig c) {
        return InitialMaskMethod.of("dcrf", SeedGenerators.boxI(), MaskRefiners.denseCrf(c));
    }

    static double dice(float[] hu, int a, int b, DenseCrfConfig c) {
        Slice s = Slice.of(W, H, hu, SyntheticSlices.SPACING);
        Mask m = dcrf(c).segment(s, SyntheticSlices.recist(CX, CY, a, b), Window.DEFAULT);
        return SyntheticSlices.dice(m, SyntheticSlices.truth(W, H, CX, CY, a, b));
    }

    @Test
    void keepsALowContrastLesionThatFixedWidthsLose() {
        // A hypo-attenuating brain lesion: 20 HU below 35 HU tissue, 5 HU noise (11 and 3 gray levels).
        int[][] axes = {{18, 12}, {12, 8}, {8, 6}};
        for (int[] ax : axes) {
            float[] v = hu(35, 15, 5, ax[0], ax[1], 7);
            double adaptive = dice(v, ax[0], ax[1], DenseCrfConfig.defaults());
            double fixed = dice(v, ax[0], ax[1], DenseCrfConfig.fixedDefaults());
            System.out.printf("low-contrast %dx%d px lesion: DCRF Dice %.3f (fixed widths %.3f)%n", 2 * ax[0],
                    2 * ax[1], adaptive, fixed);
            assertTrue(adaptive > 0.8, "lesion-scaled DCRF Dice " + adaptive + " on the " + ax[0] + "x" + ax[1] + " lesion");
            assertTrue(fixed < 0.6, "fixed-width DCRF Dice " + fixed + ": the slice no longer tells the two apart");
        }
    }

    @Test
    void stillSegmentsAHighContrastLesion() {
        float[] v = hu(20, 150, 18, 18, 12, 11);
        double adaptive = dice(v, 18, 12, DenseCrfConfig.defaults());
        assertTrue(adaptive > 0.85, "DCRF Dice " + adaptive + " on a 130 HU lesion");
    }

    /**
     * HU → a·HU + b with the window fixed: as long as the ROI stays inside the window the
     * windowed gray levels move by an affine map, and the lesion-scaled widths follow it. The
     * same change moves a fixed-width CRF's mask, which shows the check can fail.
     */
    @Test
    void maskIsUnchangedByContrastAndBrightnessInsideTheWindow() {
        int a0 = 12, b0 = 8;
        float[] base = hu(35, 15, 5, a0, b0, 3);
        Recist r = SyntheticSlices.recist(CX, CY, a0, b0);
        Mask ref = dcrf(DenseCrfConfig.defaults()).segment(Slice.of(W, H, base, SyntheticSlices.SPACING), r,
                Window.DEFAULT);
        Mask refFixed = dcrf(DenseCrfConfig.fixedDefaults()).segment(Slice.of(W, H, base, SyntheticSlices.SPACING), r,
                Window.DEFAULT);
        SplittableRandom rnd = new SplittableRandom(2018);
        int fixedMoved = 0;
        for (int k = 0; k < 12; k++) {
            double a = Math.exp(rnd.nextDouble(Math.log(0.5), Math.log(2.5)));
            double b = rnd.nextDouble(-60, 60);
            float[] v = new float[base.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (a * base[i] + b);
                // Inside the window: no clipping, so the affine map reaches the gray levels intact.
                assertTrue(v[i] > Window.DEFAULT.lower() && v[i] < Window.DEFAULT.upper(), "HU " + v[i]);
            }
            Slice s = Slice.of(W, H, v, SyntheticSlices.SPACING);
            Mask m = dcrf(DenseCrfConfig.defaults()).segment(s, r, Window.DEFAULT);
            int differ = m.count() + ref.count() - 2 * m.intersectionCount(ref);
            assertTrue(differ <= 2, "a=" + a + ", b=" + b + ": " + differ + " pixels differ from the unscaled mask ("
                    + ref.count() + " px)");
            Mask f = dcrf(DenseCrfConfig.fixedDefaults()).segment(s, r, Window.DEFAULT);
            if (f.count() + refFixed.count() - 2 * f.intersectionCount(refFixed) > 0.05 * refFixed.count()) {
                fixedMoved++;
            }
        }
        assertTrue(fixedMoved > 0, "the fixed-width CRF never moved: the check cannot tell the rules apart");
        assertEquals(ref, dcrf(DenseCrfConfig.defaults()).segment(Slice.of(W, H, base, SyntheticSlices.SPACING), r,
                Window.DEFAULT));
    }
}
