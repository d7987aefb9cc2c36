package org.wsss.propagation.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import org.junit.jupiter.api.Test;
import org.wsss.api.Mask;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;

/**
 * {@link LesionContrast}: a square lesion at 40 HU in 0 HU tissue has contrast 40 whatever a
 * 20 HU partial-volume rim inside the 1 mm gap holds; too small a mask or ring gives none; random
 * masks and images against a brute-force reference (distances between pixel centres).
 */
@PropertyDefaults(tries = 200)
class LesionContrastTest {

    @Test
    void aSquareLesionAgainstItsTissue() {
        VoxelSpacing sp = new VoxelSpacing(1, 1, 2);
        float[] hu = new float[20 * 20];
        for (int y = 8; y < 13; y++) {
            for (int x = 8; x < 13; x++) {
                hu[y * 20 + x] = 40;
            }
        }
        for (int x = 7; x < 14; x++) {
            hu[7 * 20 + x] = 20; // a rim row 1 mm from the mask: in the gap, not the ring
        }
        Slice s = Slice.of(20, 20, hu, sp);
        Mask lesion = Mask.fromPredicate(20, 20, (x, y) -> x >= 8 && x < 13 && y >= 8 && y < 13);
        assertEquals(40, LesionContrast.of(lesion, s).getAsDouble(), 1e-9);
        assertTrue(LesionContrast.of(Mask.fromPredicate(20, 20, (x, y) -> x == 8 && y == 8), s).isEmpty(),
                "one pixel is too small a mask");
        assertTrue(LesionContrast.of(Mask.fromPredicate(20, 20, (x, y) -> true), s).isEmpty(), "no ring");
        assertThrows(IllegalArgumentException.class, () -> LesionContrast.of(Mask.empty(19, 20), s));
    }

    private static double median(List<Float> v) {
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + (double) v.get(n / 2)) / 2;
    }

    /** The measure as its javadoc states it, by brute-force distances. */
    private static OptionalDouble reference(boolean[] m, float[] hu, int w, int h, double sx, double sy) {
        List<Float> in = new ArrayList<>(), ring = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (m[y * w + x]) {
                    in.add(hu[y * w + x]);
                    continue;
                }
                double best = Double.POSITIVE_INFINITY;
                for (int v = 0; v < h; v++) {
                    for (int u = 0; u < w; u++) {
                        if (m[v * w + u]) {
                            double dx = (x - u) * sx, dy = (y - v) * sy;
                            best = Math.min(best, dx * dx + dy * dy);
                        }
                    }
                }
                double g = LesionContrast.GAP_MM, r = LesionContrast.GAP_MM + LesionContrast.RING_MM;
                if (best > g * g && best <= r * r) {
                    ring.add(hu[y * w + x]);
                }
            }
        }
        if (in.size() < LesionContrast.MIN_PIXELS || ring.size() < LesionContrast.MIN_PIXELS) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.abs(median(in) - median(ring)));
    }

    @Property
    void matchesTheReference(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int w = 1 + r.nextInt(14), h = 1 + r.nextInt(14);
        double[] spacings = {0.5, 0.75, 1.0, 1.25};
        double sx = spacings[r.nextInt(4)], sy = spacings[r.nextInt(4)];
        boolean[] m = new boolean[w * h];
        float[] hu = new float[w * h];
        double fill = r.nextDouble() * 0.6;
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextDouble() < fill;
            hu[i] = r.nextInt(7) * 10 - 20;
        }
        OptionalDouble got = LesionContrast.of(Mask.of(w, h, m), Slice.of(w, h, hu, new VoxelSpacing(sx, sy, 1)));
        OptionalDouble want = reference(m, hu, w, h, sx, sy);
        assertEquals(want.isPresent(), got.isPresent());
        if (want.isPresent()) {
            assertEquals(want.getAsDouble(), got.getAsDouble(), 1e-9);
        }
    }
}
