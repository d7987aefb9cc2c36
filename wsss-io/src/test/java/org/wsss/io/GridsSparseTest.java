package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wsss.api.Mask3D;
import org.wsss.api.VoxelSpacing;

/**
 * A label map made from masks held in memory (set voxels mapped one by one) equals the one made
 * the whole-array way ({@link Grids#toFileOrder}), for permuted and flipped file grids.
 */
class GridsSparseTest {

    @ParameterizedTest
    @CsvSource({"0 1 2, false false false", "2 0 1, true false true", "1 2 0, false true false",
        "0 2 1, true true true"})
    void inMemoryMasksMapLikeWholeArrays(String axes, String flips) {
        int[] sdk = {7, 5, 4};
        String[] a = axes.split(" "), f = flips.split(" ");
        int[] fileAxis = new int[3];
        boolean[] flipped = new boolean[3];
        int[] fileDims = new int[3];
        for (int c = 0; c < 3; c++) {
            fileAxis[c] = Integer.parseInt(a[c]);
            flipped[c] = Boolean.parseBoolean(f[c]);
            fileDims[fileAxis[c]] = sdk[c];
        }
        AxialGrid grid = new AxialGrid(fileDims, fileAxis, flipped);
        SplittableRandom r = new SplittableRandom(axes.hashCode());
        boolean[] v1 = new boolean[7 * 5 * 4], v2 = new boolean[v1.length];
        for (int i = 0; i < v1.length; i++) {
            v1[i] = r.nextDouble() < 0.3;
            v2[i] = r.nextDouble() < 0.3;
        }
        VoxelSpacing s = new VoxelSpacing(1, 1, 2);
        Mask3D m1 = Mask3D.of(7, 5, 4, s, v1), m2 = Mask3D.of(7, 5, 4, s, v2);
        byte[] got = Grids.combine(Map.of(), Map.of(1, m1, 2, m2), grid, fileDims);
        byte[] l1 = Grids.toFileOrder(grid, Grids.labels(m1, grid, 1));
        byte[] l2 = Grids.toFileOrder(grid, Grids.labels(m2, grid, 2));
        byte[] expected = new byte[l1.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = l1[i] != 0 ? l1[i] : l2[i];
        }
        assertArrayEquals(expected, got);
    }
}
