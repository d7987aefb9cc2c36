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
import org.wsss.hnn.internal.Adam;
import org.wsss.hnn.model.GradientEngine;

/**
 * Our HNN against the same architecture on DJL 0.36 / PyTorch 2.7.1 (CPU, float32), side
 * by side in one JMH run: one training step of the default preset ({@code HnnConfig.defaults()}:
 * 4 stages of 16/32/64/128 channels, two {@code 3×3} convolutions + ReLU per stage, {@code 2×2}
 * max-pool between stages, a side output per stage, a fused output, the weak loss on all five
 * outputs, Adam) on a batch of 8 images of {@code 1×96×96} — {@link #wsssTrain} (the trainer's
 * default gradient engine, oneDNN) and {@link #wsssSameDiff} (the SameDiff engine) vs
 * {@link #djlPyTorch} — and the forward pass to fused probabilities (copied to a Java array) at
 * batch 1 and 8 — {@link #wsssSameDiffInfer} vs {@link #djlPyTorchInfer}. Our side is
 * exactly the step of {@link HnnTrainStepBenchmark} (same batch, labels, Adam, the trainer's
 * garbage-collection policy); the peer is {@link DjlHnnPeer}, fed the same batch and starting from the
 * same initial parameters.
 *
 * <p>Each side runs in its own fork, and a DJL fork never loads ND4J (its data come from
 * {@link HnnStepData}, plain Java). At setup a DJL trial fails unless the peer has as many
 * parameters as our network and a training step leaves no array behind; that the peer computes
 * the same losses, updates and probabilities as ours is checked by {@code DjlHnnPeerTest}.
 * PyTorch's intra-op threads are set to ND4J's default count ({@code OMP_NUM_THREADS} if set, else
 * the available processors: 2 on a 2-core machine) unless {@code -Dai.djl.pytorch.num_threads} is
 * given; inter-op threads are 1 ({@code -Dai.djl.pytorch.num_interop_threads=1});
 * {@code -Dai.djl.offline=true} keeps DJL from downloading anything (the natives come from
 * {@code pytorch-native-cpu} on the classpath). Every fork prints its thread counts.
 *
 * <p>Every benchmark runs under two glibc {@code malloc} settings, the parameter {@code malloc}
 * ({@link MallocPolicy}): {@code default}, and {@code tuned} (large freed blocks kept for reuse
 * instead of returned to the kernel), applied alike to both sides. PyTorch allocates every CPU
 * tensor from {@code malloc}, and under glibc's defaults its training step on the 2-core machine
 * was about 4 times slower than tuned (page faults on fresh {@code mmap}s); a run with only one
 * setting: {@code -p malloc=tuned}.
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

    /** Our training step with a gradient engine; the subclasses fix which. */
    @State(Scope.Benchmark)
    public abstract static class OurTrainBase {
        /** glibc malloc settings of the fork ({@link MallocPolicy}). */
        @Param({"default", "tuned"})
        public String malloc;

        HnnStepFixture fixture;

        abstract GradientEngine engine();

        /** Builds the network, the batch and Adam. */
        @Setup(Level.Trial)
        public void setUp() {
            MallocPolicy.apply(malloc);
            printNd4jThreads();
            fixture = HnnStepFixture.create(PRESET, TRAIN_BATCH, engine());
            System.out.println("gradient engine: " + fixture.net.gradientEngine());
        }

        /** Frees native memory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            fixture.close();
        }
    }

    /** Our training step with the trainer's default gradient engine. */
    @State(Scope.Benchmark)
    public static class OurTrain extends OurTrainBase {
        @Override
        GradientEngine engine() {
            return GradientEngine.AUTO;
        }
    }

    /** Our training step with the SameDiff gradient engine. */
    @State(Scope.Benchmark)
    public static class SameDiffTrain extends OurTrainBase {
        @Override
        GradientEngine engine() {
            return GradientEngine.SAMEDIFF;
        }
    }

    /** The peer's training step. */
    @State(Scope.Benchmark)
    public static class DjlTrain {
        /** glibc malloc settings of the fork ({@link MallocPolicy}). */
        @Param({"default", "tuned"})
        public String malloc;

        DjlHnnPeer peer;

        /**
         * Builds the peer from our initial parameters and batch.
         *
         * @throws IllegalStateException if the parameter count differs from ours or a step leaks
         */
        @Setup(Level.Trial)
        public void setUp() {
            MallocPolicy.apply(malloc);
            HnnStepData data = HnnStepData.create(PRESET, TRAIN_BATCH);
            startPeerEngine();
            peer = DjlHnnPeer.create(data);
            checkParameterCount(data, peer);
            double loss = peer.trainStep();
            int held = peer.managedArrays();
            peer.trainStep();
            if (peer.managedArrays() != held) {
                throw new IllegalStateException("a DJL training step left arrays behind: " + held + " -> "
                        + peer.managedArrays());
            }
            System.out.printf(Locale.ROOT, "DJL loss at the initial parameters: %.7f%n", loss);
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
        /** glibc malloc settings of the fork ({@link MallocPolicy}). */
        @Param({"default", "tuned"})
        public String malloc;

        /** Images per forward pass. */
        @Param({"1", "8"})
        public int batch;

        HnnStepFixture fixture;

        /** Builds the network and the batch. */
        @Setup(Level.Trial)
        public void setUp() {
            MallocPolicy.apply(malloc);
            printNd4jThreads();
            fixture = HnnStepFixture.create(PRESET, batch);
        }

        /** Frees native memory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            fixture.close();
        }
    }

    /** The peer's forward pass. */
    @State(Scope.Benchmark)
    public static class DjlInfer {
        /** glibc malloc settings of the fork ({@link MallocPolicy}). */
        @Param({"default", "tuned"})
        public String malloc;

        /** Images per forward pass. */
        @Param({"1", "8"})
        public int batch;

        DjlHnnPeer peer;

        /**
         * Builds the peer from our initial parameters.
         *
         * @throws IllegalStateException if the parameter count differs from ours
         */
        @Setup(Level.Trial)
        public void setUp() {
            MallocPolicy.apply(malloc);
            HnnStepData data = HnnStepData.create(PRESET, batch);
            startPeerEngine();
            peer = DjlHnnPeer.create(data);
            checkParameterCount(data, peer);
        }

        /** Frees native memory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            peer.close();
        }
    }

    /** One training step as the trainer runs it (default engine: forward, gradients, Adam), batch 8. */
    @Benchmark
    public double wsssTrain(OurTrain s) {
        return s.fixture.trainStep();
    }

    /** One training step with the SameDiff gradient engine, batch 8. */
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
        int intra = DjlHnnPeer.startEngine(DjlHnnPeer.nd4jDefaultThreads());
        System.out.printf(Locale.ROOT, "threads: PyTorch intra-op %d, inter-op %d%n", intra, DjlHnnPeer.interOpThreads());
    }

    private static void checkParameterCount(HnnStepData data, DjlHnnPeer peer) {
        if (peer.parameterCount() != data.parameterCount()) {
            throw new IllegalStateException("DJL network has " + peer.parameterCount() + " parameters; ours has "
                    + data.parameterCount());
        }
    }
}
