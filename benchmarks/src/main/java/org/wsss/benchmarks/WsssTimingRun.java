package org.wsss.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bytedeco.javacpp.Pointer;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask3D;
import org.wsss.api.Split;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.hnn.train.TrainingListener;
import org.wsss.propagation.LesionSegmenters;
import org.wsss.propagation.Wsss;
import org.wsss.propagation.inference.LesionSegmentation;
import org.wsss.propagation.inference.SlicePropagatedSegmenter;
import org.wsss.propagation.wsss.WsssConfig;
import org.wsss.propagation.wsss.WsssListener;
import org.wsss.propagation.wsss.WsssResult;
import org.wsss.propagation.wsss.WsssStep;

/**
 * A timed run of WSSS-3 on the default phantom with the default HNN preset: seconds per
 * training epoch per 100 examples (step 0 on RECIST slices, step 1 with the r ± 1 slices added),
 * then the time to segment one test lesion in 3D with the trained model (CNN, and "-GC"), with
 * GrabCut-3DE on the same lesions in the same run as the reference. Wall-clock figures on a
 * shared machine are noisy; read the ratios. Args: training lesions (default 100), step-0
 * epochs (default 6), step-1 epochs (default 2), test lesions (default 10).
 */
public final class WsssTimingRun {

    private WsssTimingRun() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int nTrain = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int e0 = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int e1 = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int nTest = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        LesionDataset ds = Phantom.dataset(PhantomConfig.defaults().withCount(Math.max(200, 2 * (nTrain + nTest))));
        List<LesionCase> train = ds.split(Split.TRAIN).limit(nTrain).collect(Collectors.toList());
        List<LesionCase> test = ds.split(Split.TEST).limit(nTest).collect(Collectors.toList());
        long[] peak = {Pointer.physicalBytes()};
        WsssListener l = new WsssListener() {
            int examples;

            @Override
            public void onStepStart(int step, int steps, int ex, int epochs) {
                examples = ex;
            }

            @Override
            public void onEpochEnd(int step, TrainingListener.EpochSummary s) {
                peak[0] = Math.max(peak[0], Pointer.physicalBytes());
                System.out.printf(Locale.ROOT, "step %d epoch %d: %d examples, %.1f s (%.1f s per 100 examples), %s%n", step,
                        s.epoch(), examples, s.seconds(), s.seconds() * 100.0 / examples, s.train());
            }
        };
        TrainerConfig t = TrainerConfig.defaults().withEpochs(e0);
        WsssConfig cfg = WsssConfig.defaults().withK(3).withHnn(HnnConfig.defaults()).withTraining(t, t.withEpochs(e1));
        long t0 = System.nanoTime();
        WsssResult r = Wsss.train(train, List.of(), cfg, l);
        System.out.printf(Locale.ROOT, "WSSS-3 training on %d lesions: %.1f s%n", train.size(), (System.nanoTime() - t0) / 1e9);
        for (WsssStep s : r.steps()) {
            System.out.println("  " + s);
        }
        try (HnnModel model = r.model()) {
            SlicePropagatedSegmenter cnn = LesionSegmenters.hnn(model), gc = LesionSegmenters.hnnGc(model);
            LesionSegmenter ref = LesionSegmenters.grabCut3de();
            // Warm-up on the first lesion.
            cnn.segment(test.get(0));
            gc.segment(test.get(0));
            ref.segment(test.get(0));
            double[] ms = new double[3];
            int visited = 0, slicesRef = 0;
            List<String> rows = new ArrayList<>();
            for (LesionCase c : test) {
                long a = System.nanoTime();
                LesionSegmentation sc = cnn.segmentWithProbabilities(c);
                long b = System.nanoTime();
                LesionSegmentation sg = gc.segmentWithProbabilities(c);
                long d = System.nanoTime();
                Mask3D sr = ref.segment(c);
                long e = System.nanoTime();
                peak[0] = Math.max(peak[0], Pointer.physicalBytes());
                ms[0] += (b - a) / 1e6;
                ms[1] += (d - b) / 1e6;
                ms[2] += (e - d) / 1e6;
                visited += sg.visitedSlices();
                slicesRef += nonEmpty(sr);
                rows.add(String.format(Locale.ROOT, "  %s: %d stored slices, CNN %.0f ms (%d visited), GC %.0f ms (%d visited), "
                        + "GrabCut-3DE %.0f ms (%d slices)", c.id(), c.sliceIndices().length, (b - a) / 1e6,
                        sc.visitedSlices(), (d - b) / 1e6, sg.visitedSlices(), (e - d) / 1e6, nonEmpty(sr)));
            }
            rows.forEach(System.out::println);
            int n = test.size();
            System.out.printf(Locale.ROOT, "per lesion (mean of %d): CNN %.0f ms, CNN-GC %.0f ms (%.1f slices visited), "
                    + "GrabCut-3DE %.0f ms (%.1f slices); GC / GrabCut-3DE = %.2f%n", n, ms[0] / n, ms[1] / n,
                    (double) visited / n, ms[2] / n, (double) slicesRef / n, ms[1] / ms[2]);
            System.out.printf(Locale.ROOT, "peak physical memory seen: %d MB, heap max %d MB%n", peak[0] >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static int nonEmpty(Mask3D m) {
        int k = 0;
        for (int z = 0; z < m.depth(); z++) {
            k += m.slice(z).isEmpty() ? 0 : 1;
        }
        return k;
    }
}
