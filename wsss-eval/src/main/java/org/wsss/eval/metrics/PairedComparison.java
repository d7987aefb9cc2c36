package org.wsss.eval.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.wsss.api.Mask3D;

/**
 * Two methods' masks of the same lesions compared pair by pair: 3D Dice (Table 3) and slice
 * Dice by offset from the RECIST slice (Fig. 2a, scored as {@link DiceBySliceOffset} does: slices
 * whose ground truth holds lesion), each as the mean of A, the mean of B and a 95 % percentile
 * bootstrap interval of the mean difference A − B.
 *
 * <p>Why: the paper reads "method A above method B" off curves of means. Over a few hundred
 * lesions, differences of 0.01–0.03 at one offset are often within chance; the interval says
 * which are not. The bootstrap resamples lesions with replacement; at one offset a lesion has
 * at most one slice, so resampling the pairs there resamples lesions too. It is seeded, so the
 * same masks and seed give the same interval.
 *
 * <p>Mutable, not thread-safe.
 *
 * <p><b>Deviations from the paper.</b> The paper reports means only.
 */
public final class PairedComparison {

    /** A resample count that gives a stable 95 % interval at three decimals. */
    public static final int DEFAULT_RESAMPLES = 2000;

    private final int maxOffset;
    private final DoubleList diceA = new DoubleList();
    private final DoubleList diceB = new DoubleList();
    private final DoubleList[] sliceA;
    private final DoubleList[] sliceB;

    /**
     * An empty comparison scoring offsets {@code −maxOffset..+maxOffset}.
     *
     * @throws IllegalArgumentException when {@code maxOffset < 0}
     */
    public PairedComparison(int maxOffset) {
        if (maxOffset < 0) {
            throw new IllegalArgumentException("maxOffset must be >= 0, got " + maxOffset);
        }
        this.maxOffset = maxOffset;
        this.sliceA = new DoubleList[2 * maxOffset + 1];
        this.sliceB = new DoubleList[2 * maxOffset + 1];
        for (int i = 0; i < sliceA.length; i++) {
            sliceA[i] = new DoubleList();
            sliceB[i] = new DoubleList();
        }
    }

    /**
     * Adds one lesion.
     *
     * @param a method A's mask
     * @param b method B's mask
     * @param truth the ground truth, same grid as both
     * @param recistZ the RECIST slice's position in the grid
     * @return this comparison
     * @throws IllegalArgumentException when the shapes differ or {@code recistZ} lies outside the grid
     */
    public PairedComparison add(Mask3D a, Mask3D b, Mask3D truth, int recistZ) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(truth, "truth");
        double[] sa = DiceBySliceOffset.sliceDice(a, truth, recistZ, maxOffset),
                sb = DiceBySliceOffset.sliceDice(b, truth, recistZ, maxOffset);
        return addScores(Metrics.overlap(a, truth).dice(), Metrics.overlap(b, truth).dice(), sa, sb);
    }

    /**
     * Adds one lesion from its scores: the 3D Dice of A and B, and their slice Dice by offset as
     * {@link DiceBySliceOffset#sliceDice} gives them (NaN where the truth is empty).
     *
     * @throws IllegalArgumentException when an array's length is not {@code 2 × maxOffset + 1} or
     *     the two arrays disagree on which offsets are scored
     */
    public PairedComparison addScores(double dice3dA, double dice3dB, double[] slicesA, double[] slicesB) {
        if (slicesA.length != sliceA.length || slicesB.length != sliceA.length) {
            throw new IllegalArgumentException("slice Dice arrays must have " + sliceA.length + " entries, got "
                    + slicesA.length + " and " + slicesB.length);
        }
        for (int k = 0; k < sliceA.length; k++) {
            if (Double.isNaN(slicesA[k]) != Double.isNaN(slicesB[k])) {
                throw new IllegalArgumentException("offset " + (k - maxOffset) + " is scored for one method only");
            }
        }
        diceA.add(dice3dA);
        diceB.add(dice3dB);
        for (int k = 0; k < sliceA.length; k++) {
            if (!Double.isNaN(slicesA[k])) {
                sliceA[k].add(slicesA[k]);
                sliceB[k].add(slicesB[k]);
            }
        }
        return this;
    }

    /** Largest |offset| scored. */
    public int maxOffset() {
        return maxOffset;
    }

    /** Number of lesions added. */
    public int lesions() {
        return diceA.size();
    }

    /**
     * 3D Dice of A against B.
     *
     * @throws IllegalStateException when no lesion was added
     * @throws IllegalArgumentException when {@code resamples < 100}
     */
    public Difference dice3d(long seed, int resamples) {
        if (lesions() == 0) {
            throw new IllegalStateException("no lesion added");
        }
        return Difference.of(diceA.toArray(), diceB.toArray(), seed, resamples);
    }

    /**
     * Slice Dice of A against B per signed offset, ascending; offsets with no scored slice are
     * absent. Each offset draws from its own stream of {@code seed}.
     *
     * @throws IllegalArgumentException when {@code resamples < 100}
     */
    public SortedMap<Integer, Difference> byOffset(long seed, int resamples) {
        SortedMap<Integer, Difference> out = new TreeMap<>();
        for (int k = 0; k < sliceA.length; k++) {
            if (sliceA[k].size() > 0) {
                out.put(k - maxOffset, Difference.of(sliceA[k].toArray(), sliceB[k].toArray(), seed + 31L * (k + 1),
                        resamples));
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * Means of A and B over the same {@code n} pairs, their mean difference and its 95 %
     * percentile bootstrap interval.
     *
     * @param n pairs
     * @param meanA mean of A
     * @param meanB mean of B
     * @param difference meanA − meanB
     * @param lower 2.5th percentile of the resampled mean differences
     * @param upper 97.5th percentile of the resampled mean differences
     */
    public record Difference(int n, double meanA, double meanB, double difference, double lower, double upper) {

        /** Whether A lies above B beyond chance: the whole interval is above 0. */
        public boolean aAbove() {
            return lower > 0;
        }

        /** Whether B lies above A beyond chance: the whole interval is below 0. */
        public boolean bAbove() {
            return upper < 0;
        }

        /** The comparison of paired values {@code a[i]}, {@code b[i]}. */
        static Difference of(double[] a, double[] b, long seed, int resamples) {
            if (resamples < 100) {
                throw new IllegalArgumentException("resamples must be >= 100, got " + resamples);
            }
            int n = a.length;
            double[] d = new double[n];
            double sa = 0, sb = 0;
            for (int i = 0; i < n; i++) {
                d[i] = a[i] - b[i];
                sa += a[i];
                sb += b[i];
            }
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] means = new double[resamples];
            for (int r = 0; r < resamples; r++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += d[rnd.nextInt(n)];
                }
                means[r] = s / n;
            }
            Arrays.sort(means);
            return new Difference(n, sa / n, sb / n, (sa - sb) / n, means[(int) Math.floor(0.025 * (resamples - 1))],
                    means[(int) Math.ceil(0.975 * (resamples - 1))]);
        }
    }
}
