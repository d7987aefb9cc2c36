package org.wsss.benchmarks;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our SameDiff HNN against the same architecture on DJL 0.36 / PyTorch 2.7.1 (CPU, float32), side
 * by side in one JMH run: one training step of the default preset ({@code HnnConfig.defaults()}:
 * 4 stages of 16/32/64/128 channels, two {@code 3×3} convolutions + ReLU per stage, {@code 2×2}
 * max-pool between stages, a side output per stage, a fused output, the weak loss on all five
 * outputs, Adam) on a batch of 8 images of {@code 1×96×96} — {@link #wsssSameDiff} vs
 * {@link #djlPyTorch} — and the forward pass to fused probabilities at batch 1 and 8 —
 * {@link #wsssSameDiffInfer} vs {@link #djlPyTorchInfer}. The SameDiff side is exactly the step of
 * {@link HnnTrainStepBenchmark} (same batch, labels, Adam, periodic {@code System.gc()}); the
 * peer is {@link DjlHnnPeer}.
 *
 * <p>At setup the peer must match ours: equal parameter count, equal loss at the shared initial
 * parameters, equal loss after one training step of each, equal fused probabilities at inference,
 * and a step must leave no array behind; otherwise the trial fails. PyTorch's intra-op thread
 * count is set to ND4J's ({@code Nd4j.getEnvironment().maxThreads()}, 2 on a 2-core machine)
 * unless {@code -Dai.djl.pytorch.num_threads} is given; inter-op threads are 1
 * ({@code -Dai.djl.pytorch.num_interop_threads=1}); {@code -Dai.djl.offline=true} keeps DJL from
 * downloading anything (the natives come from {@code pytorch-native-cpu} on the classpath). Every
 * fork prints its thread counts.
 *
 * <p>Only in the build with the Maven profile {@code djl}. Reproduce:
 * <pre>
 * mvn -B -q -P djl -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar HnnPeerBenchmark -rf json -rff peer.json
 * java -cp benchmarks/target/benchmarks.jar org.wsss.benchmarks.PeerRatioCheck peer.json
 * </pre>
 * {@link PeerRatioCheck} prints the ratio SameDiff/DJL, images/s and latency per slice, and fails
 * above the target ratio 1.5.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_interop_threads=1"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class HnnPeerBenchmark {

    /** The network preset of every state. */
    public static final String PRESET = "defaults";
    /** Images per training step. */
    public static final int TRAIN_BATCH = 8;

    /** Our training step. */
    @State(Scope.Benchmark)
    public static class SameDiffTrain {
        HnnStepFixture fixture;

        /** Builds the network, the batch and Adam. */
        @Setup(Level.Trial)
        public void setUp() {
            printNd4jThreads();
            fixture = HnnStepFixture.create(PRESET, TRAIN_BATCH);
        }

        /** Frees native memory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            fixture.close();
        }
    }

    /** The peer's training step, checked against ours at setup. */
    @State(Scope.Benchmark)
    public static class DjlTrain {
        DjlHnnPeer peer;

        /**
         * Builds the peer from our initial parameters and batch and checks it against ours.
         *
         * @throws IllegalStateException if the peer does not match
         */
        @Setup(Level.Trial)
        public void setUp() {
            try (HnnStepFixture ours = HnnStepFixture.create(PRESET, TRAIN_BATCH)) {
                startPeerEngine();
                peer = DjlHnnPeer.create(ours);
                checkParameterCount(ours, peer);
                checkClose("loss at the initial parameters", ours.loss(), peer.loss(), 1e-4);
                double a = ours.trainStep(), b = peer.trainStep();
                checkClose("loss before the first step", a, b, 1e-4);
                checkClose("loss after one step", ours.loss(), peer.loss(), 1e-3);
                int held = peer.managedArrays();
                peer.trainStep();
                if (peer.managedArrays() != held) {
                    throw new IllegalStateException("a DJL training step left arrays behind: " + held + " -> "
                            + peer.managedArrays());
                }
            }
        }

        /** Frees native memory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            peer.close();
        }
    }

    /** Our forward pass. */
    @State(Scope.Benchmark)
    public static class SameDiffInfer {
        /** Images per forward pass. */
        @Param({"1", "8"})
        public int batch;

        HnnStepFixture fixture;

        /** Builds the network and the batch. */
        @Setup(Level.Trial)
        public void setUp() {
            printNd4jThreads();
            fixture = HnnStepFixture.create(PRESET, batch);
        }

        /** Frees native memory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            fixture.close();
        }
    }

    /** The peer's forward pass, checked against ours at setup. */
    @State(Scope.Benchmark)
    public static class DjlInfer {
        /** Images per forward pass. */
        @Param({"1", "8"})
        public int batch;

        DjlHnnPeer peer;

        /**
         * Builds the peer from our initial parameters and checks its probabilities against ours.
         *
         * @throws IllegalStateException if the peer does not match
         */
        @Setup(Level.Trial)
        public void setUp() {
            try (HnnStepFixture ours = HnnStepFixture.create(PRESET, batch)) {
                startPeerEngine();
                peer = DjlHnnPeer.create(ours);
                checkParameterCount(ours, peer);
                float[] a = ours.predict(), b = peer.predict();
                double worst = 0;
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - b[i]));
                }
                if (a.length != b.length || worst > 1e-4) {
                    throw new IllegalStateException("DJL fused probabilities differ from ours: " + b.length + " vs "
                            + a.length + " values, largest difference " + worst);
                }
            }
        }

        /** Frees native memory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            peer.close();
        }
    }

    /** One SameDiff training step (forward, gradients, Adam, the trainer's periodic GC), batch 8. */
    @Benchmark
    public double wsssSameDiff(SameDiffTrain s) {
        return s.fixture.trainStep();
    }

    /** One DJL/PyTorch training step (forward, backward, Adam), batch 8. */
    @Benchmark
    public double djlPyTorch(DjlTrain s) {
        return s.peer.trainStep();
    }

    /** SameDiff forward pass to fused probabilities (copied to a Java array). */
    @Benchmark
    public float wsssSameDiffInfer(SameDiffInfer s) {
        return s.fixture.predict()[0];
    }

    /** DJL/PyTorch forward pass to fused probabilities (copied to a Java array). */
    @Benchmark
    public float djlPyTorchInfer(DjlInfer s) {
        return s.peer.predict()[0];
    }

    private static void printNd4jThreads() {
        System.out.printf(Locale.ROOT, "threads: ND4J %d (master %d)%n", Nd4j.getEnvironment().maxThreads(),
                Nd4j.getEnvironment().maxMasterThreads());
    }

    private static void startPeerEngine() {
        int nd4j = Nd4j.getEnvironment().maxThreads();
        int intra = DjlHnnPeer.startEngine(nd4j);
        System.out.printf(Locale.ROOT, "threads: ND4J %d; PyTorch intra-op %d, inter-op %d%n", nd4j, intra,
                DjlHnnPeer.interOpThreads());
    }

    private static void checkParameterCount(HnnStepFixture ours, DjlHnnPeer peer) {
        if (peer.parameterCount() != ours.parameterCount()) {
            throw new IllegalStateException("DJL network has " + peer.parameterCount() + " parameters; ours has "
                    + ours.parameterCount());
        }
    }

    private static void checkClose(String what, double ours, double peer, double relTol) {
        System.out.printf(Locale.ROOT, "%s: SameDiff %.7f, DJL %.7f%n", what, ours, peer);
        if (!(Math.abs(ours - peer) <= relTol * Math.max(1, Math.abs(ours)))) {
            throw new IllegalStateException(what + " differs: SameDiff " + ours + ", DJL " + peer);
        }
    }
}
