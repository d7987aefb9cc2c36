package org.wsss.eval.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import org.wsss.api.BatchRunner;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.LesionDataset;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask3D;
import org.wsss.api.Progress;
import org.wsss.api.Split;
import org.wsss.eval.metrics.CategoryTable;
import org.wsss.eval.metrics.DiceBySliceOffset;
import org.wsss.eval.metrics.MeanStd;
import org.wsss.eval.metrics.Metrics;
import org.wsss.eval.metrics.Overlap;
import org.wsss.eval.metrics.PairedComparison;
import org.wsss.eval.metrics.PrecisionRecallCurve;

/**
 * The paper's volumetric evaluation (Sec. 3.3): Fig. 2a (mean 2D Dice by slice offset from the
 * RECIST slice), Fig. 2b (voxel-aggregated precision, recall and F1, and precision–recall
 * curves of methods that give lesion probabilities) and Table 3 (mean 3D Dice per lesion
 * category and over all lesions), from one pass over the lesions of a split.
 *
 * <p>Every lesion of the split is segmented in 3D by every {@link Method} (any
 * {@link LesionSegmenter}: GrabCut-3DE, HNN, WSSS-k, ...). The mask is scored against the case's
 * ground truth on the grid of {@link LesionCase#sliceIndices()}, the RECIST slice being
 * {@code z = zOf(recist().sliceIndex())}:
 * <ul>
 *   <li>Fig. 2a: {@link DiceBySliceOffset} over offsets {@code −maxOffset..+maxOffset}; a slice
 *       enters when its ground truth is non-empty (see that class).</li>
 *   <li>Fig. 2b: the lesion's voxel counts are summed over lesions ({@link Metrics#aggregate});
 *       a method with a {@link ProbabilitySource} also adds its probability volume to a
 *       {@link PrecisionRecallCurve} over evenly spaced thresholds, whose best-F1 point is
 *       reported.</li>
 *   <li>Table 3: the lesion's 3D Dice goes to a {@link CategoryTable}; "Mean" is the mean over
 *       lesions, each lesion weighing the same.</li>
 * </ul>
 * Lesions are spread over worker threads and every accumulator is filled in case order, so the
 * result does not depend on the thread count. A method that throws on a lesion (or returns a
 * mask on another grid) is recorded as a {@link Failure} of that lesion and scored on the
 * others; a probability source that fails only drops the lesion from that method's curve. A
 * lesion whose ground truth or RECIST slice cannot be read is a failure of every method.
 *
 * <p>For the report's overlay pictures the result keeps the masks of a few lesions
 * ({@link Config#examplesPerCategory()} per category, the first ones in case order):
 * {@link Result#examples()}.
 *
 * <h2>Deviations from the paper</h2>
 * The paper does not say how failed lesions count; here they are left out of every score and
 * counted in a "failed" column, as in {@link Table1}. It does not list its PR thresholds; they
 * are {@link Config#thresholds()} evenly spaced values in [0, 1]. Probabilities at a threshold
 * count as predicted ({@code p ≥ t}).
 */
public final class Volumetric {

    private Volumetric() {
    }

    /**
     * Lesion probability of every voxel of a case, for the precision–recall curve of Fig. 2b.
     * Must agree with the method's own mask grid: {@code width × height × sliceIndices().length}
     * values, ordered like {@link Mask3D} (x fastest, then y, then z), each in [0, 1].
     */
    @FunctionalInterface
    public interface ProbabilitySource {

        /** The probability volume of {@code lesion}. */
        float[] probabilities(LesionCase lesion);
    }

    /**
     * One method under evaluation.
     *
     * @param name          column title, unique within a run, not blank
     * @param segmenter     3D segmenter
     * @param probabilities where the method's probability volume comes from, if it has one
     */
    public record Method(String name, LesionSegmenter segmenter, Optional<ProbabilitySource> probabilities) {

