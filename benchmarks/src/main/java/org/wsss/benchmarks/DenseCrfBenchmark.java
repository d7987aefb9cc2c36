package org.wsss.benchmarks;

import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;
import org.wsss.grabcut.crf.DenseCrf;
import org.wsss.grabcut.crf.DenseCrfConfig;

/**
 * Dense CRF (2 labels, smoothness + appearance kernels, default config) on a noisy gray disk
 * image of {@code size × size}: 5 mean-field iterations on a built CRF, and the lattice builds
 * plus 5 iterations. Growth from 128² to 512² (16× the pixels) shows whether the cost is
 * linear.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DenseCrfBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DenseCrfBenchmark {

    @Param({"128", "512"})
    public int size;

    private float[] unary;
    private float[] pos;
    private float[] bil;
    private DenseCrf built;
    private final DenseCrfConfig config = DenseCrfConfig.defaults();

    @Setup(Level.Trial)
    public void setUp() {
        int n = size * size;
        SplittableRandom rnd = new SplittableRandom(5);
        unary = new float[2 * n];
        pos = new float[2 * n];
        bil = new float[3 * n];
        double r = size / 4.0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                boolean in = Math.hypot(x - size / 2.0, y - size / 2.0) < r;
                double p = (in ^ rnd.nextDouble() < 0.3) ? 0.6 : 0.4;
                unary[2 * i] = (float) -Math.log(1 - p);
                unary[2 * i + 1] = (float) -Math.log(p);
                double gray = (in ? 170 : 90) + 20 * rnd.nextGaussian();
                pos[2 * i] = (float) (x / config.gaussianSigmaPx());
                pos[2 * i + 1] = (float) (y / config.gaussianSigmaPx());
                bil[3 * i] = (float) (x / config.appearanceSigmaPx(2 * r));
                bil[3 * i + 1] = (float) (y / config.appearanceSigmaPx(2 * r));
                bil[3 * i + 2] = (float) (gray / config.appearanceSigmaGray(20));
            }
        }
        built = build();
    }

    private DenseCrf build() {
        return new DenseCrf(size * size, 2, unary).addKernel(pos, 2, config.gaussianWeight())
                .addKernel(bil, 3, config.bilateralWeight());
    }

    /** 5 mean-field iterations; the lattices are already built. */
    @Benchmark
    public float[] inference5() {
        return built.inference(5);
    }

    /** Both lattices built, then 5 iterations. */
    @Benchmark
    public float[] buildAndInference5() {
        return build().inference(5);
    }
}
