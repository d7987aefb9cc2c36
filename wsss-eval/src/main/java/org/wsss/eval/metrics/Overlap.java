package org.wsss.eval.metrics;

/**
 * Voxel (or pixel) counts of a prediction against a ground truth: true positives, false
 * positives, false negatives. Every overlap score of the SDK is computed from these three
 * numbers, so that a per-lesion score and a dataset aggregate (sum the counts, then score) share
 * one definition. Used for the pixel-wise precision, recall and mDICE of the paper's Tables 1–3
 * (Sec. 3) and for the voxel-aggregated F1 of Fig. 2b (sum {@link #plus}, then {@link #f1()}).
 *
 * <h2>Conventions for empty sets</h2>
 * A ratio whose denominator is zero is given the value that "nothing went wrong" implies, so
 * that no score is ever NaN:
 * <ul>
 *   <li>both prediction and truth empty ({@code tp = fp = fn = 0}): Dice 1, precision 1,
 *       recall 1 — perfect agreement on "no lesion here";</li>
 *   <li>prediction empty, truth not ({@code tp + fp = 0}, {@code fn > 0}): Dice 0, recall 0,
 *       precision 1 (vacuous: no predicted voxel is wrong);</li>
 *   <li>truth empty, prediction not ({@code tp + fn = 0}, {@code fp > 0}): Dice 0,
 *       precision 0, recall 1 (vacuous: no true voxel is missed).</li>
 * </ul>
 * A mean of per-lesion precision therefore counts a lesion with an empty prediction as
 * precision 1; its Dice and recall of 0 still show the miss.
 *
 * <h2>Deviations from the paper</h2>
 * The paper does not state how empty masks are scored; the conventions above are this SDK's.
 *
 * @param tp voxels true in both prediction and truth, ≥ 0
 * @param fp voxels true in the prediction only, ≥ 0
 * @param fn voxels true in the truth only, ≥ 0
 */
public record Overlap(long tp, long fp, long fn) {

    /** No voxels at all: the counts of two empty masks. */
    public static final Overlap ZERO = new Overlap(0, 0, 0);

    /** Validates that every count is non-negative. */
    public Overlap {
        if (tp < 0 || fp < 0 || fn < 0) {
            throw new IllegalArgumentException("Overlap counts must be >= 0, got tp=" + tp + ", fp=" + fp + ", fn=" + fn);
        }
    }

    /** Voxels of the prediction, {@code tp + fp}. */
    public long predicted() {
        return tp + fp;
    }

    /** Voxels of the truth, {@code tp + fn}. */
    public long actual() {
        return tp + fn;
    }

    /** Dice similarity coefficient {@code 2tp / (2tp + fp + fn)}; 1 when both sets are empty. */
    public double dice() {
        long d = 2 * tp + fp + fn;
        return d == 0 ? 1.0 : 2.0 * tp / d;
    }

    /** Precision {@code tp / (tp + fp)}; 1 when nothing is predicted (see class javadoc). */
    public double precision() {
        long d = tp + fp;
        return d == 0 ? 1.0 : (double) tp / d;
    }

    /** Recall {@code tp / (tp + fn)}; 1 when the truth is empty (see class javadoc). */
    public double recall() {
        long d = tp + fn;
        return d == 0 ? 1.0 : (double) tp / d;
    }

    /**
     * F1 score, the harmonic mean of {@link #precision()} and {@link #recall()}. From counts it
     * equals {@link #dice()}; it is named separately because the paper calls the
     * dataset-aggregated value "F1" (Fig. 2b) and the per-lesion one "Dice".
     */
    public double f1() {
        return dice();
    }

    /** Element-wise sum: the counts of two disjoint sets of voxels taken together. */
    public Overlap plus(Overlap o) {
        return new Overlap(Math.addExact(tp, o.tp), Math.addExact(fp, o.fp), Math.addExact(fn, o.fn));
    }
}
