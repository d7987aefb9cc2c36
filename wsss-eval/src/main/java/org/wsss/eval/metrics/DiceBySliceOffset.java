package org.wsss.eval.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;

/**
 * 2D Dice of each axial slice as a function of its offset from the RECIST slice, mean ± std
 * over lesions per offset (the paper's Fig. 2a, Sec. 3.3).
 *
 * <p>For each lesion, slice {@code z} with offset {@code d = z − recistZ} in
 * {@code −maxOffset..+maxOffset} is scored when its <em>ground truth is non-empty</em>: the
 * paper's curves are over annotated lesion slices, and a slice where the truth is empty has no
 * lesion to segment. The Dice of a scored slice is {@link Overlap#dice()} of the predicted and
 * true slices; a prediction on a slice beyond the lesion's true extent is therefore not scored
 * here (it still lowers the 3D Dice of {@link Metrics#overlap(Mask3D, Mask3D)}).
 *
 * <p>Offsets are kept signed ({@link #byOffset()}); {@link #byAbsoluteOffset()} pools
 * {@code −d} and {@code +d}. An offset with no scored slice is absent from the maps.
 * Mutable, not thread-safe.
 *
 * <h2>Deviations from the paper</h2>
 * The paper does not say which slices enter Fig. 2a or whether offsets are signed; the choice
 * above (truth non-empty, signed and pooled both available) is this SDK's.
 */
public final class DiceBySliceOffset {

    private final int maxOffset;
    private final DoubleList[] byOffset;
    private int lesions;

    /**
     * An empty accumulator for offsets {@code −maxOffset..+maxOffset}.
     *
     * @throws IllegalArgumentException when {@code maxOffset < 0}
     */
    public DiceBySliceOffset(int maxOffset) {
        if (maxOffset < 0) {
            throw new IllegalArgumentException("maxOffset must be >= 0, got " + maxOffset);
        }
        this.maxOffset = maxOffset;
        this.byOffset = new DoubleList[2 * maxOffset + 1];
        for (int i = 0; i < byOffset.length; i++) {
            byOffset[i] = new DoubleList();
        }
    }

    /** Largest |offset| scored. */
    public int maxOffset() {
        return maxOffset;
    }

    /**
     * Adds one lesion.
     *
     * @param prediction predicted 3D mask
     * @param truth      ground-truth 3D mask, same grid
     * @param recistZ    slice index of the RECIST mark, inside the grid
     * @return this accumulator
     * @throws IllegalArgumentException when the shapes differ or {@code recistZ} lies outside
     *                                  {@code 0..depth−1}
     */
    public DiceBySliceOffset add(Mask3D prediction, Mask3D truth, int recistZ) {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(truth, "truth");
        return addSliceDice(sliceDice(prediction, truth, recistZ, maxOffset));
    }

    /**
     * Adds one lesion from its slice Dice by offset as {@link #sliceDice} gives them (NaN: not
     * scored), for a caller that needs them for more than this accumulator.
     *
     * @throws IllegalArgumentException when the array's length is not {@code 2 × maxOffset + 1}
     */
    public DiceBySliceOffset addSliceDice(double[] sliceDice) {
        if (sliceDice.length != byOffset.length) {
            throw new IllegalArgumentException("slice Dice array must have " + byOffset.length + " entries, got "
                    + sliceDice.length);
        }
        for (int k = 0; k < byOffset.length; k++) {
            if (!Double.isNaN(sliceDice[k])) {
                byOffset[k].add(sliceDice[k]);
            }
        }
        lesions++;
        return this;
    }

    /**
     * Slice Dice of {@code pred} by offset {@code −maxOffset..+maxOffset} from slice
     * {@code recistZ} (index {@code offset + maxOffset}); NaN where the truth is empty or the
     * slice lies outside the grid.
     *
     * @throws IllegalArgumentException when the shapes differ, {@code recistZ} lies outside the grid
     *     or {@code maxOffset < 0}
     */
    public static double[] sliceDice(Mask3D pred, Mask3D truth, int recistZ, int maxOffset) {
        if (maxOffset < 0) {
            throw new IllegalArgumentException("maxOffset must be >= 0, got " + maxOffset);
        }
        truth.requireSameShape(pred);
        if (recistZ < 0 || recistZ >= truth.depth()) {
            throw new IllegalArgumentException("recistZ " + recistZ + " outside the mask's slices 0.." + (truth.depth() - 1));
        }
        double[] out = new double[2 * maxOffset + 1];
        Arrays.fill(out, Double.NaN);
        int z0 = Math.max(0, recistZ - maxOffset);
        int z1 = Math.min(truth.depth() - 1, recistZ + maxOffset);
        for (int z = z0; z <= z1; z++) {
            Mask t = truth.slice(z);
            if (!t.isEmpty()) {
                out[z - recistZ + maxOffset] = Metrics.overlap(pred.slice(z), t).dice();
            }
        }
        return out;
    }

    /** Number of lesions added. */
    public int lesions() {
        return lesions;
    }

    /** Mean ± std of slice Dice per signed offset, ascending; offsets with no slice are absent. */
    public SortedMap<Integer, MeanStd> byOffset() {
        SortedMap<Integer, MeanStd> out = new TreeMap<>();
        for (int i = 0; i < byOffset.length; i++) {
            if (byOffset[i].size() > 0) {
                out.put(i - maxOffset, byOffset[i].meanStd());
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** Mean ± std of slice Dice per |offset| (0..maxOffset), pooling both sides of the RECIST slice. */
    public SortedMap<Integer, MeanStd> byAbsoluteOffset() {
        SortedMap<Integer, MeanStd> out = new TreeMap<>();
        for (int d = 0; d <= maxOffset; d++) {
            DoubleList pooled = new DoubleList();
            pooled.addAll(byOffset[maxOffset + d]);
            if (d > 0) {
                pooled.addAll(byOffset[maxOffset - d]);
            }
            if (pooled.size() > 0) {
                out.put(d, pooled.meanStd());
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }
}
