package org.wsss.eval.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.wsss.api.BatchRunner;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Progress;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.SliceSegmenter;
import org.wsss.api.Split;
import org.wsss.api.Window;
import org.wsss.eval.metrics.MeanStd;
import org.wsss.eval.metrics.Metrics;
import org.wsss.grabcut.GcPostProcessing;
import org.wsss.grabcut.InitialMasks;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.Architecture;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.RoiSampler;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.hnn.train.TrainingExample;
import org.wsss.propagation.wsss.WeakLabels;

/**
 * The paper's Table 2 (Sec. 3.2): a CNN trained on RECIST slices with different training masks,
 * scored on the RECIST slices of the test split, as "CNN" (the calibrated probability map
 * thresholded at 0.5) and "CNN-GC" (the map refined by GrabCut, {@link GcPostProcessing#refine}),
 * mean Dice ± std against the ground-truth cross-section, plus "CNN uncalibrated": the network's
 * own output at 0.5, as the paper scores it. The calibration
 * ({@link org.wsss.hnn.model.Calibration}) is fitted against the labels a network was trained
 * on, so a network trained on RECIST-D (precision 0.99, recall about 0.35 of the lesion) is
 * calibrated to reproduce that under-segmentation; the uncalibrated column shows what the
 * class-balanced loss alone makes of it.
 *
 * <p>Rows: UNet + GT and HNN + GT (fully supervised, HED's class-balanced loss on the
 * ground-truth mask of the RECIST slice), HNN + RECIST-D and HNN + GrabCut-R (weak labels R, F,
 * B of Sec. 2.2 from the mark and the initial mask, {@link WeakLabels}). Every network sees the
 * same ROI (2× the RECIST extent, {@link RoiSampler#recistRoi}), window and training schedule.
 *
 * <p>{@link #fiveFold} tests the paper's other claim of Sec. 3.2: HNN trained weakly on every
 * training lesion against HNN trained fully supervised on a small annotated set — the test
 * split cut into five folds, each scored by a supervised HNN trained on the other four.
 *
 * <p>Deviations from the paper: the data are whatever dataset is passed (the phantom by
 * default), not DeepLesion or the lymph-node set; the GT rows of the main table are trained on
 * the training split's ground truth (the phantom has it for every lesion), whereas the paper's
 * DeepLesion GT rows come from the five folds of its 1,000 annotated test slices (that protocol is
 * {@link #fiveFold}); networks are small and trained from scratch on CPU (see wsss-hnn).
 */
public final class Table2 {

    /** Row names, in the paper's order. */
    public static final List<String> METHODS = List.of("UNet + GT", "HNN + GT", "HNN + RECIST-D", "HNN + GrabCut-R");

    private Table2() {
    }

