package org.wsss.hnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.hnn.model.HnnConfig;

/**
 * Inference frees its intermediate arrays at once ({@link ClosingMemoryMgr}) rather than caching
 * them per batch size, and gives the same probabilities batched or one ROI at a time.
 */
class InferenceMemoryTest {

    @Test
    void inferenceSessionClosesItsArraysAndResultsDoNotDependOnBatching() {
        int s = 32;
        HnnConfig cfg = new HnnConfig(List.of(4, 8), List.of(1, 1), s);
        float[] data = new float[3 * s * s];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextDouble();
        }
        try (HnnNetwork net = HnnNetwork.create(cfg, 5L, DataType.FLOAT)) {
            float[] batched;
            try (INDArray x = Nd4j.create(data, new long[]{3, 1, s, s}, 'c')) {
                batched = net.predict(x);
            }
            SessionMemMgr first = sessionManager(net);
            assertInstanceOf(ClosingMemoryMgr.class, first, "the inference session must not cache arrays");
            for (int i = 0; i < 3; i++) {
                float[] one;
                try (INDArray x = Nd4j.create(Arrays.copyOfRange(data, i * s * s, (i + 1) * s * s),
                        new long[]{1, 1, s, s}, 'c')) {
                    one = net.predict(x);
                }
                assertArrayEquals(Arrays.copyOfRange(batched, i * s * s, (i + 1) * s * s), one, 1e-6f,
                        "ROI " + i + " alone vs in a batch of 3");
            }
            assertSame(first, sessionManager(net), "one manager per session, not one per call");
        }
    }

    /** The manager of this thread's session as SameDiff holds it (read without installing one). */
    private static SessionMemMgr sessionManager(HnnNetwork net) {
        return net.graph().getSessions().get(Thread.currentThread().getId()).getMmgr();
    }
}
