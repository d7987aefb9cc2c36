package org.wsss.grabcut.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wsss.api.SeedLabel;

/** The measurements behind the lesion-scaled appearance kernel, and the config's width rule. */
class DenseCrfRefinerTest {

    @Test
    void noiseSigmaRecoversWhiteNoiseAndIgnoresAnEdge() {
        int w = 80, h = 60;
        float[] img = new float[w * h];
        SplittableRandom rnd = new SplittableRandom(4);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // A step of 100 gray levels down the middle: edge pairs are too few to move the median.
                img[y * w + x] = (float) ((x < w / 2 ? 60 : 160) + 7 * rnd.nextGaussian());
            }
        }
        double s = DenseCrfRefiner.noiseSigma(img, w, h);
        assertEquals(7, s, 0.5, "robust noise sigma");
        assertEquals(0, DenseCrfRefiner.noiseSigma(new float[] {3}, 1, 1), 0.0);
        assertEquals(0, DenseCrfRefiner.noiseSigma(new float[12], 4, 3), 0.0);
    }

    @Test
    void lesionSizeIsTheShortSideOfTheForegroundSeeds() {
        int w = 10, h = 8;
        byte[] o = new byte[w * h];
        for (int y = 2; y < 5; y++) {
            for (int x = 1; x < 8; x++) {
                o[y * w + x] = (byte) (x == 4 ? SeedLabel.FOREGROUND.ordinal() : SeedLabel.PROBABLE_FOREGROUND.ordinal());
            }
        }
        assertEquals(3, DenseCrfRefiner.lesionSizePx(o, w, h));
        assertEquals(0, DenseCrfRefiner.lesionSizePx(new byte[w * h], w, h));
    }

    @Test
    void widthsAreTheFixedPartPlusTheScaledPartWithFloors() {
        DenseCrfConfig d = DenseCrfConfig.defaults();
        assertEquals(0.15 * 40, d.appearanceSigmaPx(40), 1e-12);
        assertEquals(DenseCrfConfig.MIN_SIGMA_PX, d.appearanceSigmaPx(2), 0.0);
        assertEquals(6.5, d.appearanceSigmaGray(6.5), 1e-12);
        assertEquals(DenseCrfConfig.MIN_SIGMA_GRAY, d.appearanceSigmaGray(0), 0.0);
        DenseCrfConfig f = DenseCrfConfig.fixedDefaults();
        assertEquals(10, f.appearanceSigmaPx(40), 0.0);
        assertEquals(10, f.appearanceSigmaGray(3), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DenseCrfConfig(5, 3, 3, 10, 0, 0, 0, 1, 0.9, 0.6, 0.4, 0.1));
        assertTrue(e.getMessage().contains("bilateralSigmaSizeFraction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new DenseCrfConfig(5, 3, 3, 10, 0, 0.1, 0, 0, 0.9, 0.6, 0.4, 0.1));
        assertTrue(e.getMessage().contains("bilateralSigmaNoiseMultiple"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.appearanceSigmaGray(Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
