package org.wsss.grabcut.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wsss.api.Mask;
import org.wsss.api.Roi;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.grabcut.internal.OpenCvGrabCut;

/** The GrabCut adapter: hard seeds kept, fallbacks documented in the provenance, bad ROIs rejected. */
class GrabCutRefinerTest {

    static final GrabCutRefiner REFINER = new GrabCutRefiner(GrabCutConfig.defaults());

    static Slice noisy(int w, int h) {
        SplittableRandom rnd = new SplittableRandom(9);
        float[] hu = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = Math.hypot(x - 20, y - 20) < 8;
                hu[y * w + x] = (float) ((in ? 160 : 10) + 15 * rnd.nextGaussian());
            }
        }
        return Slice.of(w, h, hu, VoxelSpacing.isotropic(0.7));
    }

    @Test
    void tinyRoiFallsBackToTheForegroundSeeds() {
        Slice s = noisy(40, 40);
        SeedMap seeds = SeedMap.builder(new Roi(10, 10, 2, 2)).fill(SeedLabel.BACKGROUND)
                .set(10, 10, SeedLabel.FOREGROUND).set(11, 11, SeedLabel.PROBABLE_FOREGROUND).build();
        Mask m = REFINER.refine(s, seeds, Window.DEFAULT);
        assertEquals(seeds.mask(40, 40, SeedLabel.FOREGROUND, SeedLabel.PROBABLE_FOREGROUND), m);
        assertTrue(m.provenance().notes().stream().anyMatch(n -> n.startsWith("fallback")),
                m.provenance().notes().toString());
        SeedMap.Builder thin = SeedMap.builder(new Roi(10, 5, 1, 30)).fill(SeedLabel.BACKGROUND);
        for (int y = 15; y < 25; y++) {
            thin.set(10, y, SeedLabel.FOREGROUND);
        }
        Mask t = REFINER.refine(s, thin.build(), Window.DEFAULT);
        assertEquals(10, t.count());
        assertTrue(t.provenance().notes().stream().anyMatch(n -> n.contains("fallback") && n.contains("too small")),
                t.provenance().notes().toString());
    }

    @Test
    void bareOpenCvThrowsWhereTheRefinerFallsBack() {
        // Why the refiner checks first: OpenCV itself rejects an empty class.
        byte[] gray = new byte[100];
        byte[] seeds = new byte[100];
        try (var img = OpenCvGrabCut.toBgr(gray, 10, 10); var mask = OpenCvGrabCut.toGcMask(seeds, 10, 10)) {
            assertThrows(RuntimeException.class, () -> OpenCvGrabCut.grabCut(img, mask, 1, 0));
        }
    }

    @Test
    void noForegroundSeedsFallBackToAnEmptyMask() {
        Slice s = noisy(40, 40);
        SeedMap seeds = SeedMap.builder(new Roi(5, 5, 30, 30)).fill(SeedLabel.BACKGROUND).build();
        Mask m = REFINER.refine(s, seeds, Window.DEFAULT);
        assertTrue(m.isEmpty());
        assertTrue(m.provenance().notes().stream().anyMatch(n -> n.contains("only 0 foreground")),
                m.provenance().notes().toString());
    }

    @Test
    void noBackgroundSeedsFallBackToTheSeeds() {
        Slice s = noisy(40, 40);
        SeedMap seeds = SeedMap.builder(new Roi(5, 5, 30, 30)).fill(SeedLabel.PROBABLE_FOREGROUND).build();
        Mask m = REFINER.refine(s, seeds, Window.DEFAULT);
        assertEquals(900, m.count());
        assertTrue(m.provenance().notes().stream().anyMatch(n -> n.contains("only 0 background")));
    }

    @Test
    void runsOnGoodSeedsKeepingTheHardOnes() {
        Slice s = noisy(40, 40);
        SeedMap.Builder b = SeedMap.builder(new Roi(4, 4, 32, 32)).fill(SeedLabel.BACKGROUND);
        for (int y = 8; y < 32; y++) {
            for (int x = 8; x < 32; x++) {
                b.set(x, y, SeedLabel.PROBABLE_BACKGROUND);
            }
        }
        for (int y = 12; y < 29; y++) {
            for (int x = 12; x < 29; x++) {
                b.set(x, y, SeedLabel.PROBABLE_FOREGROUND);
            }
        }
        b.set(20, 20, SeedLabel.FOREGROUND).set(19, 20, SeedLabel.FOREGROUND).set(21, 20, SeedLabel.FOREGROUND);
        SeedMap seeds = b.build();
        Mask m = REFINER.refine(s, seeds, Window.DEFAULT);
        assertTrue(m.provenance().notes().isEmpty(), m.provenance().notes().toString());
        assertEquals("grabcut", m.provenance().method());
        assertTrue(m.get(20, 20) && m.get(19, 20) && m.get(21, 20), "hard FG kept");
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                if (seeds.get(x, y) == SeedLabel.BACKGROUND) {
                    assertFalse(m.get(x, y), "hard BG pixel " + x + "," + y + " in the mask");
                }
            }
        }
        // The disk of radius 8 (201 px) is found, not the 17 x 17 PFG square (289 px).
        Mask disk = Mask.fromPredicate(40, 40, (x, y) -> Math.hypot(x - 20, y - 20) < 8);
        double dice = 2.0 * m.intersectionCount(disk) / (m.count() + disk.count());
        assertTrue(dice > 0.9, "Dice " + dice);
    }

    @Test
    void seedMapOutsideTheSliceIsRejected() {
        Slice s = noisy(40, 40);
        SeedMap seeds = SeedMap.builder(new Roi(30, 30, 20, 20)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> REFINER.refine(s, seeds, Window.DEFAULT));
        assertTrue(e.getMessage().contains("does not lie inside the 40x40 slice"), e.getMessage());
    }
}
