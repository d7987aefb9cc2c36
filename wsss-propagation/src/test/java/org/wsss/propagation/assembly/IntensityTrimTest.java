package org.wsss.propagation.assembly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;

/**
 * {@link IntensityTrim}: a 40 HU lesion whose mask runs over its edge into −100 HU fat loses the
 * fat and keeps a bright calcification inside it, and the RECIST slice is left as it is; off and too small a RECIST-slice mask change
 * nothing; random volumes against a brute-force reference (range by sorting, holes by growing the
 * border's background to a fixed point); the result is always a subset of the input.
 */
class IntensityTrimTest {

    private static final VoxelSpacing SPACING = new VoxelSpacing(0.8, 0.8, 2.0);

    @Test
    void fatOverTheEdgeIsRemovedAndAnInteriorCalcificationKept() {
        int w = 16, h = 12, d = 3, plane = w * h;
        Slice[] s = new Slice[d];
        boolean[] a = new boolean[plane * d];
        for (int z = 0; z < d; z++) {
            float[] hu = new float[plane];
            Arrays.fill(hu, -100f);
            for (int y = 2; y < 10; y++) {
                for (int x = 2; x < 10; x++) {
                    hu[y * w + x] = 40f + ((x + y) % 3) * 5f;
                    a[z * plane + y * w + x] = true;
                }
            }
            hu[5 * w + 5] = 400f;                            // calcification inside the lesion
            hu[2 * w + 2] = -100f;                           // a dark pixel on the lesion's corner
            for (int y = 4; y < 8; y++) {                    // the mask runs 3 px over the edge into fat
                for (int x = 10; x < 13; x++) {
                    a[z * plane + y * w + x] = z != 1;       // not on the RECIST slice
                }
            }
            s[z] = Slice.of(w, h, hu, SPACING);
        }
        Mask3D in = Mask3D.of(w, h, d, SPACING, a);
        Mask3D out = IntensityTrim.defaults().apply(in, 1, z -> s[z]);
        for (int z = 0; z < d; z++) {
            assertEquals(z == 1 ? 64 : 63, out.sliceCount(z), "slice " + z + ": the 8 × 8 lesion, calcification"
                    + " included, the dark corner only on the RECIST slice");
            assertTrue(out.get(5, 5, z));
            assertFalse(out.get(11, 5, z));
        }
        assertTrue(out.provenance().notes().stream().anyMatch(n -> n.startsWith("intensity trim: 26 voxel(s)")),
                out.provenance().notes().toString());
        assertSame(in, IntensityTrim.off().apply(in, 1, z -> s[z]));
        assertSame(out, IntensityTrim.defaults().apply(out, 1, z -> s[z]), "nothing left to trim");
    }

    @Test
    void aTinyRecistSliceMaskGivesNoRangeAndBadArgumentsAreNamed() {
        int w = 8, h = 8;
        boolean[] a = new boolean[w * h * 2];
        a[3 * w + 3] = true;
        a[w * h + 3 * w + 3] = true;
        Mask3D in = Mask3D.of(w, h, 2, SPACING, a);
        Slice flat = Slice.of(w, h, new float[w * h], SPACING);
        assertSame(in, IntensityTrim.defaults().apply(in, 0, z -> flat));
        assertThrows(IllegalArgumentException.class, () -> IntensityTrim.defaults().apply(in, 2, z -> flat));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IntensityTrim(0.5, 1));
        assertTrue(e.getMessage().contains("IntensityTrim.tail"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new IntensityTrim(0.05, Double.NaN));
        assertTrue(e.getMessage().contains("IntensityTrim.margin"), e.getMessage());
        assertTrue(IntensityTrim.off().isOff());
        assertFalse(IntensityTrim.defaults().isOff());
    }

    @Test
    void randomVolumesMatchTheBruteForceReference() {
        SplittableRandom rnd = new SplittableRandom(20261203L);
        for (int trial = 0; trial < 300; trial++) {
            int w = 3 + rnd.nextInt(10), h = 3 + rnd.nextInt(10), d = 1 + rnd.nextInt(4), plane = w * h;
            boolean[] a = new boolean[plane * d];
            Slice[] s = new Slice[d];
            double density = 0.2 + 0.7 * rnd.nextDouble();
            for (int z = 0; z < d; z++) {
                float[] hu = new float[plane];
                for (int i = 0; i < plane; i++) {
                    hu[i] = (float) (rnd.nextInt(200) - 100);
                    a[z * plane + i] = rnd.nextDouble() < density;
                }
                s[z] = Slice.of(w, h, hu, SPACING);
            }
            int key = rnd.nextInt(d);
            IntensityTrim t = new IntensityTrim(rnd.nextDouble() * 0.3, rnd.nextDouble());
            Mask3D in = Mask3D.of(w, h, d, SPACING, a);
            Mask3D out = t.apply(in, key, z -> s[z]);
            boolean[] expected = reference(t, a, s, w, h, d, key);
            boolean[] got = out.toArray();
            assertArrayEquals(expected, got, "trial " + trial + " (" + w + "×" + h + "×" + d + ", key " + key + ", " + t + ")");
            for (int i = 0; i < got.length; i++) {
                assertTrue(!got[i] || a[i], "a subset of the input");
            }
        }
    }

    private static boolean[] reference(IntensityTrim t, boolean[] a, Slice[] s, int w, int h, int d, int key) {
        int plane = w * h;
        float[] keyHu = s[key].toArray();
        int n = 0;
        for (int i = 0; i < plane; i++) {
            n += a[key * plane + i] ? 1 : 0;
        }
        if (n < IntensityStop.MIN_KEY_PIXELS) {
            return a.clone();
        }
        float[] v = new float[n];
        for (int i = 0, k = 0; i < plane; i++) {
            if (a[key * plane + i]) {
                v[k++] = keyHu[i];
            }
        }
        Arrays.sort(v);
        double lo = v[(int) (t.tail() * (n - 1))], hi = v[(int) ((1 - t.tail()) * (n - 1))];
        double lo2 = lo - t.margin() * (hi - lo), hi2 = hi + t.margin() * (hi - lo);
        boolean[] out = new boolean[a.length];
        for (int z = 0; z < d; z++) {
            float[] hu = s[z].toArray();
            boolean[] keep = new boolean[plane];
            for (int i = 0; i < plane; i++) {
                keep[i] = a[z * plane + i] && (z == key || hu[i] >= lo2 && hu[i] <= hi2);
            }
            // background reachable from the border: grow to a fixed point
            boolean[] outside = new boolean[plane];
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        if (keep[i] || outside[i]) {
                            continue;
                        }
                        boolean border = x == 0 || y == 0 || x == w - 1 || y == h - 1;
                        boolean next = x > 0 && outside[i - 1] || x < w - 1 && outside[i + 1]
                                || y > 0 && outside[i - w] || y < h - 1 && outside[i + w];
                        if (border || next) {
                            outside[i] = true;
                            changed = true;
                        }
                    }
                }
            }
            for (int i = 0; i < plane; i++) {
                out[z * plane + i] = a[z * plane + i] && !outside[i];
            }
        }
        return out;
    }
}
