package org.wsss.benchmarks;

import java.util.concurrent.TimeUnit;

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
 * One training step (forward, gradients of the weak loss, Adam update, and the trainer's
 * garbage-collection policy amortised over its steps), with the default gradient engine and with
 * SameDiff's, and one batched forward pass of the HNN presets, batch 8. The nd4j-native build is fixed per JVM, so
 * builds are compared by running this benchmark once per classpath, e.g. built with
 * {@code -Dnd4j.classifier=linux-x86_64} and with the default {@code linux-x86_64-onednn-avx2}.
 * The batch and step are those of {@code HnnStepFixture}, which the DJL/PyTorch peer benchmark
 * (Maven profile {@code djl}) shares.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class HnnTrainStepBenchmark {

    /** Network preset: {@code defaults} (the 2-core HNN), {@code unet} (its UNet baseline) or {@code tiny}. */
    @Param({"defaults", "unet"})
    public String preset;

    /** Images per step. */
    @Param({"8"})
    public int batch;

    /** Gradient engine ({@code GradientEngine}): the trainer's default {@code AUTO}, or {@code SAMEDIFF}. */
    @Param({"AUTO", "SAMEDIFF"})
    public String engine;

    private HnnStepFixture fixture;

    /** Builds the network and one fixed batch of random images and weak labels. */
    @Setup(Level.Trial)
    public void setUp() {
        fixture = HnnStepFixture.create(preset, batch, GradientEngine.valueOf(engine));
    }

    /** Frees native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    /** Forward + backward + Adam. */
    @Benchmark
    public double trainStep() {
        return fixture.trainStep();
    }

    /** Fused probabilities for the batch. */
    @Benchmark
    public float inferBatch() {
        return fixture.predict()[0];
    }
}
