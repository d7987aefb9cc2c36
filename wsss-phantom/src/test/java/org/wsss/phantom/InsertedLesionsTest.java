package org.wsss.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.VolumeLesionCase;
import org.wsss.api.VoxelSpacing;
import org.wsss.io.DeepLesion;

/**
 * Lesions inserted into a CT-like volume: an air background, a 20 mm fat layer and a soft-tissue
 * block of 55 HU with white noise of σ 12 HU (0.8 × 0.8 × 2.5 mm, 200 × 200 × 40).
 */
class InsertedLesionsTest {

    static final VoxelSpacing SP = new VoxelSpacing(0.8, 0.8, 2.5);
    static final double TISSUE = 55, SIGMA = 12;

    static Volume body() {
        int w = 200, h = 200, d = 40;
        SplittableRandom rnd = new SplittableRandom(3);
        List<Slice> slices = new ArrayList<>();
        for (int z = 0; z < d; z++) {
            float[] hu = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean tissue = x >= 35 && x < 165 && y >= 35 && y < 165;
                    boolean fat = !tissue && x >= 10 && x < 190 && y >= 10 && y < 190;
                    double v = tissue ? TISSUE : fat ? -100 : -1000;
                    hu[y * w + x] = (float) Math.round(v + SIGMA * rnd.nextGaussian());
                }
            }
            slices.add(Slice.of(w, h, hu, SP));
        }
        return Volume.of(slices, SP);
    }

    @Test
    void aLesionSitsInTheTissueWithItsContrastAndLeavesTheRestOfTheCtUntouched() {
        Volume ct = body();
        InsertedLesions.Config cfg = InsertedLesions.Config.defaults(6).withSeed(9);
        for (int i = 0; i < cfg.count(); i++) {
            VolumeLesionCase c = InsertedLesions.generate(ct, "body", cfg, i);
            Mask3D truth = c.groundTruth().orElseThrow();
            assertTrue(truth.count() > 50, c.id() + " lesion voxels " + truth.count());
            assertTrue(truth.slice(c.zOf(c.recist().sliceIndex())).count() > 0, c.id() + ": RECIST on a lesion slice");
            int[] site = siteOf(c);
            // Every voxel off the lesion's partial-volume band is the CT's own value.
            double inside = 0;
            long n = 0, changedOutside = 0;
            for (int z = 0; z < truth.depth(); z++) {
                for (int y = 0; y < c.height(); y++) {
                    for (int x = 0; x < c.width(); x++) {
                        float v = c.volume().get(x, y, z);
                        float orig = ct.get(site[0] + x, site[1] + y, site[2] + z);
                        if (truth.get(x, y, z)) {
                            inside += v;
                            n++;
                        } else if (!nearLesion(truth, x, y, z) && v != orig) {
                            changedOutside++;
                        }
                    }
                }
            }
            assertEquals(0, changedOutside, c.id() + ": voxels changed away from the lesion");
            double contrast = Math.abs(inside / n - TISSUE);
            assertTrue(contrast > 10 && contrast < 80, c.id() + " mean lesion contrast " + contrast);
        }
    }

    @Test
    void aLowerContrastRangeGivesTheSameLesionsCloserToTheTissue() {
        Volume ct = body();
        InsertedLesions.Config hi = InsertedLesions.Config.defaults(4).withSeed(9);
        InsertedLesions.Config lo = hi.withContrast(4, 8);
        for (int i = 0; i < hi.count(); i++) {
            VolumeLesionCase a = InsertedLesions.generate(ct, "body", hi, i), b = InsertedLesions.generate(ct, "body", lo, i);
            // Only the HU differ: the same shape, place and mark.
            assertEquals(a.groundTruth().orElseThrow(), b.groundTruth().orElseThrow());
            assertEquals(a.recist(), b.recist());
            // The base HU moves toward the tissue by the drop in contrast (12-56 HU; cores and rims move
            // with it), the partial-volume band by less.
            double ma = meanInside(a), mb = meanInside(b);
            assertTrue(Math.abs(mb - TISSUE) < Math.abs(ma - TISSUE), a.id() + " mean HU " + mb + " at 4-8 HU, " + ma
                    + " at 20-60 HU, tissue " + TISSUE);
            assertTrue(Math.abs(ma - mb) > 8 && Math.abs(ma - mb) < 60, a.id() + " shift " + (ma - mb));
        }
        assertThrows(IllegalArgumentException.class, () -> hi.withContrast(9, 3));
        assertThrows(IllegalArgumentException.class, () -> hi.withContrast(-1, 3));
    }

    private static double meanInside(VolumeLesionCase c) {
        Mask3D truth = c.groundTruth().orElseThrow();
        double sum = 0;
        long n = 0;
        for (int z = 0; z < truth.depth(); z++) {
            for (int y = 0; y < c.height(); y++) {
                for (int x = 0; x < c.width(); x++) {
                    if (truth.get(x, y, z)) {
                        sum += c.volume().get(x, y, z);
                        n++;
                    }
                }
            }
        }
        return sum / n;
    }

    @Test
    void casesAreDeterministicAndTheNoiseEstimateMatchesTheTissue() {
        Volume ct = body();
        InsertedLesions.Config cfg = InsertedLesions.Config.defaults(3).withSeed(4);
        VolumeLesionCase a = InsertedLesions.generate(ct, "body", cfg, 2), b = InsertedLesions.generate(ct, "body", cfg, 2);
        assertEquals(a.id(), b.id());
        assertEquals(a.recist(), b.recist());
        assertEquals(a.groundTruth(), b.groundTruth());
        assertArrayEquals(a.keySlice().toArray(), b.keySlice().toArray());
        float[] hu = new float[100 * 100 * 4];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (float) (TISSUE + SIGMA * rnd.nextGaussian());
        }
        double est = InsertedLesions.noiseSigma(hu, 100, 100, 4);
        assertEquals(SIGMA, est, 0.6, "robust noise estimate");
    }

    @Test
    void aVolumeWithoutSoftTissueIsANamedError() {
        List<Slice> air = new ArrayList<>();
        for (int z = 0; z < 30; z++) {
            float[] hu = new float[160 * 160];
            java.util.Arrays.fill(hu, -1000f);
            air.add(Slice.of(160, 160, hu, SP));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InsertedLesions.generate(Volume.of(air, SP), "air.nii.gz", InsertedLesions.Config.defaults(1), 0));
        assertTrue(e.getMessage().contains("air.nii.gz") && e.getMessage().contains("soft-tissue"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InsertedLesions.Config(0, 1, 10, 20, 50, 20, 60, 0.7, 0.15,
                0.2, 1));
    }

    @Test
    void insertedCasesExportToTheDeepLesionLayoutAndReadBack(@TempDir Path dir) {
        LesionDataset data = InsertedLesions.dataset(body(), "body", InsertedLesions.Config.defaults(4).withSeed(2));
        Phantom.export(data, dir, 2, org.wsss.api.Progress.NONE);
        LesionDataset back = DeepLesion.open(dir);
        assertEquals(4, back.size());
        assertTrue(back.problems().isEmpty(), back.problems().toString());
        for (int i = 0; i < 4; i++) {
            LesionCase a = data.get(i), b = back.get(i);
            assertEquals(a.recist(), b.recist());
            assertEquals(a.split(), b.split());
            assertArrayEquals(a.sliceIndices(), b.sliceIndices());
            assertArrayEquals(a.keySlice().toArray(), b.keySlice().toArray());
            assertEquals(a.groundTruth().orElseThrow(), b.groundTruth().orElseThrow());
        }
    }

    /** The crop's origin in the source volume, from the case's provenance. */
    private static int[] siteOf(VolumeLesionCase c) {
        Mask3D t = c.groundTruth().orElseThrow();
        String[] s = t.provenance().parameters().get("site").split(",");
        int z0 = Integer.parseInt(t.provenance().parameters().get("first-slice"));
        int x0 = Integer.parseInt(t.provenance().parameters().get("crop-x"));
        int y0 = Integer.parseInt(t.provenance().parameters().get("crop-y"));
        assertEquals(3, s.length);
        return new int[] {x0, y0, z0};
    }

    /** Within two voxels of the ground truth in-plane or one slice across: the partial-volume band. */
    private static boolean nearLesion(Mask3D t, int x, int y, int z) {
        for (int k = -1; k <= 1; k++) {
            for (int j = -2; j <= 2; j++) {
                for (int i = -2; i <= 2; i++) {
                    int xx = x + i, yy = y + j, zz = z + k;
                    if (xx >= 0 && yy >= 0 && zz >= 0 && xx < t.width() && yy < t.height() && zz < t.depth()
                            && t.get(xx, yy, zz)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
