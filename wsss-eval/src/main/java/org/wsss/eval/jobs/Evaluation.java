package org.wsss.eval.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.wsss.api.Mask3D;
import org.wsss.eval.experiments.Tables;
import org.wsss.eval.metrics.MeanStd;
import org.wsss.eval.metrics.Metrics;
import org.wsss.eval.metrics.Overlap;
import org.wsss.eval.metrics.SliceErrors;
import org.wsss.io.Nifti;

/**
 * Scoring of 3D masks against ground truth as the paper does (Sec. 3): per lesion Dice,
 * precision, recall and where along z the errors lie; over lesions mean ± sample std and the
 * voxel aggregate (Fig. 2b). The per-lesion step ({@link #score}) and the tables built from its
 * results are shared by the {@code wsss evaluate} command and the Spark evaluation job, so both
 * write the same {@code evaluation.csv} and {@code evaluation-summary.csv}.
 */
public final class Evaluation {

    /** Per-lesion scores file. */
    public static final String PER_LESION_FILE = "evaluation.csv";
    /** Aggregated scores file. */
    public static final String SUMMARY_FILE = "evaluation-summary.csv";
    /** Lesions that could not be scored. */
    public static final String FAILURES_FILE = "evaluation-failures.csv";

    private Evaluation() {
    }

    /**
     * One lesion's voxel counts and where along z its errors lie.
     *
     * @param lesion case id
     * @param overlap voxel counts against the ground truth
     * @param slices false positives split by slice, extra and missed slices
     */
    public record Scores(String lesion, Overlap overlap, SliceErrors slices) {
        /** Checks for nulls. */
        public Scores {
            Objects.requireNonNull(lesion, "lesion");
            Objects.requireNonNull(overlap, "overlap");
            Objects.requireNonNull(slices, "slices");
        }
    }

    /**
     * Scores the prediction {@code prediction} of case {@code lesion} against {@code truth}.
     *
     * @throws IllegalArgumentException if the two masks differ in dimensions
     * @throws org.wsss.api.WsssIoException if either file cannot be read as a binary mask
     */
    public static Scores score(String lesion, Path prediction, Path truth) {
        Mask3D p = Nifti.readMask(prediction);
        Mask3D t = Nifti.readMask(truth);
        if (p.width() != t.width() || p.height() != t.height() || p.depth() != t.depth()) {
            throw new IllegalArgumentException("prediction is " + p.width() + "x" + p.height() + "x" + p.depth()
                    + " but ground truth " + truth + " is " + t.width() + "x" + t.height() + "x" + t.depth());
        }
        return new Scores(lesion, Metrics.overlap(p, t), Metrics.sliceErrors(p, t));
    }

    /** One row per lesion, in the order given; full precision when {@code csv}, else 3 decimals. */
    public static Tables perLesion(List<Scores> done, boolean csv) {
        Tables t = new Tables(List.of("lesion", "dice", "precision", "recall", "tp", "fp", "fn", "fp_past_end",
                "fp_over_edge", "extra_slices", "missed_slices", "fn_missed_slices", "fn_under_edge"));
        for (Scores d : done) {
            Overlap o = d.overlap();
            SliceErrors e = d.slices();
            t.add(List.of(d.lesion(), num(o.dice(), csv), num(o.precision(), csv), num(o.recall(), csv),
                    Long.toString(o.tp()), Long.toString(o.fp()), Long.toString(o.fn()), Long.toString(e.fpPastEnd()),
                    Long.toString(e.fpOverEdge()), Long.toString(e.extraSlices()), Long.toString(e.missedSlices()),
                    Long.toString(e.fnMissedSlices()), Long.toString(e.fnUnderEdge())));
        }
        return t;
    }

    /**
     * Rows dice, precision, recall: mean and sample std over lesions, and the voxel-aggregated
     * value (for Dice: the aggregate F1). Rows fp_past_end_share, fp_over_edge_share: mean and std
     * over the lesions with a false positive (their number in the last column), and the share of
     * all false positive voxels. Rows extra_slices, missed_slices: mean and std per lesion, no
     * aggregate. Empty cells when no lesion was scored.
     */
    public static Tables summary(List<Scores> done, boolean csv) {
        Tables t = new Tables(List.of("metric", "mean", "std", "voxel_aggregate", "lesions"));
        List<Overlap> all = done.stream().map(Scores::overlap).toList();
        List<SliceErrors> slices = done.stream().map(Scores::slices).toList();
        List<SliceErrors> withFp = slices.stream().filter(e -> e.falsePositives() > 0).toList();
        Overlap sum = Metrics.aggregate(all);
        SliceErrors sliceSum = SliceErrors.aggregate(slices);
        String n = Integer.toString(all.size());
        String nFp = Integer.toString(withFp.size());
        t.add(row("dice", all.stream().mapToDouble(Overlap::dice).toArray(), num(sum.f1(), csv), n, csv));
        t.add(row("precision", all.stream().mapToDouble(Overlap::precision).toArray(), num(sum.precision(), csv), n,
                csv));
        t.add(row("recall", all.stream().mapToDouble(Overlap::recall).toArray(), num(sum.recall(), csv), n, csv));
        String pastEnd = withFp.isEmpty() ? "" : num(sliceSum.pastEndShare(), csv);
        String overEdge = withFp.isEmpty() ? "" : num(sliceSum.overEdgeShare(), csv);
        t.add(row("fp_past_end_share", withFp.stream().mapToDouble(SliceErrors::pastEndShare).toArray(), pastEnd,
                nFp, csv));
        t.add(row("fp_over_edge_share", withFp.stream().mapToDouble(SliceErrors::overEdgeShare).toArray(), overEdge,
                nFp, csv));
        t.add(row("extra_slices", slices.stream().mapToDouble(SliceErrors::extraSlices).toArray(), "", n, csv));
        t.add(row("missed_slices", slices.stream().mapToDouble(SliceErrors::missedSlices).toArray(), "", n, csv));
        return t;
    }

    /** One line with the slice split's totals over all scored lesions. */
    public static String totals(List<Scores> done) {
        SliceErrors sum = SliceErrors.aggregate(done.stream().map(Scores::slices).toList());
        int n = done.size();
        return String.format(Locale.ROOT, "false positives: %d voxels, %.1f %% on slices where the ground"
                + " truth is empty (past the end), %.1f %% on lesion slices (over the edge); %d extra slices"
                + " (%.2f per lesion), %d missed lesion slices (%.2f per lesion); false negatives: %d voxels,"
                + " %.1f %% on the missed slices, %.1f %% on predicted slices (under the edge).", sum.falsePositives(),
                100 * sum.pastEndShare(), 100 * sum.overEdgeShare(), sum.extraSlices(),
                n == 0 ? 0.0 : (double) sum.extraSlices() / n, sum.missedSlices(),
                n == 0 ? 0.0 : (double) sum.missedSlices() / n, sum.falseNegatives(), 100 * sum.missedSliceShare(),
                sum.falseNegatives() == 0 ? 0.0 : 100 - 100 * sum.missedSliceShare());
    }

    private static List<String> row(String metric, double[] values, String aggregate, String n, boolean csv) {
        if (values.length == 0) {
            return List.of(metric, "", "", "", n);
        }
        MeanStd m = MeanStd.of(values);
        return List.of(metric, num(m.mean(), csv), num(m.std(), csv), aggregate, n);
    }

    /** Full precision for CSV, 3 decimals (as the paper's tables) for Markdown. */
    private static String num(double v, boolean csv) {
        return csv ? Double.toString(v) : Tables.f3(v);
    }
}
