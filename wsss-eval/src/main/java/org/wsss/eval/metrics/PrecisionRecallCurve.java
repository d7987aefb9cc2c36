package org.wsss.eval.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;

/**
 * Volumetric precision–recall curve over probability thresholds, aggregated over lesions
 * (the paper's Fig. 2b). For each threshold {@code t} the voxels of every lesion with
 * probability {@code p ≥ t} are the prediction; true positives, false positives and false
 * negatives are summed over all voxels of all lesions before precision, recall and F1 are
 * taken (so a large lesion weighs more than a small one, unlike a mean of per-lesion scores).
 *
 * <p>Build one with {@link #accumulator(double...)}, {@link Accumulator#add add} each lesion's
 * probability volume with its truth, then {@link Accumulator#build() build}. Each lesion is
 * read once: every voxel falls into one bin of a histogram over the thresholds (by binary
 * search), and cumulative sums of the histogram give the counts at every threshold, so the cost
 * is {@code O(voxels · log thresholds + thresholds)} rather than {@code O(voxels · thresholds)}.
 *
 * <p>Empty sets follow {@link Overlap}'s conventions: at a threshold above every probability
 * nothing is predicted and precision is 1.
 *
 * <h2>Deviations from the paper</h2>
 * The paper does not list its thresholds; the caller chooses them (e.g.
 * {@link Metrics#uniformThresholds(int)}).
 */
public final class PrecisionRecallCurve {

    private final double[] thresholds;
    private final Overlap[] counts;

    private PrecisionRecallCurve(double[] thresholds, Overlap[] counts) {
        this.thresholds = thresholds;
        this.counts = counts;
    }

    /**
     * An empty accumulator over the given thresholds.
     *
     * @param thresholds strictly increasing values in [0, 1], at least one
     * @throws IllegalArgumentException when the thresholds are empty, not strictly increasing,
     *                                  NaN or outside [0, 1]
     */
    public static Accumulator accumulator(double... thresholds) {
        return new Accumulator(thresholds);
    }

    /** Number of thresholds (points on the curve). */
    public int size() {
        return thresholds.length;
    }

    /** Threshold {@code i}, in increasing order. */
    public double threshold(int i) {
        return thresholds[i];
    }

    /** A copy of the thresholds. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** Summed voxel counts at threshold {@code i}. */
    public Overlap counts(int i) {
        return counts[i];
    }

    /** Aggregated precision at threshold {@code i}. */
    public double precision(int i) {
        return counts[i].precision();
    }

    /** Aggregated recall at threshold {@code i}. */
    public double recall(int i) {
        return counts[i].recall();
    }

    /** Aggregated F1 at threshold {@code i}. */
    public double f1(int i) {
        return counts[i].f1();
    }

