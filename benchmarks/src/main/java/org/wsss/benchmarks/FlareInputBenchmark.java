package org.wsss.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.wsss.api.LesionCase;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;
import org.wsss.io.LesionInput;
import org.wsss.io.LesionInputs;
import org.wsss.io.Npy;

/**
 * Reading one FLARE25 case (a 48 × 512 × 512 int16 {@code imgs} with CT-like noise and a
 * {@code recist} of two lines) the way {@code wsss segment --flare} does: open the folder (scan
 * {@code recist} for the lines) and read the volume's slices. The reference, measured in the same
 * run, is the plain way through the public reader: each array inflated whole and converted
 * element by element with {@link Npy.Array#get}. The figure that matters is the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FlareInputBenchmark {

    static final int W = 512;
    static final int H = 512;
    static final int D = 48;

    private Path dir;

    /** Writes the case. */
    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("flare-bench");
        SplittableRandom r = new SplittableRandom(15);
        short[] imgs = new short[W * H * D];
        for (int i = 0; i < imgs.length; i++) {
            int x = i % W, y = i / W % H;
            double body = Math.pow((x - W / 2.0) / (0.42 * W), 2) + Math.pow((y - H / 2.0) / (0.32 * H), 2);
            imgs[i] = (short) Math.round((body < 1 ? 40 : -1000) + 12 * r.nextGaussian());
        }
        byte[] recist = new byte[imgs.length];
        for (int x = 200; x < 240; x++) {
            recist[(20 * H + 250) * W + x] = 1;
            recist[(30 * H + 300) * W + x + 60] = 2;
        }
        long[] shape = {D, H, W};
        Npy.writeNpz(dir.resolve("case.npz"), Map.of("imgs", Npy.int16(shape, imgs), "spacing",
                Npy.float64(new long[] {3}, new double[] {0.8, 0.8, 2.5}), "recist", Npy.uint8(shape, recist)));
    }

    /** Removes the case. */
    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("case.npz"));
        Files.deleteIfExists(dir);
    }

    /** {@link LesionInputs#flareNpz}: the lines found, then every slice of the volume read. */
    @Benchmark
    public float input() {
        LesionInput in = LesionInputs.flareNpz(dir, 1);
        LesionCase c = in.dataset().get(0);
        float sum = 0;
        for (int z = 0; z < D; z++) {
            sum += c.slice(z).get(W / 2, H / 2);
        }
        return sum;
    }

    /** Reference: each array inflated whole, then converted element by element. */
    @Benchmark
    public float elementByElement() {
        try (Npy.Npz z = Npy.openNpz(dir.resolve("case.npz"))) {
            Npy.Array recist = z.get("recist");
            int lines = 0;
            for (long i = 0; i < recist.size(); i++) {
                lines += recist.get(i) != 0 ? 1 : 0;
            }
            Npy.Array imgs = z.get("imgs");
            VoxelSpacing s = new VoxelSpacing(0.8, 0.8, 2.5);
            List<Slice> slices = new ArrayList<>(D);
            float[] hu = new float[W * H];
            for (int k = 0; k < D; k++) {
                for (int p = 0; p < hu.length; p++) {
                    hu[p] = (float) imgs.get((long) k * W * H + p);
                }
                slices.add(Slice.of(W, H, hu, s));
            }
            return slices.get(D / 2).get(W / 2, H / 2) + lines;
        }
    }
}