    /**
     * How big the experiment is.
     *
     * @param hnn HNN architecture
     * @param unet UNet architecture (its {@link HnnConfig#architecture()} must be UNET)
     * @param trainer training schedule of every network
     * @param maxTrainCases at most this many training lesions (the first of the split), ≥ 1
     * @param maxTestCases at most this many test lesions, ≥ 1
     * @param modelSeed seed of the initial weights
     */
    public record Config(HnnConfig hnn, HnnConfig unet, TrainerConfig trainer, int maxTrainCases, int maxTestCases,
                         long modelSeed) {

        /** Validates. */
        public Config {
            Objects.requireNonNull(hnn, "hnn");
            Objects.requireNonNull(unet, "unet");
            Objects.requireNonNull(trainer, "trainer");
            if (hnn.architecture() != Architecture.HNN) {
                throw new IllegalArgumentException("Table2.Config hnn must be an HNN, got " + hnn.architecture());
            }
            if (unet.architecture() != Architecture.UNET) {
                throw new IllegalArgumentException("Table2.Config unet must be a UNet, got " + unet.architecture());
            }
            if (maxTrainCases < 1) {
                throw new IllegalArgumentException("Table2.Config maxTrainCases must be >= 1, got " + maxTrainCases);
            }
            if (maxTestCases < 1) {
                throw new IllegalArgumentException("Table2.Config maxTestCases must be >= 1, got " + maxTestCases);
            }
        }

        /**
         * Minutes on 2 cores: the default CPU presets ({@link HnnConfig#defaults()},
         * {@link HnnConfig#unet()}), 8 epochs at batch 8, at most 200 training and 60 test lesions.
         */
        public static Config quick() {
            return new Config(HnnConfig.defaults(), HnnConfig.unet(), TrainerConfig.defaults().withEpochs(8), 200, 60, 1L);
        }

        /** The default presets, {@link TrainerConfig#defaults()} (30 epochs), every lesion. */
        public static Config full() {
            return new Config(HnnConfig.defaults(), HnnConfig.unet(), TrainerConfig.defaults(), Integer.MAX_VALUE,
                    Integer.MAX_VALUE, 1L);
        }

        /** The same with another trainer. */
        public Config withTrainer(TrainerConfig t) {
            return new Config(hnn, unet, t, maxTrainCases, maxTestCases, modelSeed);
        }

        /** The same with other architectures. */
        public Config withNetworks(HnnConfig h, HnnConfig u) {
            return new Config(h, u, trainer, maxTrainCases, maxTestCases, modelSeed);
        }

        /** The same with other case limits. */
        public Config withLimits(int train, int test) {
            return new Config(hnn, unet, trainer, train, test, modelSeed);
        }
    }

    /**
     * One row: Dice of the thresholded (calibrated) map, of its GrabCut refinement, and of the
     * uncalibrated map at 0.5 (the paper's protocol), and how long training took.
     */
    public record Row(String method, MeanStd cnn, MeanStd cnnGc, MeanStd cnnUncalibrated, int trainCases,
                      double trainSeconds) {
    }

    /** The table. */
    public record Result(List<Row> rows, int testCases) {

        /** Copies the rows. */
        public Result {
            rows = List.copyOf(rows);
        }

        /** The row called {@code method}. */
        public Row row(String method) {
            return rows.stream().filter(r -> r.method().equals(method)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no row " + method + "; rows are " + METHODS));
        }

        /** As the paper prints it: method, CNN, CNN-GC (mean Dice ± std), plus case counts. */
        public Tables table() {
            Tables t = new Tables(List.of("Method", "CNN", "CNN-GC", "CNN uncalibrated", "train", "test", "train s"));
            for (Row r : rows) {
                t.add(List.of(r.method(), pm(r.cnn()), pm(r.cnnGc()), pm(r.cnnUncalibrated()), Integer.toString(r.trainCases()),
                        Integer.toString(r.cnn().n()), String.format(java.util.Locale.ROOT, "%.0f", r.trainSeconds())));
            }
            return t;
        }
    }

    /** A lesion's RECIST slice with everything the experiment needs of it. */
    private record Item(String id, Slice slice, Recist recist, Window window, Roi roi, Mask truth) {
    }

    /**
     * Trains the four networks on the training split and scores them on the test split.
     *
     * @param threads worker threads (≥ 1) for initial masks and GrabCut post-processing
     * @throws IllegalArgumentException if a split has no lesion with ground truth
     */
    public static Result run(LesionDataset data, Config config, int threads, Progress progress) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        checkThreads(threads);
        List<Item> train = items(data, Split.TRAIN, config.maxTrainCases(), threads);
        List<Item> test = items(data, Split.TEST, config.maxTestCases(), threads);
        List<TrainingExample> gt = new ArrayList<>();
        for (Item it : train) {
            gt.add(TrainingExample.supervised(it.slice(), it.roi(), it.window(), it.truth()));
        }
        List<TrainingExample> recistD = weak(train, InitialMasks.recistD(), threads);
        List<TrainingExample> grabCutR = weak(train, InitialMasks.grabCutR(), threads);
        List<Row> rows = new ArrayList<>();
        progress.start("Table 2: 4 networks on " + train.size() + " training, " + test.size() + " test RECIST slices", 4);
        try {
            rows.add(trainAndScore(METHODS.get(0), config.unet(), config, gt, test, threads));
            progress.advance(1);
            rows.add(trainAndScore(METHODS.get(1), config.hnn(), config, gt, test, threads));
            progress.advance(1);
            rows.add(trainAndScore(METHODS.get(2), config.hnn(), config, recistD, test, threads));
            progress.advance(1);
            rows.add(trainAndScore(METHODS.get(3), config.hnn(), config, grabCutR, test, threads));
            progress.advance(1);
        } finally {
            progress.finish();
        }
        return new Result(rows, test.size());
    }

