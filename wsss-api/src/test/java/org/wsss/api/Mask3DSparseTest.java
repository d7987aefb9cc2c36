package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Mask3D#sliceCount}, {@link Mask3D#nextSet} and {@link Mask3D#toArray} against a brute-force count and scan. */
class Mask3DSparseTest {

    @ParameterizedTest
    @CsvSource({"7, 5, 4, 0.3, 1", "64, 2, 3, 0.02, 2", "13, 11, 9, 0.001, 3", "5, 3, 2, 0.0, 4", "9, 7, 3, 1.0, 5"})
    void matchBruteForce(int w, int h, int d, double density, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] v = new boolean[w * h * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble() < density;
        }
        Mask3D m = Mask3D.of(w, h, d, new VoxelSpacing(1, 1, 1), v);
        assertArrayEquals(v, m.toArray());
        for (int z = 0; z < d; z++) {
            int n = 0;
            for (int i = z * w * h; i < (z + 1) * w * h; i++) {
                n += v[i] ? 1 : 0;
            }
            assertEquals(n, m.sliceCount(z), "slice " + z);
            assertEquals(m.slice(z).count(), m.sliceCount(z), "slice " + z);
        }
        for (int from = -1; from <= v.length + 1; from++) {
            long expected = -1;
            for (int i = Math.max(0, from); i < v.length; i++) {
                if (v[i]) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, m.nextSet(from), "from " + from);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> m.sliceCount(d));
    }
}
