package org.wsss.hnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.wsss.hnn.model.GradientEngine;
import org.wsss.hnn.model.HnnConfig;

/** {@link HnnNetwork#copy()}: the same weights bit for bit in double precision, and independent. */
class HnnNetworkCopyTest {

    @Test
    void copyIsExactAndIndependent() {
        HnnConfig cfg = new HnnConfig(List.of(4, 8), List.of(1, 1), 32);
        try (HnnNetwork a = HnnNetwork.create(cfg, 9L, DataType.DOUBLE)) {
            a.setGradientEngine(GradientEngine.SAMEDIFF);
            try (HnnNetwork b = a.copy()) {
                assertEquals(DataType.DOUBLE, b.dataType());
                assertEquals(GradientEngine.SAMEDIFF, b.gradientEngine());
                INDArray pa = a.parameter("s0_c0_W"), pb = b.parameter("s0_c0_W");
                assertArrayEquals(pa.data().asDouble(), pb.data().asDouble(), 0.0);
                double before = pa.getDouble(0);
                pb.addi(1.0);
                assertEquals(before, a.parameter("s0_c0_W").getDouble(0), 0.0, "the copy shares no memory");
                assertNotEquals(before, b.parameter("s0_c0_W").getDouble(0));
            }
        }
    }
}