    /** The weak-versus-supervised comparison: per method, Dice pooled over the five folds' held-out lesions. */
    public record FoldResult(List<Row> rows, int folds) {

        /** Copies the rows. */
        public FoldResult {
            rows = List.copyOf(rows);
        }

        /** Method, CNN, CNN-GC, training lesions per network, scored lesions. */
        public Tables table() {
            Tables t = new Tables(List.of("Method", "CNN", "CNN-GC", "CNN uncalibrated", "train", "test"));
            for (Row r : rows) {
                t.add(List.of(r.method(), pm(r.cnn()), pm(r.cnnGc()), pm(r.cnnUncalibrated()), Integer.toString(r.trainCases()),
                        Integer.toString(r.cnn().n())));
            }
            return t;
        }
    }

    /**
     * Sec. 3.2's claim that weak labels on many lesions beat full labels on few: the test split
     * is cut into five folds (in case order); "HNN + GT (5-fold)" is scored on each fold by a
     * supervised HNN trained on the other four folds' ground truth, "HNN + GrabCut-R (all
     * training lesions)" by one HNN trained on weak GrabCut-R labels of the training split.
     * Both rows are scored on the same test lesions.
     */
    public static FoldResult fiveFold(LesionDataset data, Config config, int threads, Progress progress) {
        Objects.requireNonNull(data, "data");
        checkThreads(threads);
        int folds = 5;
        List<Item> train = items(data, Split.TRAIN, config.maxTrainCases(), threads);
        List<Item> test = items(data, Split.TEST, config.maxTestCases(), threads);
        if (test.size() < folds) {
            throw new IllegalArgumentException("five folds need at least 5 test lesions with ground truth, got " + test.size());
        }
        progress.start("5-fold: weak HNN on " + train.size() + " lesions vs supervised HNN on 4/5 of " + test.size(),
                folds + 1);
        try {
            List<TrainingExample> weak = weak(train, InitialMasks.grabCutR(), threads);
            Row weakRow = trainAndScore("HNN + GrabCut-R (all training lesions)", config.hnn(), config, weak, test, threads);
            progress.advance(1);
            List<Double> cnn = new ArrayList<>(), gc = new ArrayList<>(), raw = new ArrayList<>();
            double seconds = 0;
            int trainSize = 0;
            for (int k = 0; k < folds; k++) {
                List<Item> held = new ArrayList<>();
                List<TrainingExample> fit = new ArrayList<>();
                for (int i = 0; i < test.size(); i++) {
                    Item it = test.get(i);
                    if (i * folds / test.size() == k) {
                        held.add(it);
                    } else {
                        fit.add(TrainingExample.supervised(it.slice(), it.roi(), it.window(), it.truth()));
                    }
                }
                trainSize = Math.max(trainSize, fit.size());
                long t0 = System.nanoTime();
                try (HnnModel init = Hnn.create(config.hnn(), config.modelSeed() + k);
                     HnnModel m = Hnn.trainer(config.trainer(), List.of()).fit(init, fit, List.of()).model()) {
                    seconds += (System.nanoTime() - t0) / 1e9;
                    double[][] s = score(m, held, threads);
                    for (int i = 0; i < held.size(); i++) {
                        cnn.add(s[0][i]);
                        gc.add(s[1][i]);
                        raw.add(s[2][i]);
                    }
                }
                progress.advance(1);
            }
            Row sup = new Row("HNN + GT (5-fold on the test split)", MeanStd.of(cnn), MeanStd.of(gc), MeanStd.of(raw), trainSize,
                    seconds);
            return new FoldResult(List.of(weakRow, sup), folds);
        } finally {
            progress.finish();
        }
    }

