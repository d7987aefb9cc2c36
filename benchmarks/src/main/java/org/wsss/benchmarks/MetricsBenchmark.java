package org.wsss.benchmarks;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.wsss.api.Mask3D;
import org.wsss.api.VoxelSpacing;
import org.wsss.eval.metrics.Metrics;
import org.wsss.eval.metrics.Overlap;

/**
 * Dice, precision and recall of a 512×512×64 prediction against its truth: the bit-set path of
 * {@link Metrics#overlap(Mask3D, Mask3D)} against a plain loop over {@code boolean[]} voxels in
 * the same run, so that the figure that matters is the ratio of the two.
 *
 * <p>The masks are seeded random ellipsoids (a truth of lesion-like blobs and a prediction of
 * the same blobs shifted and resized, plus false blobs), built once in {@link #setUp()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MetricsBenchmark {

    static final int W = 512;
    static final int H = 512;
    static final int D = 64;

    private Mask3D prediction;
    private Mask3D truth;
    private boolean[] predictionVoxels;
    private boolean[] truthVoxels;

    /** Builds the mask pair and checks that both paths count the same voxels. */
    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(2018);
        predictionVoxels = new boolean[W * H * D];
        truthVoxels = new boolean[W * H * D];
        for (int b = 0; b < 24; b++) {
            double cx = 40 + r.nextDouble() * (W - 80);
            double cy = 40 + r.nextDouble() * (H - 80);
            double cz = 4 + r.nextDouble() * (D - 8);
            double rx = 5 + r.nextDouble() * 35;
            double ry = rx * (0.6 + 0.8 * r.nextDouble());
            double rz = 1 + r.nextDouble() * 6;
            fill(truthVoxels, cx, cy, cz, rx, ry, rz);
            // The prediction: the same blob a few voxels off and 80..120% of the size.
            double s = 0.8 + 0.4 * r.nextDouble();
            fill(predictionVoxels, cx + r.nextInt(-4, 5), cy + r.nextInt(-4, 5), cz + r.nextInt(-1, 2),
                    rx * s, ry * s, rz * s);
        }
        for (int b = 0; b < 6; b++) { // false positives away from any lesion
            fill(predictionVoxels, 20 + r.nextDouble() * (W - 40), 20 + r.nextDouble() * (H - 40),
                    r.nextDouble() * D, 3 + r.nextDouble() * 8, 3 + r.nextDouble() * 8, 1 + r.nextDouble() * 2);
        }
        VoxelSpacing spacing = new VoxelSpacing(0.7, 0.7, 5);
        prediction = Mask3D.of(W, H, D, spacing, predictionVoxels);
        truth = Mask3D.of(W, H, D, spacing, truthVoxels);
        Overlap fast = Metrics.overlap(prediction, truth);
        Overlap slow = countBooleans(predictionVoxels, truthVoxels);
        if (!fast.equals(slow) || fast.tp() == 0) {
            throw new IllegalStateException("bit-set " + fast + " differs from boolean loop " + slow);
        }
    }

    /** Dice, precision and recall from the masks' bit sets. */
    @Benchmark
    public void bitSet(Blackhole bh) {
        Overlap o = Metrics.overlap(prediction, truth);
        bh.consume(o.dice());
        bh.consume(o.precision());
        bh.consume(o.recall());
    }

    /** Reference: the same scores from a loop over one boolean per voxel. */
    @Benchmark
    public void booleanLoop(Blackhole bh) {
        Overlap o = countBooleans(predictionVoxels, truthVoxels);
        bh.consume(o.dice());
        bh.consume(o.precision());
        bh.consume(o.recall());
    }

    static Overlap countBooleans(boolean[] p, boolean[] t) {
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i]) {
                if (t[i]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (t[i]) {
                fn++;
            }
        }
        return new Overlap(tp, fp, fn);
    }

    private static void fill(boolean[] v, double cx, double cy, double cz, double rx, double ry, double rz) {
        int x0 = Math.max(0, (int) Math.floor(cx - rx)), x1 = Math.min(W - 1, (int) Math.ceil(cx + rx));
        int y0 = Math.max(0, (int) Math.floor(cy - ry)), y1 = Math.min(H - 1, (int) Math.ceil(cy + ry));
        int z0 = Math.max(0, (int) Math.floor(cz - rz)), z1 = Math.min(D - 1, (int) Math.ceil(cz + rz));
        for (int z = z0; z <= z1; z++) {
            double dz = (z - cz) / rz;
            for (int y = y0; y <= y1; y++) {
                double dy = (y - cy) / ry;
                for (int x = x0; x <= x1; x++) {
                    double dx = (x - cx) / rx;
                    if (dx * dx + dy * dy + dz * dz <= 1) {
                        v[(z * H + y) * W + x] = true;
                    }
                }
            }
        }
    }
}
