package org.wsss.hnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.wsss.hnn.internal.HnnNetwork;

/** Architecture validation, initialisation and the bilinear resampling matrices. */
class HnnConfigTest {

    @Test
    void badConfigsAreRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HnnConfig(List.of(8, 16, 32), List.of(1, 1, 1), 30));
        assertTrue(e.getMessage().contains("inputSize") && e.getMessage().contains("30"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HnnConfig(List.of(), List.of(), 32));
        assertThrows(IllegalArgumentException.class, () -> new HnnConfig(List.of(8, 0), List.of(1, 1), 32));
        assertThrows(IllegalArgumentException.class, () -> new HnnConfig(List.of(8, 16), List.of(1), 32));
    }

    @Test
    void presetsHaveTheDocumentedShape() {
        assertEquals(4, HnnConfig.defaults().stages());
        assertEquals(List.of(16, 32, 64, 128), HnnConfig.defaults().channels());
        HnnConfig p = HnnConfig.paper();
        Map<String, long[]> shapes = HnnNetwork.parameterShapes(p);
        long n = 0;
        for (long[] s : shapes.values()) {
            long k = 1;
            for (long d : s) {
                k *= d;
            }
            n += k;
        }
        // VGG16's 13 conv layers hold 14,714,688 weights and biases on 3 input channels; 1 input channel
        // saves 3*3*2*64 = 1,152; then 5 side weights (64+128+256+512+512) and the fused 5 + 1.
        assertEquals(14_714_688 - 1_152 + 1_472 + 6, n);
    }

    @Test
    void initialisationIsSeededHeNormalWithEqualFuseWeights() {
        HnnConfig cfg = HnnConfig.tiny(3, 16, 32);
        try (HnnNetwork a = HnnNetwork.create(cfg, 42L, DataType.FLOAT);
             HnnNetwork b = HnnNetwork.create(cfg, 42L, DataType.FLOAT)) {
            Map<String, float[]> pa = a.parameterValues(), pb = b.parameterValues();
            for (String k : pa.keySet()) {
                assertArrayEquals(pa.get(k), pb.get(k), 0f, k);
            }
            assertArrayEquals(new float[]{1f / 3, 1f / 3, 1f / 3}, pa.get("fuse_W"), 1e-7f);
            assertArrayEquals(new float[]{0f}, pa.get("fuse_b"), 0f);
            float[] w = pa.get("s2_c0_W");     // fan-in 3*3*32
            double ss = 0;
            for (float v : w) {
                ss += v * v;
            }
            double std = Math.sqrt(ss / w.length);
            double he = Math.sqrt(2.0 / (9 * 32));
            assertEquals(he, std, he * 0.05);
        }
    }

    @Test
    void bilinearMatrixMatchesPointSampling() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int[] mn : new int[][]{{8, 4}, {32, 4}, {12, 12}, {5, 7}}) {
            int m = mn[0], n = mn[1];
            double[] u = Bilinear.matrix(m, n);
            float[] row = new float[n];
            for (int i = 0; i < n; i++) {
                row[i] = (float) rnd.nextDouble();
            }
            for (int i = 0; i < m; i++) {
                double sum = 0, dot = 0;
                for (int j = 0; j < n; j++) {
                    sum += u[i * n + j];
                    dot += u[i * n + j] * row[j];
                }
                assertEquals(1.0, sum, 1e-12);
                double src = (i + 0.5) * n / m - 0.5;
                assertEquals(Bilinear.sample(row, n, 1, src, 0), dot, 1e-6);
            }
        }
    }
}
