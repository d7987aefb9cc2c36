package org.wsss.eval.metrics;

import java.util.Objects;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;

/**
 * Entry point of the evaluation metrics (the paper's Sec. 3: Tables 1–3 and Fig. 2).
 *
 * <ul>
 *   <li>Per mask: {@link #overlap(Mask, Mask)} / {@link #overlap(Mask3D, Mask3D)} count true
 *       positives, false positives and false negatives with the masks' bit sets (a word of 64
 *       voxels at a time); {@link Overlap} turns them into Dice, precision, recall. The
 *       shortcuts {@link #dice(Mask3D, Mask3D)} etc. do both. {@link #sliceErrors(Mask3D, Mask3D)}
 *       splits the 3D false positives by slice (past the lesion's end or over its edge) and
 *       counts extra and missed slices ({@link SliceErrors}).</li>
 *   <li>Over lesions: {@link #meanStd(double...)} (mDICE ± std), {@link #aggregate(Iterable)}
 *       (voxel-aggregated precision, recall, F1 of Fig. 2b), {@link #precisionRecallCurve(double...)}
 *       (Fig. 2b), {@link #diceBySliceOffset(int)} (Fig. 2a), {@link #categoryTable()} (Table 3).</li>
 *   <li>Volume: {@link #volumeMl(Mask3D)}, {@link #volumeErrorMl(Mask3D, Mask3D)},
 *       {@link #relativeVolumeError(Mask3D, Mask3D)}.</li>
 * </ul>
 *
 * <p>Arguments are always (prediction, truth), in that order. Empty masks follow the
 * conventions documented on {@link Overlap}; no method returns NaN. Two 3D masks are compared
 * voxel by voxel on equal grid dimensions; their spacings are not compared.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * Pixel counts of {@code prediction} against {@code truth}.
     *
     * @throws IllegalArgumentException when the shapes differ
     */
    public static Overlap overlap(Mask prediction, Mask truth) {
        long tp = prediction.intersectionCount(truth);
        return new Overlap(tp, prediction.count() - tp, truth.count() - tp);
    }

    /**
     * Voxel counts of {@code prediction} against {@code truth}.
     *
     * @throws IllegalArgumentException when the grid dimensions differ
     */
    public static Overlap overlap(Mask3D prediction, Mask3D truth) {
        long tp = prediction.intersectionCount(truth);
        return new Overlap(tp, prediction.count() - tp, truth.count() - tp);
    }

    /**
     * Where along z the errors of {@code prediction} lie; see {@link SliceErrors}.
     *
     * @throws IllegalArgumentException when the grid dimensions differ
     */
    public static SliceErrors sliceErrors(Mask3D prediction, Mask3D truth) {
        return SliceErrors.of(prediction, truth);
    }

    /** 2D Dice; see {@link Overlap#dice()} for empty masks. */
    public static double dice(Mask prediction, Mask truth) {
        return overlap(prediction, truth).dice();
    }

    /** 2D precision; see {@link Overlap#precision()} for empty masks. */
    public static double precision(Mask prediction, Mask truth) {
        return overlap(prediction, truth).precision();
    }

    /** 2D recall; see {@link Overlap#recall()} for empty masks. */
    public static double recall(Mask prediction, Mask truth) {
        return overlap(prediction, truth).recall();
    }

    /** 3D Dice; see {@link Overlap#dice()} for empty masks. */
    public static double dice(Mask3D prediction, Mask3D truth) {
        return overlap(prediction, truth).dice();
    }

    /** 3D precision; see {@link Overlap#precision()} for empty masks. */
    public static double precision(Mask3D prediction, Mask3D truth) {
        return overlap(prediction, truth).precision();
    }

    /** 3D recall; see {@link Overlap#recall()} for empty masks. */
    public static double recall(Mask3D prediction, Mask3D truth) {
        return overlap(prediction, truth).recall();
    }

    /**
     * Counts summed over lesions: the voxel-aggregated precision, recall and F1 of a dataset
     * (Fig. 2b) are {@code aggregate(perLesion).precision()} etc. {@link Overlap#ZERO} for no lesion.
     */
    public static Overlap aggregate(Iterable<Overlap> perLesion) {
        Overlap sum = Overlap.ZERO;
        for (Overlap o : perLesion) {
            sum = sum.plus(Objects.requireNonNull(o, "per-lesion overlap"));
        }
        return sum;
    }

    /** Mean ± sample std; see {@link MeanStd#of(double...)}. */
    public static MeanStd meanStd(double... values) {
        return MeanStd.of(values);
    }

    /** An empty accumulator for a volumetric precision–recall curve over {@code thresholds}. */
    public static PrecisionRecallCurve.Accumulator precisionRecallCurve(double... thresholds) {
        return PrecisionRecallCurve.accumulator(thresholds);
    }

    /**
     * {@code n} evenly spaced thresholds from 0 to 1 inclusive, {@code i / (n − 1)}.
     *
     * @throws IllegalArgumentException when {@code n < 2}
     */
    public static double[] uniformThresholds(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("uniformThresholds needs n >= 2, got " + n);
        }
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (double) i / (n - 1);
        }
        return t;
    }

    /** An empty accumulator of slice Dice by offset {@code −maxOffset..+maxOffset} from the RECIST slice. */
    public static DiceBySliceOffset diceBySliceOffset(int maxOffset) {
        return new DiceBySliceOffset(maxOffset);
    }

    /**
     * An empty paired comparison of two methods' masks (3D Dice, slice Dice by offset
     * {@code −maxOffset..+maxOffset}) with bootstrap intervals of the difference.
     */
    public static PairedComparison pairedComparison(int maxOffset) {
        return new PairedComparison(maxOffset);
    }

    /** An empty per-category table. */
    public static CategoryTable categoryTable() {
        return new CategoryTable();
    }

    /** Volume of the mask in mL (1 mL = 1000 mm³), with the mask's own spacing. */
    public static double volumeMl(Mask3D mask) {
        return mask.volumeMl();
    }

    /**
     * Signed volume error in mL, {@code volume(prediction) − volume(truth)}, each with its own
     * spacing (the grids need not match).
     */
    public static double volumeErrorMl(Mask3D prediction, Mask3D truth) {
        return prediction.volumeMl() - truth.volumeMl();
    }

    /**
     * Signed relative volume error {@code (V_pred − V_truth) / V_truth}, each volume with its
     * own spacing: 0 for a perfect volume, −1 for an empty prediction, positive for
     * over-segmentation. 0 when both are empty.
     *
     * @throws IllegalArgumentException when the truth is empty and the prediction is not (the
     *                                  relative error is then unbounded)
     */
    public static double relativeVolumeError(Mask3D prediction, Mask3D truth) {
        double vt = truth.volumeMl();
        double vp = prediction.volumeMl();
        if (truth.count() == 0) {
            if (prediction.count() == 0) {
                return 0.0;
            }
            throw new IllegalArgumentException("relative volume error is unbounded: the truth is empty but the prediction has "
                    + prediction.count() + " voxels (" + vp + " mL)");
        }
        return (vp - vt) / vt;
    }
}