        /** Validates the fields. */
        public Method {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("Method.name must not be blank");
            }
            Objects.requireNonNull(segmenter, "segmenter of " + name);
            Objects.requireNonNull(probabilities, "probabilities of " + name);
        }

        /** A method that gives binary masks only. */
        public static Method binary(String name, LesionSegmenter segmenter) {
            return new Method(name, segmenter, Optional.empty());
        }

        /** A method that also gives a probability volume (a curve in Fig. 2b). */
        public static Method withProbabilities(String name, LesionSegmenter segmenter, ProbabilitySource probabilities) {
            return new Method(name, segmenter, Optional.of(probabilities));
        }

        /**
         * A method whose mask and probability volume come from one run of {@code segmenter} (a
         * network's 3D inference makes both at once). {@link #run} asks for the mask and then the
         * probabilities of the same case on the same thread; the second call reuses the first's
         * result instead of running the inference again.
         */
        public static Method withProbabilities(String name, JointSegmenter segmenter) {
            Objects.requireNonNull(segmenter, "segmenter of " + name);
            ThreadLocal<Object[]> last = new ThreadLocal<>();
            LesionSegmenter masks = c -> {
                Segmentation sg = Objects.requireNonNull(segmenter.segment(c), "the segmenter returned null");
                last.set(new Object[] {c, sg});
                return sg.mask();
            };
            ProbabilitySource probs = c -> {
                Object[] l = last.get();
                last.remove();
                Segmentation sg = l != null && l[0] == c ? (Segmentation) l[1] : segmenter.segment(c);
                return sg.probabilities();
            };
            return new Method(name, masks, Optional.of(probs));
        }
    }

    /** A 3D mask and the probability volume it was thresholded from (voxel order of {@link Mask3D}). */
    public record Segmentation(Mask3D mask, float[] probabilities) {

        /** Rejects nulls. */
        public Segmentation {
            Objects.requireNonNull(mask, "mask");
            Objects.requireNonNull(probabilities, "probabilities");
        }
    }

    /** A segmenter that makes its mask and probability volume in one run. */
    @FunctionalInterface
    public interface JointSegmenter {

        /** Mask and probabilities of {@code lesion}. */
        Segmentation segment(LesionCase lesion);
    }

    /**
     * Settings of a run.
     *
     * @param maxOffset           largest |slice offset| of Fig. 2a, 0..50 (the paper shows ±6)
     * @param thresholds          number of PR-curve thresholds, evenly spaced in [0, 1], 2..1001
     * @param examplesPerCategory lesions per category whose masks are kept for overlays, 0..100
     */
    public record Config(int maxOffset, int thresholds, int examplesPerCategory) {

        /** Validates the fields. */
        public Config {
            if (maxOffset < 0 || maxOffset > 50) {
                throw new IllegalArgumentException("Volumetric.Config.maxOffset must be in 0..50, got " + maxOffset);
            }
            if (thresholds < 2 || thresholds > 1001) {
                throw new IllegalArgumentException("Volumetric.Config.thresholds must be in 2..1001, got " + thresholds);
            }
            if (examplesPerCategory < 0 || examplesPerCategory > 100) {
                throw new IllegalArgumentException("Volumetric.Config.examplesPerCategory must be in 0..100, got "
                        + examplesPerCategory);
            }
        }

        /** Offsets ±6 (Fig. 2a), 21 thresholds 0, 0.05, ..., 1, one example lesion per category. */
        public static Config defaults() {
            return new Config(6, 21, 1);
        }
    }

    /** One lesion's 3D Dice and slice Dice by offset under one method. */
    record Paired(double dice3d, double[] slices) {
    }

    /** A lesion a method could not segment (or score), with the reason. */
    public record Failure(String caseId, String method, String reason) {
    }

    /**
     * One lesion's 3D scores under one method.
     *
     * @param overlap      voxel counts of the 3D mask against the truth
     * @param predictedMl  volume of the predicted mask
     * @param trueMl       volume of the ground truth
     */
    public record LesionScore(String caseId, LesionCategory category, String method, Overlap overlap,
                              double predictedMl, double trueMl) {
    }

    /**
     * A lesion kept for overlay pictures: its ground truth, every method's mask (methods that
     * failed on it are absent) and 3D Dice, in method order. {@link #lesion()} fetches the case
     * again from its dataset, so the result holds no image data.
     */
    public record Example(LesionDataset dataset, int datasetIndex, String caseId, LesionCategory category, int recistZ,
                          Mask3D truth, Map<String, Mask3D> predictions, Map<String, Double> dice) {

        /** Copies the maps, keeping their order. */
        public Example {
            predictions = Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
            dice = Collections.unmodifiableMap(new LinkedHashMap<>(dice));
        }

        /** The case, read again from its dataset. */
        public LesionCase lesion() {
            return dataset.get(datasetIndex);
        }
    }

    /**
     * Runs the evaluation on the cases of {@code split}.
     *
     * @param methods  one or more methods with distinct names
     * @param threads  worker threads (≥ 1); results keep case order whatever the count
     * @param progress one unit per lesion
     * @throws IllegalArgumentException on no method, duplicate names, {@code threads < 1}, or a
     *                                  split without cases
     */
    public static Result run(LesionDataset data, Split split, List<Method> methods, Config config, int threads,
                             Progress progress) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(progress, "progress");
        List<Method> ms = List.copyOf(methods);
        if (ms.isEmpty()) {
            throw new IllegalArgumentException("Volumetric needs at least one method");
        }
        if (ms.stream().map(Method::name).distinct().count() != ms.size()) {
            throw new IllegalArgumentException("Volumetric method names must be distinct, got "
                    + ms.stream().map(Method::name).toList());
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        List<Integer> indices = new ArrayList<>();
        EnumMap<LesionCategory, Integer> examplesLeft = new EnumMap<>(LesionCategory.class);
        List<Boolean> keep = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            LesionCase c = data.get(i);
            if (c.split() == split) {
                indices.add(i);
                int left = examplesLeft.getOrDefault(c.category(), config.examplesPerCategory());
                keep.add(left > 0);
                examplesLeft.put(c.category(), left - 1);
            }
        }
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("the " + split + " split of the dataset holds no case");
        }
        double[] thresholds = Metrics.uniformThresholds(config.thresholds());
        Accumulators acc = new Accumulators(ms, config, thresholds);
        BatchRunner runner = BatchRunner.withThreads(threads).withProgress("Fig. 2 / Table 3: " + ms.size()
                + " methods on " + indices.size() + " lesions in 3D", progress);
        // Consumed in case order, so every accumulator sees the lesions in the same order; each
        // lesion's masks are dropped once accumulated.
        int[] next = {0};
        runner.runEach(indices, i -> data.get(i).id(), i -> segment(data, i, ms, thresholds), o -> {
            if (!o.done()) {
                throw new IllegalStateException("volumetric evaluation failed on " + o.id() + ": " + o.error(), o.error());
            }
            acc.add(o.value(), keep.get(next[0]++) ? data : null);
        });
        return acc.result(ms, config, thresholds, indices.size());
    }

    /** What one lesion gave: masks (null where failed), per-lesion curve counts, errors. */
    private record CaseOutcome(int index, String caseId, LesionCategory category, int recistZ, Mask3D truth,
                               Mask3D[] masks, PrecisionRecallCurve.Accumulator[] curves, String[] errors,
                               String[] curveErrors) {
    }

    private static CaseOutcome segment(LesionDataset data, int index, List<Method> methods, double[] thresholds) {
        int m = methods.size();
        Mask3D[] masks = new Mask3D[m];
        PrecisionRecallCurve.Accumulator[] curves = new PrecisionRecallCurve.Accumulator[m];
        String[] errors = new String[m];
        String[] curveErrors = new String[m];
        LesionCase c;
        String id = "case #" + index;
        LesionCategory category = LesionCategory.UNKNOWN;
        Mask3D truth;
        int recistZ;
        try {
            c = data.get(index);
            category = c.category();
            id = c.id();
            truth = c.groundTruth().orElseThrow(() -> new IllegalArgumentException("no ground truth"));
            recistZ = c.zOf(c.recist().sliceIndex());
            if (recistZ < 0) {
                throw new IllegalArgumentException("RECIST slice " + c.recist().sliceIndex() + " is not stored");
            }
        } catch (RuntimeException e) {
            java.util.Arrays.fill(errors, "case unreadable: " + describe(e));
            return new CaseOutcome(index, id, category, -1, null, masks, curves, errors, curveErrors);
        }
        for (int i = 0; i < m; i++) {
            Method method = methods.get(i);
            try {
                Mask3D pred = Objects.requireNonNull(method.segmenter().segment(c), "the segmenter returned null");
                truth.requireSameShape(pred);
                masks[i] = pred;
            } catch (RuntimeException e) {
                errors[i] = describe(e);
                continue;
            }
            if (method.probabilities().isPresent()) {
                try {
                    float[] p = Objects.requireNonNull(method.probabilities().get().probabilities(c),
                            "the probability source returned null");
                    curves[i] = Metrics.precisionRecallCurve(thresholds).add(p, truth);
                } catch (RuntimeException e) {
                    curveErrors[i] = "probabilities: " + describe(e);
                }
            }
        }
        return new CaseOutcome(index, id, category, recistZ, truth, masks, curves, errors, curveErrors);
    }

    private static String describe(RuntimeException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The accumulators of every method, filled in case order by one thread. */
    private static final class Accumulators {
        final DiceBySliceOffset[] byOffset;
        final List<List<Overlap>> overlaps = new ArrayList<>();
        final PrecisionRecallCurve.Accumulator[] curves;
        final CategoryTable[] categories;
        final int[] failed;
        final String[] configs;
        final List<LesionScore> scores = new ArrayList<>();
        final List<Failure> failures = new ArrayList<>();
        final List<Example> examples = new ArrayList<>();
        final List<Method> methods;
        final int maxOffset;
        // per method: case id -> its 3D Dice and slice Dice by offset, for paired comparisons
        final List<Map<String, Paired>> paired = new ArrayList<>();

        Accumulators(List<Method> methods, Config config, double[] thresholds) {
            this.methods = methods;
            this.maxOffset = config.maxOffset();
            int m = methods.size();
            byOffset = new DiceBySliceOffset[m];
            curves = new PrecisionRecallCurve.Accumulator[m];
            categories = new CategoryTable[m];
            failed = new int[m];
            configs = new String[m];
            for (int i = 0; i < m; i++) {
                byOffset[i] = Metrics.diceBySliceOffset(config.maxOffset());
                overlaps.add(new ArrayList<>());
                paired.add(new LinkedHashMap<>());
                if (methods.get(i).probabilities().isPresent()) {
                    curves[i] = Metrics.precisionRecallCurve(thresholds);
                }
                categories[i] = Metrics.categoryTable();
            }
        }

        void add(CaseOutcome o, LesionDataset keepFrom) {
            Map<String, Mask3D> kept = new LinkedHashMap<>();
            Map<String, Double> keptDice = new LinkedHashMap<>();
            for (int i = 0; i < methods.size(); i++) {
                String name = methods.get(i).name();
                Mask3D pred = o.masks[i];
                if (pred == null) {
                    failed[i]++;
                    failures.add(new Failure(o.caseId, name, o.errors[i]));
                    continue;
                }
                Overlap ov = Metrics.overlap(pred, o.truth);
                overlaps.get(i).add(ov);
                double[] sliceDice = DiceBySliceOffset.sliceDice(pred, o.truth, o.recistZ, maxOffset);
                paired.get(i).put(o.caseId, new Paired(ov.dice(), sliceDice));
                byOffset[i].addSliceDice(sliceDice);
                categories[i].add(o.category, ov.dice());
                scores.add(new LesionScore(o.caseId, o.category, name, ov, pred.volumeMl(), o.truth.volumeMl()));
                if (configs[i] == null) {
                    configs[i] = Table1.describe(pred.provenance());
                }
                if (o.curves[i] != null) {
                    curves[i].merge(o.curves[i]);
                } else if (o.curveErrors[i] != null) {
                    failures.add(new Failure(o.caseId, name, o.curveErrors[i]));
                }
                kept.put(name, pred);
                keptDice.put(name, ov.dice());
            }
            if (keepFrom != null && o.truth != null) {
                examples.add(new Example(keepFrom, o.index, o.caseId, o.category, o.recistZ, o.truth, kept, keptDice));
            }
        }

        Result result(List<Method> ms, Config config, double[] thresholds, int lesions) {
            List<MethodResult> out = new ArrayList<>();
            for (int i = 0; i < ms.size(); i++) {
                Optional<PrecisionRecallCurve> curve = curves[i] == null || curves[i].lesions() == 0
                        ? Optional.empty() : Optional.of(curves[i].build());
                out.add(new MethodResult(ms.get(i).name(), byOffset[i].byOffset(), Metrics.aggregate(overlaps.get(i)),
                        curve, categories[i], overlaps.get(i).size(), failed[i],
                        configs[i] == null ? "" : configs[i]));
            }
            Map<String, Map<String, Paired>> byMethod = new LinkedHashMap<>();
            for (int i = 0; i < ms.size(); i++) {
                byMethod.put(ms.get(i).name(), paired.get(i));
            }
            return new Result(out, config, lesions, scores, failures, examples, byMethod);
        }
    }

    /**
     * One method's results.
     *
     * @param byOffset   Fig. 2a: mean ± std slice Dice per signed offset (offsets with no scored slice absent)
     * @param aggregate  Fig. 2b: voxel counts of the binary masks summed over lesions
     * @param curve      Fig. 2b: the precision–recall curve, for a method with probabilities that gave any
     * @param categories Table 3: 3D Dice per category and overall
     * @param scored     lesions scored
     * @param failed     lesions the method could not segment
     * @param config     provenance of the method's first mask: id, parameters, seed
     */
    public record MethodResult(String name, SortedMap<Integer, MeanStd> byOffset, Overlap aggregate,
                               Optional<PrecisionRecallCurve> curve, CategoryTable categories, int scored, int failed,
                               String config) {
    }

    /** Everything one run measured, with its tables and files. */
    public static final class Result {

        private final List<MethodResult> methods;
        private final Config config;
        private final int lesions;
        private final List<LesionScore> scores;
        private final List<Failure> failures;
        private final List<Example> examples;

        private final Map<String, Map<String, Paired>> paired;

        Result(List<MethodResult> methods, Config config, int lesions, List<LesionScore> scores,
               List<Failure> failures, List<Example> examples, Map<String, Map<String, Paired>> paired) {
            this.paired = paired;
            this.methods = List.copyOf(methods);
            this.config = config;
            this.lesions = lesions;
            this.scores = List.copyOf(scores);
            this.failures = List.copyOf(failures);
            this.examples = List.copyOf(examples);
        }

        /** Per-method results, in the order the methods were given. */
        public List<MethodResult> methods() {
            return methods;
        }

        /** The result of the method called {@code name}. */
        public MethodResult method(String name) {
            return methods.stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no method named " + name + " in this result"));
        }

        /**
         * Method {@code a} against method {@code b} over the lesions both scored, for bootstrap
         * intervals of their differences ({@link PairedComparison}).
         *
         * @throws IllegalArgumentException when either method is not in this result
         */
        public PairedComparison comparison(String a, String b) {
            Map<String, Paired> pa = paired.get(a), pb = paired.get(b);
            if (pa == null || pb == null) {
                throw new IllegalArgumentException("no method named " + (pa == null ? a : b) + " in this result");
            }
            PairedComparison c = Metrics.pairedComparison(config.maxOffset());
            pa.forEach((id, x) -> {
                Paired y = pb.get(id);
                if (y != null) {
                    c.addScores(x.dice3d(), y.dice3d(), x.slices(), y.slices());
                }
            });
            return c;
        }

        /** Settings of the run. */
        public Config config() {
            return config;
        }

        /** Lesions of the split (scored or failed). */
        public int lesions() {
            return lesions;
        }

        /** Every (lesion, method) scored, in case order, then method order. */
        public List<LesionScore> scores() {
            return scores;
        }

        /** What failed, in case order. */
        public List<Failure> failures() {
            return failures;
        }

        /** Lesions kept for overlay pictures, in case order. */
        public List<Example> examples() {
            return examples;
        }

        /** Fig. 2a: rows offsets −maxOffset..+maxOffset, a column of mean slice Dice per method ("–": no slice). */
        public Tables fig2a() {
            List<String> header = new ArrayList<>();
            header.add("Offset");
            methods.forEach(m -> header.add(m.name()));
            Tables t = new Tables(header);
            for (int d = -config.maxOffset(); d <= config.maxOffset(); d++) {
                List<String> row = new ArrayList<>();
                row.add(Integer.toString(d));
                for (MethodResult m : methods) {
                    MeanStd v = m.byOffset().get(d);
                    row.add(v == null ? "–" : Tables.f3(v.mean()));
                }
                t.add(row);
            }
            return t;
        }

        /** Fig. 2a in long form: method, offset, mean, std and number of slices. */
        public Tables fig2aDetail() {
            Tables t = new Tables(List.of("Method", "Offset", "Mean Dice", "Std", "Slices"));
            for (MethodResult m : methods) {
                m.byOffset().forEach((d, v) -> t.add(List.of(m.name(), Integer.toString(d), Tables.f3(v.mean()),
                        Tables.f3(v.std()), Integer.toString(v.n()))));
            }
            return t;
        }

        /**
         * Fig. 2b: per method the voxel-aggregated precision, recall and F1 of its binary masks,
         * and for a method with probabilities the best F1 of its curve and that threshold.
         */
        public Tables fig2b() {
            Tables t = new Tables(List.of("Method", "Precision", "Recall", "F1", "Best F1 (PR curve)", "at threshold",
                    "n", "failed"));
            for (MethodResult m : methods) {
                Overlap a = m.aggregate();
                String best = "–", at = "–";
                if (m.curve().isPresent()) {
                    PrecisionRecallCurve c = m.curve().get();
                    int b = c.bestF1Index();
                    best = Tables.f3(c.f1(b));
                    at = Tables.f3(c.threshold(b));
                }
                boolean any = m.scored() > 0;
                t.add(List.of(m.name(), any ? Tables.f3(a.precision()) : "–", any ? Tables.f3(a.recall()) : "–",
                        any ? Tables.f3(a.f1()) : "–", best, at, Integer.toString(m.scored()),
                        Integer.toString(m.failed())));
            }
            return t;
        }

        /** Fig. 2b curves in long form: method, threshold, precision, recall, F1, voxel counts. */
        public Tables prCurves() {
            Tables t = new Tables(List.of("Method", "Threshold", "Precision", "Recall", "F1", "TP", "FP", "FN"));
            for (MethodResult m : methods) {
                if (m.curve().isEmpty()) {
                    continue;
                }
                PrecisionRecallCurve c = m.curve().get();
                for (int i = 0; i < c.size(); i++) {
                    Overlap o = c.counts(i);
                    t.add(List.of(m.name(), Tables.f3(c.threshold(i)), Tables.f3(c.precision(i)),
                            Tables.f3(c.recall(i)), Tables.f3(c.f1(i)), Long.toString(o.tp()), Long.toString(o.fp()),
                            Long.toString(o.fn())));
                }
            }
            return t;
        }

        /**
         * Table 3: mean 3D Dice per category in the paper's column order (Bone, AB, MD, Liver,
         * Lung, Kidney, ST, Pelvis; Unknown only when such lesions occur), "Mean" over lesions,
         * then lesions scored and failed. "–": no lesion of that category.
         */
        public Tables table3() {
            boolean unknown = methods.stream().anyMatch(m -> m.categories().byCategory().containsKey(LesionCategory.UNKNOWN));
            List<LesionCategory> cats = new ArrayList<>();
            for (LesionCategory c : LesionCategory.values()) {
                if (c != LesionCategory.UNKNOWN || unknown) {
                    cats.add(c);
                }
            }
            List<String> header = new ArrayList<>();
            header.add("Method");
            cats.forEach(c -> header.add(c.shortName()));
            header.addAll(List.of("Mean", "n", "failed"));
            Tables t = new Tables(header);
            for (MethodResult m : methods) {
                List<String> row = new ArrayList<>();
                row.add(m.name());
                Map<LesionCategory, MeanStd> by = m.categories().byCategory();
                for (LesionCategory c : cats) {
                    MeanStd v = by.get(c);
                    row.add(v == null ? "–" : Tables.f3(v.mean()));
                }
                row.add(m.categories().overall().map(v -> Tables.f3(v.mean())).orElse("–"));
                row.add(Integer.toString(m.scored()));
                row.add(Integer.toString(m.failed()));
                t.add(row);
            }
            return t;
        }

        /** One row per (lesion, method): 3D Dice, precision, recall, volumes. */
        public Tables perLesion() {
            Tables t = new Tables(List.of("Case", "Category", "Method", "Dice", "Precision", "Recall", "Predicted mL",
                    "True mL"));
            for (LesionScore s : scores) {
                t.add(List.of(s.caseId(), s.category().shortName(), s.method(), Tables.f3(s.overlap().dice()),
                        Tables.f3(s.overlap().precision()), Tables.f3(s.overlap().recall()), Tables.f3(s.predictedMl()),
                        Tables.f3(s.trueMl())));
            }
            return t;
        }

        /** The failures. */
        public Tables failuresTable() {
            Tables t = new Tables(List.of("Case", "Method", "Reason"));
            failures.forEach(f -> t.add(List.of(f.caseId(), f.method(), f.reason())));
            return t;
        }

        /** Each method's configuration, from the provenance of its first mask. */
        public Tables configs() {
            Tables t = new Tables(List.of("Method", "Configuration"));
            methods.forEach(m -> t.add(List.of(m.name(), m.config().isEmpty() ? "–" : m.config())));
            return t;
        }

        /**
         * Writes {@code fig2a.csv}, {@code fig2a_detail.csv}, {@code fig2b.csv},
         * {@code fig2b_curves.csv}, {@code table3.csv}, {@code lesions3d.csv} and
         * {@code failures3d.csv} to {@code dir}, each atomically.
         */
        public void writeCsv(Path dir) {
            fig2a().writeCsv(dir.resolve("fig2a.csv"));
            fig2aDetail().writeCsv(dir.resolve("fig2a_detail.csv"));
            fig2b().writeCsv(dir.resolve("fig2b.csv"));
            prCurves().writeCsv(dir.resolve("fig2b_curves.csv"));
            table3().writeCsv(dir.resolve("table3.csv"));
            perLesion().writeCsv(dir.resolve("lesions3d.csv"));
            failuresTable().writeCsv(dir.resolve("failures3d.csv"));
        }

        /** Writes {@code fig2a.png} and {@code fig2b.png} ({@link Charts}) to {@code dir}, each atomically. */
        public void writePlots(Path dir) {
            Charts.writePng(Charts.fig2a(this, Charts.WIDTH, Charts.HEIGHT), dir.resolve("fig2a.png"));
            Charts.writePng(Charts.fig2b(this, Charts.WIDTH, Charts.HEIGHT), dir.resolve("fig2b.png"));
        }
    }
}
