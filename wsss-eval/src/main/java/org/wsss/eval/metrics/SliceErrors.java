package org.wsss.eval.metrics;

import java.util.Objects;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;

/**
 * Where along z the errors of a 3D mask lie: its false positive voxels split by whether the
 * ground truth of their axial slice is empty or not, its false negative voxels by whether the
 * prediction of their slice is, and the slices on which prediction and truth disagree about the
 * lesion being there at all.
 *
 * <ul>
 *   <li>{@code fpPastEnd}: false positive voxels on slices where the truth is empty — the walk
 *       went on past the lesion's end (or the lesion has a gap there);</li>
 *   <li>{@code fpOverEdge}: false positive voxels on slices where the truth holds lesion — the
 *       cross-section reaches over the lesion's edge;</li>
 *   <li>{@code extraSlices}: slices where the prediction has voxels and the truth has none;</li>
 *   <li>{@code missedSlices}: slices where the truth has voxels and the prediction has none;</li>
 *   <li>{@code fnMissedSlices}: false negative voxels on those slices — the walk stopped short of
 *       the lesion's end (or skipped a slice);</li>
 *   <li>{@code fnUnderEdge}: false negative voxels on slices the prediction holds — the
 *       cross-section falls short of the lesion's edge.</li>
 * </ul>
 * {@code fpPastEnd + fpOverEdge} is {@link Overlap#fp()} of the same two masks, {@code
 * fnMissedSlices + fnUnderEdge} its {@link Overlap#fn()}. Counts of several
 * lesions add up with {@link #plus}; a dataset's share of false positives past the end is then
 * {@code sum.pastEndShare()}, its extra slices per lesion {@code sum.extraSlices() / lesions}.
 *
 * <p>This split is not in the paper, which reports only 3D Dice (Table 3) and the voxel-aggregated
 * precision–recall (Fig. 2b); it tells a stopping rule (along z) from an in-plane boundary error.
 *
 * @param fpPastEnd false positive voxels on slices with an empty truth, ≥ 0
 * @param fpOverEdge false positive voxels on slices with a non-empty truth, ≥ 0
 * @param extraSlices slices with prediction and no truth, ≥ 0
 * @param missedSlices slices with truth and no prediction, ≥ 0
 * @param fnMissedSlices false negative voxels on slices with truth and no prediction, ≥ 0
 * @param fnUnderEdge false negative voxels on slices with a prediction, ≥ 0
 */
public record SliceErrors(long fpPastEnd, long fpOverEdge, long extraSlices, long missedSlices, long fnMissedSlices,
                          long fnUnderEdge) {

    /** No error at all. */
    public static final SliceErrors ZERO = new SliceErrors(0, 0, 0, 0, 0, 0);

    /** Validates that every count is non-negative. */
    public SliceErrors {
        if (fpPastEnd < 0 || fpOverEdge < 0 || extraSlices < 0 || missedSlices < 0 || fnMissedSlices < 0
                || fnUnderEdge < 0) {
            throw new IllegalArgumentException("SliceErrors counts must be >= 0, got fpPastEnd=" + fpPastEnd
                    + ", fpOverEdge=" + fpOverEdge + ", extraSlices=" + extraSlices + ", missedSlices=" + missedSlices
                    + ", fnMissedSlices=" + fnMissedSlices + ", fnUnderEdge=" + fnUnderEdge);
        }
    }

    /**
     * The counts of {@code prediction} against {@code truth}, slice by slice along z.
     *
     * @throws IllegalArgumentException when the grid dimensions differ
     */
    public static SliceErrors of(Mask3D prediction, Mask3D truth) {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(truth, "truth");
        truth.requireSameShape(prediction);
        long pastEnd = 0, overEdge = 0, extra = 0, missed = 0, fnMissed = 0, fnEdge = 0;
        for (int z = 0; z < truth.depth(); z++) {
            Mask p = prediction.slice(z);
            Mask t = truth.slice(z);
            int predicted = p.count();
            if (t.isEmpty()) {
                pastEnd += predicted;
                extra += predicted > 0 ? 1 : 0;
            } else if (predicted == 0) {
                missed++;
                fnMissed += t.count();
            } else {
                int both = p.intersectionCount(t);
                overEdge += predicted - both;
                fnEdge += t.count() - both;
            }
        }
        return new SliceErrors(pastEnd, overEdge, extra, missed, fnMissed, fnEdge);
    }

    /** All false positive voxels, {@code fpPastEnd + fpOverEdge}. */
    public long falsePositives() {
        return fpPastEnd + fpOverEdge;
    }

    /** {@code fpPastEnd / falsePositives()}; 0 when there is no false positive. */
    public double pastEndShare() {
        long fp = falsePositives();
        return fp == 0 ? 0.0 : (double) fpPastEnd / fp;
    }

    /** {@code fpOverEdge / falsePositives()}; 0 when there is no false positive. */
    public double overEdgeShare() {
        long fp = falsePositives();
        return fp == 0 ? 0.0 : (double) fpOverEdge / fp;
    }

    /** All false negative voxels, {@code fnMissedSlices + fnUnderEdge}. */
    public long falseNegatives() {
        return fnMissedSlices + fnUnderEdge;
    }

    /** {@code fnMissedSlices / falseNegatives()}; 0 when there is no false negative. */
    public double missedSliceShare() {
        long fn = falseNegatives();
        return fn == 0 ? 0.0 : (double) fnMissedSlices / fn;
    }

    /** Element-wise sum: the counts of several lesions taken together. */
    public SliceErrors plus(SliceErrors o) {
        return new SliceErrors(Math.addExact(fpPastEnd, o.fpPastEnd), Math.addExact(fpOverEdge, o.fpOverEdge),
                Math.addExact(extraSlices, o.extraSlices), Math.addExact(missedSlices, o.missedSlices),
                Math.addExact(fnMissedSlices, o.fnMissedSlices), Math.addExact(fnUnderEdge, o.fnUnderEdge));
    }

    /** The sum over lesions; {@link #ZERO} for none. */
    public static SliceErrors aggregate(Iterable<SliceErrors> perLesion) {
        SliceErrors sum = ZERO;
        for (SliceErrors e : perLesion) {
            sum = sum.plus(Objects.requireNonNull(e, "per-lesion slice errors"));
        }
        return sum;
    }
}