    /** Index of the threshold with the largest aggregated F1 (the lowest such threshold on ties). */
    public int bestF1Index() {
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i].f1() > counts[best].f1()) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        int b = bestF1Index();
        return "PrecisionRecallCurve[" + size() + " thresholds, best F1 " + f1(b) + " at " + threshold(b) + "]";
    }

    /** Collects lesions for one curve; mutable, not thread-safe. */
    public static final class Accumulator {

        private final double[] thresholds;
        // hist[k] = voxels with exactly k thresholds <= p, i.e. predicted at thresholds 0..k-1.
        private final long[] positives;
        private final long[] negatives;
        private int lesions;

        private Accumulator(double[] thresholds) {
            Objects.requireNonNull(thresholds, "thresholds");
            if (thresholds.length == 0) {
                throw new IllegalArgumentException("PrecisionRecallCurve needs at least one threshold");
            }
            for (int i = 0; i < thresholds.length; i++) {
                double t = thresholds[i];
                if (!(t >= 0 && t <= 1)) {
                    throw new IllegalArgumentException("threshold " + i + " is " + t + "; must lie in [0, 1]");
                }
                if (i > 0 && !(t > thresholds[i - 1])) {
                    throw new IllegalArgumentException("thresholds must be strictly increasing, but threshold " + i
                            + " = " + t + " follows " + thresholds[i - 1]);
                }
            }
            this.thresholds = thresholds.clone();
            this.positives = new long[thresholds.length + 1];
            this.negatives = new long[thresholds.length + 1];
        }

        /**
         * Adds one lesion.
         *
         * @param probabilities lesion probability per voxel of {@code truth}'s grid, ordered like
         *                      {@link Mask3D} (x fastest, then y, then z); each in [0, 1]
         * @param truth         ground-truth mask
         * @return this accumulator
         * @throws IllegalArgumentException on a length mismatch or a probability outside [0, 1]
         *                                  or NaN (the lesion is then not added)
         */
        public Accumulator add(float[] probabilities, Mask3D truth) {
            Objects.requireNonNull(probabilities, "probabilities");
            Objects.requireNonNull(truth, "truth");
            int plane = truth.width() * truth.height();
            long n = (long) plane * truth.depth();
            if (probabilities.length != n) {
                throw new IllegalArgumentException("probabilities hold " + probabilities.length + " values, but the truth "
                        + truth.width() + "x" + truth.height() + "x" + truth.depth() + " has " + n + " voxels");
            }
            long[] pos = new long[positives.length];
            long[] neg = new long[negatives.length];
            for (int z = 0; z < truth.depth(); z++) {
                Mask t = truth.slice(z);
                int base = z * plane;
                for (int i = 0; i < plane; i++) {
                    float p = probabilities[base + i];
                    if (!(p >= 0f && p <= 1f)) {
                        throw new IllegalArgumentException("probability at voxel (" + (i % truth.width()) + ", "
                                + (i / truth.width()) + ", " + z + ") is " + p + "; must lie in [0, 1]");
                    }
                    int k = binOf(p);
                    if (t.getIndex(i)) {
                        pos[k]++;
                    } else {
                        neg[k]++;
                    }
                }
            }
            for (int k = 0; k < pos.length; k++) {
                positives[k] += pos[k];
                negatives[k] += neg[k];
            }
            lesions++;
            return this;
        }

        /**
         * Adds every lesion of {@code other} (left unchanged): the same counts as adding its
         * lesions here one by one. Lets workers fill accumulators of their own that one thread
         * then merges; the counts are integers, so the merge order does not matter.
         *
         * @return this accumulator
         * @throws IllegalArgumentException when the two accumulators have different thresholds
         */
        public Accumulator merge(Accumulator other) {
            Objects.requireNonNull(other, "other");
            if (!Arrays.equals(thresholds, other.thresholds)) {
                throw new IllegalArgumentException("cannot merge accumulators over different thresholds: "
                        + Arrays.toString(thresholds) + " vs " + Arrays.toString(other.thresholds));
            }
            for (int k = 0; k < positives.length; k++) {
                positives[k] += other.positives[k];
                negatives[k] += other.negatives[k];
            }
            lesions += other.lesions;
            return this;
        }

        /** Number of lesions added so far. */
        public int lesions() {
            return lesions;
        }

        /** The curve over the lesions added so far (all counts zero when none were). */
        public PrecisionRecallCurve build() {
            int m = thresholds.length;
            Overlap[] out = new Overlap[m];
            long totalPositives = 0;
            for (long c : positives) {
                totalPositives += c;
            }
            // Predicted at threshold i = voxels in bins i+1..m; sum from the top down.
            long tp = 0;
            long fp = 0;
            for (int i = m - 1; i >= 0; i--) {
                tp += positives[i + 1];
                fp += negatives[i + 1];
                out[i] = new Overlap(tp, fp, totalPositives - tp);
            }
            return new PrecisionRecallCurve(thresholds.clone(), out);
        }

        /** Number of thresholds t with t ≤ p. */
        private int binOf(float p) {
            int r = Arrays.binarySearch(thresholds, p);
            return r >= 0 ? r + 1 : -(r + 1);
        }
    }
}
