package org.wsss.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Trains the default HNN preset for many steps and prints native physical memory (JavaCPP's
 * {@link Pointer#physicalBytes()}) and step time every 25 steps, to see whether off-heap memory
 * stays flat over a long run. Args: steps (default 300).
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
        TrainingListener l = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batches, org.wsss.hnn.loss.LossValues loss) {
                step[0]++;
                if (step[0] % 25 == 0) {
                    long now = System.nanoTime();
                    System.out.printf("step %d: physicalBytes %d MB, %.1f ms/step, %s%n", step[0],
                            Pointer.physicalBytes() >> 20, (now - t[0]) / 25e6, loss);
                    t[0] = now;
                }
            }
        };
        try (HnnModel m = Hnn.create(HnnConfig.defaults(), 1L)) {
            Hnn.trainer(new TrainerConfig(1e-3, 1e-3, 100, steps, 8, AlphaBetaSchedule.constant(1, 1), Augmentation.defaults(),
                    1L, null), List.of(l)).fit(m, ex, List.of());
        }
        System.out.println("done " + Map.of("steps", step[0]));
    }
}
