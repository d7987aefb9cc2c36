package org.wsss.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsss.hnn.internal.Adam;

/** The DJL/PyTorch peer computes what our HNN computes with the trainer's gradient engine (profile {@code djl} only). */
class DjlHnnPeerTest {

    @BeforeAll
    static void offlineEngine() {
        System.setProperty("ai.djl.offline", "true");
        DjlHnnPeer.startEngine(DjlHnnPeer.nd4jDefaultThreads());
    }

    private static void assertClose(double expected, double actual, double relTol, String what) {
        assertTrue(Math.abs(expected - actual) <= relTol * Math.max(1, Math.abs(expected)),
                what + ": ours " + expected + ", DJL " + actual);
    }

    @Test
    void sameLossesBeforeAndAfterTrainingStepsOfTheDefaultPreset() {
        try (HnnStepFixture ours = HnnStepFixture.create(HnnPeerBenchmark.PRESET, 2);
             DjlHnnPeer peer = DjlHnnPeer.create(ours.data)) {
            assertEquals(ours.data.parameterCount(), peer.parameterCount());
            double initial = ours.loss();
            assertClose(initial, peer.loss(), 1e-5, "loss at the initial parameters");
            double a = ours.trainStep(), b = peer.trainStep();
            assertClose(a, b, 1e-5, "loss returned by the first step");
            assertClose(initial, b, 1e-5, "the step returns the loss before its update");
            double after = ours.loss();
            assertTrue(after < initial - 0.01, "one Adam step lowers the loss: " + initial + " -> " + after);
            // Adam's first step moves every parameter by about lr·sign(g), so a wrong learning rate,
            // bias correction or gradient shows here far above the tolerance.
            assertClose(after, peer.loss(), 1e-3, "loss after one step");
            ours.trainStep();
            peer.trainStep();
            assertClose(ours.loss(), peer.loss(), 1e-3, "loss after two steps");
            int held = peer.managedArrays();
            peer.trainStep();
            assertEquals(held, peer.managedArrays(), "a training step leaves no array behind");
        }
    }

    @Test
    void sameFusedProbabilities() {
        try (HnnStepFixture ours = HnnStepFixture.create(HnnPeerBenchmark.PRESET, 2);
             DjlHnnPeer peer = DjlHnnPeer.create(ours.data)) {
            float[] p = ours.predict(), q = peer.predict();
            assertEquals(p.length, q.length);
            double worst = 0;
            for (int i = 0; i < p.length; i++) {
                worst = Math.max(worst, Math.abs(p[i] - q[i]));
            }
            assertTrue(worst <= 1e-5, "largest difference " + worst);
            int held = peer.managedArrays();
            peer.predict();
            assertEquals(held, peer.managedArrays(), "a forward pass leaves no array behind");
        }
    }
}
