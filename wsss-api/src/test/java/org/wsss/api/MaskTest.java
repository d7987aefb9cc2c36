package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** {@link Mask} and {@link Mask3D}: builders, counts, bit-set operations against per-pixel references. */
class MaskTest {

    private static final VoxelSpacing SP = new VoxelSpacing(0.7, 0.8, 2.5);

    private static boolean[] random(SplittableRandom r, int n) {
        boolean[] v = new boolean[n];
        double p = r.nextDouble();
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() < p;
        }
        return v;
    }

    @Test
    void builderSetsAndClearsAndIsDetachedFromBuiltMasks() {
        Mask.Builder b = Mask.builder(5, 4).set(1, 2).set(4, 3).set(0, 0, true);
        Mask m = b.build();
        b.set(1, 2, false).set(2, 2);
        Mask m2 = b.build();
        assertTrue(m.get(1, 2) && m.get(4, 3) && m.get(0, 0));
        assertEquals(3, m.count());
        assertFalse(m2.get(1, 2));
        assertTrue(m2.get(2, 2));
        assertFalse(m.get(2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> b.set(5, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, 4));
        assertThrows(IllegalArgumentException.class, () -> Mask.builder(0, 4));
    }

    @Test
    void boundingBoxAndEmptiness() {
        assertNull(Mask.empty(6, 6).boundingBox());
        assertTrue(Mask.empty(6, 6).isEmpty());
        Mask m = Mask.builder(8, 6).set(2, 1).set(5, 4).build();
        assertFalse(m.isEmpty());
        assertEquals(new Roi(2, 1, 4, 4), m.boundingBox());
    }

    @Test
    void provenanceIsMetadata() {
        Provenance p = Provenance.of("test", Map.of("k", "v"));
        Mask m = Mask.builder(3, 3).set(1, 1).provenance(p).build();
        assertEquals(p, m.provenance());
        assertEquals(m, m.withProvenance(Provenance.NONE));
        assertEquals(m.hashCode(), m.withProvenance(Provenance.NONE).hashCode());
    }

    /** Sizes straddle 64-pixel word boundaries on purpose. */
    @Property(tries = 100)
    void bitOperationsMatchPerPixelReference(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int w = r.nextInt(1, 40), h = r.nextInt(1, 40);
        boolean[] a = random(r, w * h), b = random(r, w * h);
        Mask ma = Mask.of(w, h, a), mb = Mask.of(w, h, b);
        int ca = 0, inter = 0;
        for (int i = 0; i < a.length; i++) {
            ca += a[i] ? 1 : 0;
            inter += a[i] && b[i] ? 1 : 0;
        }
        assertEquals(ca, ma.count());
        assertEquals(inter, ma.intersectionCount(mb));
        Mask and = ma.and(mb), or = ma.or(mb);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                assertEquals(a[i], ma.get(x, y));
                assertEquals(a[i] && b[i], and.get(x, y));
                assertEquals(a[i] || b[i], or.get(x, y));
            }
        }
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(ma.toArray()));
        assertEquals(ma, Mask.fromPredicate(w, h, (x, y) -> a[y * w + x]));
    }

    @Property(tries = 80)
    void mask3dSliceRoundTripAndIntersection(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        // Every fourth mask has slices of whole 64-bit words (the word-aligned path of slice()).
        boolean whole = seed % 4 == 0;
        int w = whole ? 16 : r.nextInt(1, 20), h = whole ? 4 * r.nextInt(1, 9) : r.nextInt(1, 20);
        int d = r.nextInt(1, 8);
        List<Mask> as = new ArrayList<>(), bs = new ArrayList<>();
        for (int z = 0; z < d; z++) {
            as.add(Mask.of(w, h, random(r, w * h)));
            bs.add(Mask.of(w, h, random(r, w * h)));
        }
        Mask3D a = Mask3D.stack(as, SP), b = Mask3D.stack(bs, SP);
        long count = 0, inter = 0;
        for (int z = 0; z < d; z++) {
            assertEquals(as.get(z), a.slice(z));
            assertEquals(as.get(z).count(), a.sliceCount(z));
            count += as.get(z).count();
            inter += as.get(z).intersectionCount(bs.get(z));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(as.get(z).get(x, y), a.get(x, y, z));
                }
            }
        }
        assertEquals(count, a.count());
        assertEquals(inter, a.intersectionCount(b));
        assertEquals(a, Mask3D.of(w, h, d, SP, a.toArray()));
    }

    @Test
    void mask3dBuilderAndVolumeByHand() {
        Mask3D m = Mask3D.builder(4, 4, 3, SP).set(0, 0, 0).set(3, 3, 2).set(1, 2, 1).build();
        assertEquals(3, m.count());
        assertTrue(m.get(1, 2, 1));
        assertFalse(m.get(2, 1, 1));
        // 3 voxels x 0.7 x 0.8 x 2.5 mm^3 = 4.2 mm^3 = 0.0042 mL.
        assertEquals(0.0042, m.volumeMl(), 1e-15);
        // A 10 x 10 x 4 block at 1 x 1 x 5 mm: 2000 mm^3 = 2 mL.
        Mask3D.Builder b = Mask3D.builder(12, 12, 5, new VoxelSpacing(1, 1, 5));
        for (int z = 0; z < 4; z++) {
            b.setSlice(z, TestMasks.rect(12, 12, 1, 1, 10, 10));
        }
        assertEquals(2.0, b.build().volumeMl(), 1e-12);
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> m.slice(-1));
        assertEquals(1, m.sliceCount(2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.sliceCount(3));
        assertThrows(IllegalArgumentException.class, () -> Mask3D.empty(2, 0, 2, SP));
        assertThrows(IllegalArgumentException.class, () -> Mask3D.of(2, 2, 2, SP, new boolean[7]));
        // setSlice clears what was there.
        Mask3D.Builder c = Mask3D.builder(3, 3, 1, SP).set(1, 1, 0);
        assertEquals(0, c.setSlice(0, Mask.empty(3, 3)).build().count());
    }
}
