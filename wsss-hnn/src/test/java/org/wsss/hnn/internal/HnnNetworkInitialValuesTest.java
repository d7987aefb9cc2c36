package org.wsss.hnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.wsss.hnn.model.Architecture;
import org.wsss.hnn.model.HnnConfig;

class HnnNetworkInitialValuesTest {

    @Test
    void initialValuesAreTheParametersOfAFreshFloatNetwork() {
        for (HnnConfig cfg : new HnnConfig[]{HnnConfig.tiny(3, 4, 16), HnnConfig.tiny(2, 4, 16).withArchitecture(Architecture.UNET)}) {
            Map<String, float[]> expected;
            try (HnnNetwork net = HnnNetwork.create(cfg, 7L, DataType.FLOAT)) {
                expected = net.parameterValues();
            }
            Map<String, float[]> values = HnnNetwork.initialValues(cfg, 7L);
            assertEquals(expected.keySet().stream().toList(), values.keySet().stream().toList());
            expected.forEach((name, v) -> assertArrayEquals(v, values.get(name), 0f, name));
            assertFalse(Arrays.equals(values.get("s0_c0_W"), HnnNetwork.initialValues(cfg, 8L).get("s0_c0_W")),
                    "another seed gives other weights");
        }
    }
}