    private static Row trainAndScore(String name, HnnConfig arch, Config config, List<TrainingExample> train, List<Item> test,
                                     int threads) {
        long t0 = System.nanoTime();
        try (HnnModel init = Hnn.create(arch, config.modelSeed());
             HnnModel m = Hnn.trainer(config.trainer(), List.of()).fit(init, train, List.of()).model()) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[][] s = score(m, test, threads);
            return new Row(name, MeanStd.of(s[0]), MeanStd.of(s[1]), MeanStd.of(s[2]), train.size(), seconds);
        }
    }

    /** Dice of CNN ({@code [0]}), CNN-GC ({@code [1]}) and uncalibrated CNN ({@code [2]}) per lesion. */
    private static double[][] score(HnnModel model, List<Item> test, int threads) {
        List<SliceSegmenter.Request> req = new ArrayList<>();
        for (Item it : test) {
            req.add(new SliceSegmenter.Request(it.slice(), it.roi(), it.window()));
        }
        List<ProbabilityMap> maps = model.predictAll(req);
        double[] cnn = new double[test.size()];
        double[] raw = new double[test.size()];
        // The calibration is monotone: raw ≥ 0.5 where the calibrated map ≥ calibrated(0.5), exactly on
        // the network grid and up to the bilinear resampling onto the slice between grid points.
        double rawHalf = model.info().calibration().apply(0.5f);
        for (int i = 0; i < test.size(); i++) {
            Item it = test.get(i);
            cnn[i] = Metrics.dice(maps.get(i).threshold(it.slice().width(), it.slice().height(), 0.5), it.truth());
            raw[i] = Metrics.dice(maps.get(i).threshold(it.slice().width(), it.slice().height(), rawHalf), it.truth());
        }
        List<Double> gc = parallel(IntStream.range(0, test.size()).boxed().toList(), threads, i -> {
            Item it = test.get(i);
            return Metrics.dice(GcPostProcessing.refine(it.slice(), it.recist(), maps.get(i), it.window()), it.truth());
        });
        return new double[][]{cnn, gc.stream().mapToDouble(Double::doubleValue).toArray(), raw};
    }

    private static List<TrainingExample> weak(List<Item> items, InitialMaskMethod method, int threads) {
        return parallel(items, threads, it -> {
            Mask m = method.segment(it.slice(), it.recist(), it.window());
            return TrainingExample.weak(it.slice(), it.roi(), it.window(), WeakLabels.of(it.recist(), m, it.roi()));
        });
    }

    private static List<Item> items(LesionDataset data, Split split, int max, int threads) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < data.size() && idx.size() < max; i++) {
            if (data.get(i).split() == split) {
                idx.add(i);
            }
        }
        List<Item> out = parallel(idx, threads, i -> {
            LesionCase c = data.get(i);
            return c.groundTruth().map(gt -> new Item(c.id(), c.keySlice(), c.recist(), c.window(),
                    RoiSampler.recistRoi(c.recist()), gt.slice(c.zOf(c.recist().sliceIndex())))).orElse(null);
        });
        out.removeIf(Objects::isNull);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Table 2 needs lesions with ground truth in the " + split + " split; found none");
        }
        return out;
    }

    private static <T, R> List<R> parallel(List<T> in, int threads, Function<T, R> f) {
        return BatchRunner.valuesOrThrow(BatchRunner.withThreads(threads).run(in, String::valueOf, f::apply));
    }

    private static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    private static String pm(MeanStd m) {
        return Tables.f3(m.mean()) + "±" + Tables.f3(m.std());
    }
}
