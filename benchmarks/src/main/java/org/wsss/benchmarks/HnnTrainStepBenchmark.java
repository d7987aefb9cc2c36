package org.wsss.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
import org.wsss.api.Mask;
import org.wsss.hnn.loss.LossValues;
import org.wsss.hnn.loss.PixelWeights;
import org.wsss.hnn.loss.WeakLoss;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnNetwork;
import org.wsss.hnn.train.Adam;

/**
 * One training step (forward, reverse-mode gradients of the weak loss, Adam update, and the
 * trainer's periodic garbage collection amortised over its steps) and one
 * batched forward pass of the HNN presets, batch 8. The nd4j-native build is fixed per JVM, so
 * builds are compared by running this benchmark once per classpath, e.g. built with
 * {@code -Dnd4j.classifier=linux-x86_64} and with the default {@code linux-x86_64-onednn-avx2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class HnnTrainStepBenchmark {

    /** Network preset: {@code defaults} (2-core) or {@code tiny}. */
    @Param({"defaults"})
    public String preset;

    /** Images per step. */
    @Param({"8"})
    public int batch;

    private HnnNetwork net;
    private Adam adam;
    private INDArray input;
    private Map<String, INDArray> placeholders;
    private long steps;

    /** Builds the network and one fixed batch of random images and weak labels. */
    @Setup(Level.Trial)
    public void setUp() {
        HnnConfig cfg = preset.equals("tiny") ? HnnConfig.tiny(3, 8, 32) : HnnConfig.defaults();
        int s = cfg.inputSize();
        net = HnnNetwork.create(cfg, 1L, DataType.FLOAT);
        adam = new Adam();
        SplittableRandom rnd = new SplittableRandom(2);
        float[] x = new float[batch * s * s];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble();
        }
        input = Nd4j.create(x, new long[]{batch, 1, s, s}, 'c');
        List<PixelWeights> w = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            Mask disc = Mask.fromPredicate(s, s, (px, py) -> Math.hypot(px - s / 2.0, py - s / 2.0) < s / 5.0);
            w.add(PixelWeights.supervised(disc));
        }
        placeholders = WeakLoss.placeholders(w, 1, 1, DataType.FLOAT, s);
    }

    /** Frees native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        adam.close();
        net.close();
    }

    /** Forward + backward + Adam. */
    @Benchmark
    public double trainStep() {
        Map<String, INDArray> g = new HashMap<>();
        LossValues lv = net.gradients(input, placeholders, g);
        adam.update(net, g, 1e-4);
        g.values().forEach(INDArray::close);
        // Same native-memory policy as HnnTrainer: a collection every GC_EVERY_STEPS steps.
        if (++steps % org.wsss.hnn.train.HnnTrainer.GC_EVERY_STEPS == 0) {
            System.gc();
        }
        return lv.total();
    }

    /** Fused probabilities for the batch. */
    @Benchmark
    public float inferBatch() {
        return net.predict(input)[0];
    }
}
