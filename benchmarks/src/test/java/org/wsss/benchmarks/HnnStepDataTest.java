package org.wsss.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wsss.hnn.internal.HnnNetwork;
import org.wsss.hnn.internal.WeakLoss;

class HnnStepDataTest {

    @Test
    void plainJavaDataIsExactlyWhatTheSameDiffStepIsFed() {
        try (HnnStepFixture f = HnnStepFixture.create("tiny", 3)) {
            HnnStepData d = f.data;
            assertArrayEquals(d.images, f.input.data().asFloat(), 0f);
            assertArrayEquals(d.wr, f.placeholders.get(WeakLoss.W_R).data().asFloat(), 0f);
            assertArrayEquals(d.wf, f.placeholders.get(WeakLoss.W_F).data().asFloat(), 0f);
            assertArrayEquals(d.wb, f.placeholders.get(WeakLoss.W_B).data().asFloat(), 0f);
            Map<String, float[]> init = d.initialParameters();
            Map<String, float[]> net = f.net.parameterValues();
            assertEquals(net.keySet(), init.keySet());
            net.forEach((k, v) -> assertArrayEquals(v, init.get(k), 0f, k));
            assertEquals(net.values().stream().mapToLong(v -> v.length).sum(), d.parameterCount());
        }
    }

    @Test
    void aSmallerBatchIsAPrefixAndWeightsAreBatchMeans() {
        HnnStepData one = HnnStepData.create("tiny", 1), four = HnnStepData.create("tiny", 4);
        int px = 32 * 32;
        assertArrayEquals(one.images, Arrays.copyOf(four.images, px), 0f);
        double f = 0, b = 0;
        for (int i = 0; i < four.wf.length; i++) {
            f += four.wf[i];
            b += four.wb[i];
        }
        assertEquals(1, f, 1e-4, "F weights of a batch sum to 1 (each image's to 1/N)");
        assertEquals(1, b, 1e-4);
        assertThrows(IllegalArgumentException.class, () -> HnnStepData.create("tiny", 0));
        assertThrows(IllegalArgumentException.class, () -> HnnStepData.create("huge", 1));
    }

    @Test
    void theUnetPresetIsTheBaselineOfTheDefaultHnn() {
        HnnStepData u = HnnStepData.create("unet", 1);
        assertEquals(org.wsss.hnn.model.HnnConfig.unet(), u.config);
        assertEquals(org.wsss.hnn.internal.HnnNetwork.parameterShapes(u.config).keySet(), u.initialParameters().keySet());
    }
}
