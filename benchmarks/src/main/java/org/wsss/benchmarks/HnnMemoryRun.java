package org.wsss.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.javacpp.Pointer;
import org.wsss.api.Mask;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.WeakLabel;
import org.wsss.api.Window;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.loss.AlphaBetaSchedule;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.Augmentation;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.hnn.train.TrainingListener;

/**
 * Trains the default HNN preset (batch 8, augmentation on) for many steps and watches memory,
 * to show that off-heap memory stays flat over a long run. Every step it samples:
 * <ul>
 *   <li><b>resident</b>: the process's physical memory ({@link Pointer#physicalBytes()});</li>
 *   <li><b>off-heap</b>: resident minus the committed Java heap ({@link Runtime#totalMemory()}),
 *       i.e. ND4J's native buffers, the JVM's own native memory and the resident pages of the
 *       native libraries. ND4J 1.0.0-M2.1's CPU buffers are allocated by libnd4j and are counted
 *       neither by JavaCPP ({@link Pointer#totalBytes()}) nor by ND4J's allocation tracker (both
 *       read 0 here), so the process's own figures are the ones that can be trusted.</li>
 * </ul>
 * It prints them with the step time every 25 steps, then the peaks and a verdict: off-heap is
 * "flat" when the peak of the last quarter of the run exceeds the peak of the second quarter
 * by at most 10 % (the first quarter is warm-up); the exit status is 1 otherwise.
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar org.wsss.benchmarks.HnnMemoryRun 200}.
 * Args: steps (default 300).
 */
public final class HnnMemoryRun {

    private HnnMemoryRun() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        SplittableRandom rnd = new SplittableRandom(1);
        List<org.wsss.hnn.train.TrainingExample> ex = new ArrayList<>();
        VoxelSpacing sp = new VoxelSpacing(0.8, 0.8, 5);
        for (int k = 0; k < 8; k++) {
            int n = 128;
            double cx = rnd.nextDouble(40, 88), cy = rnd.nextDouble(40, 88), r = rnd.nextDouble(10, 20);
            float[] hu = new float[n * n];
            for (int i = 0; i < hu.length; i++) {
                hu[i] = (float) ((Math.hypot(i % n - cx, i / n - cy) < r ? 100 : -30) + rnd.nextGaussian() * 20);
            }
            Mask inner = Mask.fromPredicate(n, n, (x, y) -> Math.hypot(x - cx, y - cy) < r - 2);
            Mask outer = Mask.fromPredicate(n, n, (x, y) -> Math.hypot(x - cx, y - cy) > r + 2);
            ex.add(org.wsss.hnn.train.TrainingExample.weak(Slice.of(n, n, hu, sp),
                    new Roi((int) (cx - 2 * r), (int) (cy - 2 * r), (int) (4 * r), (int) (4 * r)), Window.DEFAULT,
                    WeakLabel.of(Mask.empty(n, n), inner, outer)));
        }
        long[] t = {System.nanoTime()};
        int[] step = {0};
        long[] offHeap = new long[steps + 1];
        long[] rss = new long[steps + 1];
        TrainingListener l = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batches, org.wsss.hnn.loss.LossValues loss) {
                int k = ++step[0];
                rss[k] = Pointer.physicalBytes();
                offHeap[k] = rss[k] - Runtime.getRuntime().totalMemory();
                if (k % 25 == 0) {
                    long now = System.nanoTime();
                    System.out.printf("step %d: off-heap %d MB, resident %d MB, %.1f ms/step, %s%n",
                            k, offHeap[k] >> 20, rss[k] >> 20, (now - t[0]) / 25e6, loss);
                    t[0] = now;
                }
            }
        };
        try (HnnModel m = Hnn.create(HnnConfig.defaults(), 1L);
             HnnModel trained = Hnn.trainer(new TrainerConfig(1e-3, 1e-3, 100, steps, 8, AlphaBetaSchedule.constant(1, 1),
                     Augmentation.defaults(), 1L, null), List.of(l)).fit(m, ex, List.of()).model()) {
            System.out.println("trained: " + trained.info().provenance().method());
        }
        int n = step[0];
        int q = Math.max(1, n / 4);
        System.out.printf("peak over %d steps: off-heap %d MB, resident %d MB%n", n, max(offHeap, 1, n) >> 20,
                max(rss, 1, n) >> 20);
        long second = max(offHeap, q + 1, 2 * q), last = max(offHeap, n - q + 1, n);
        boolean flat = last <= second * 1.10;
        System.out.printf("off-heap peak in steps %d-%d: %d MB, in steps %d-%d: %d MB: %s%n", q + 1, 2 * q,
                second >> 20, n - q + 1, n, last >> 20, flat ? "flat" : "GROWING");
        if (!flat) {
            System.exit(1);
        }
    }

    private static long max(long[] a, int from, int to) {
        long m = 0;
        for (int i = Math.max(1, from); i <= to; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }
}
