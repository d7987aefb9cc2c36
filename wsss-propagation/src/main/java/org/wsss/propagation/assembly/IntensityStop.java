package org.wsss.propagation.assembly;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Provenance;
import org.wsss.api.Slice;

/**
 * Where the lesion's intensity ends along z: a stopping rule for the 3D walk of every
 * slice-propagated segmenter (GrabCut-3DE, WSSS-k, WSSS-k-GC). From the RECIST slice outwards on
 * each side, the walk is cut at the first slice where less than {@link #minFraction()} of the
 * slice's mask has an intensity inside the lesion's range, and every slice past it is dropped.
 * The lesion's range is the {@code [tail, 1 − tail]} quantile range of the HU under the
 * RECIST-slice mask: the one slice whose mask rests on the user's mark.
 *
 * <p>Why: past a lesion's end the per-slice segmenters still find "lesion" wherever the propagated
 * mark R̂ (or the network's response) lies, because GrabCut and a slice-wise network always return
 * something near their seeds. On those slices the mask covers the tissue around the lesion, whose
 * intensities mostly lie outside the lesion's own range. Near the end the lesion's partial-volume
 * tip moves the same way, so the rule also drops tips too thin to matter. Measured on the demo
 * phantom and on lesions inserted into real head CT (module README): it removes nearly all
 * false-positive slices past the lesion's end for every method, at the price of some missed tip
 * slices, and raises mean 3D Dice for GrabCut-3DE, WSSS-7 and WSSS-7-GC alike.
 *
 * <p>Which RECIST-slice mask gives the range is {@link #rangeFrom()}: the 3D mask's own
 * ({@link RangeFrom#MASK}, GrabCut-3DE and the "-GC" walk), or the initial RECIST-slice mask of
 * Sec. 2.1 ({@link RangeFrom#INITIAL_MASK}, GrabCut-R by default; the network's CNN walk). Read
 * from a method's own mask, the range depends on how tight that mask is: a precise mask leaves out
 * the lesion's partial-volume rim, so its range is narrow and its walk is cut on lesion slices
 * that a looser mask's walk keeps (measured: at most offsets WSSS-7's thresholded masks missed
 * 1–3 more of the 157 validation lesions' slices than the HNN's, module README). The initial
 * mask is the same for
 * every network, so the rule then ends each network's walk on the same evidence.
 *
 * <p>The rule reads intensities only, never the ground truth; it does not add voxels, so the
 * result is a subset of the input, and the RECIST slice is never cut. A lesion whose range mask
 * holds fewer than {@link #MIN_KEY_PIXELS} pixels has no usable range and is left as it is.
 *
 * <p><b>Deviations from the paper.</b> The paper stacks slice-wise results without a stopping
 * rule; this rule is the SDK's own.
 *
 * @param minFraction a side is cut at the first slice where less than this share of the mask's
 *     pixels lie inside the lesion's range, in [0, 1]; 0 turns the rule off
 * @param tail share cut off each end of the RECIST-slice mask's intensity distribution to make
 *     the range (robust to a few boundary pixels), in [0, 0.5)
 * @param rangeFrom which RECIST-slice mask the range is read from
 */
public record IntensityStop(double minFraction, double tail, RangeFrom rangeFrom) {

    /** Which RECIST-slice mask the lesion's HU range is read from. */
    public enum RangeFrom {
        /** The 3D mask's own cross-section on the RECIST slice. */
        MASK,
        /**
         * The initial RECIST-slice mask (Sec. 2.1), given to
         * {@link #apply(Mask3D, int, IntFunction, IntUnaryOperator, Mask)}.
         */
        INITIAL_MASK
    }

    /** Fewer RECIST-slice mask pixels than this give no range: the rule then leaves the mask as it is. */
    public static final int MIN_KEY_PIXELS = 5;

    /** Validates; errors name the field and the value. */
    public IntensityStop {
        if (!(minFraction >= 0 && minFraction <= 1)) {
            throw new IllegalArgumentException("IntensityStop.minFraction must lie in [0, 1], got " + minFraction);
        }
        if (!(tail >= 0 && tail < 0.5)) {
            throw new IllegalArgumentException("IntensityStop.tail must lie in [0, 0.5), got " + tail);
        }
        Objects.requireNonNull(rangeFrom, "IntensityStop.rangeFrom");
    }

    /** The rule with the range read from the 3D mask's own RECIST-slice cross-section. */
    public IntensityStop(double minFraction, double tail) {
        this(minFraction, tail, RangeFrom.MASK);
    }

    /**
     * Cut where less than 0.3 of a slice's mask lies in the 10th–90th percentile HU range of the
     * RECIST-slice mask. Both values were chosen on the validation lesions of the demo phantom and
     * of the real-CT-background set (0.3, 0.4 and 0.5 tried; 0.3 best or within 0.005 of the best
     * for every method there) and checked on their test lesions.
     */
    public static IntensityStop defaults() {
        return new IntensityStop(0.3, 0.1);
    }

    /** The rule switched off: masks pass unchanged. */
    public static IntensityStop off() {
        return new IntensityStop(0, 0.1);
    }

    /** Whether the rule is off. */
    public boolean isOff() {
        return minFraction == 0;
    }

    /** The same with another {@link #minFraction()}. */
    public IntensityStop withMinFraction(double f) {
        return new IntensityStop(f, tail, rangeFrom);
    }

    /** The same with the range read from {@code from}. */
    public IntensityStop withRangeFrom(RangeFrom from) {
        return new IntensityStop(minFraction, tail, from);
    }

    /**
     * Cuts {@code mask} on each side of slice {@code key} at the first slice whose mask has less
     * than {@link #minFraction()} of its pixels inside the RECIST-slice mask's intensity range.
     * A side also ends at its first empty slice (the mask's 3D component through the RECIST slice
     * has no gaps). Adds a provenance note for each side it cut.
     *
     * @param mask the assembled 3D mask, slices on the case's stored grid
     * @param key the RECIST slice's position in that grid
     * @param slices the image of grid position z (called only for slices the mask holds)
     * @param sliceIndex the case's slice index of grid position z, for the notes
     * @return {@code mask} itself when nothing is cut, else the cut mask
     * @throws IllegalArgumentException if {@code key} lies outside the grid or a slice does not
     *     match the mask's size
     * @throws IllegalStateException with {@link RangeFrom#INITIAL_MASK}, which needs the initial
     *     mask ({@link #apply(Mask3D, int, IntFunction, IntUnaryOperator, Mask)})
     */
    public Mask3D apply(Mask3D mask, int key, IntFunction<Slice> slices, IntUnaryOperator sliceIndex) {
        if (rangeFrom == RangeFrom.INITIAL_MASK && !isOff()) {
            throw new IllegalStateException("IntensityStop with rangeFrom INITIAL_MASK needs the initial RECIST-slice "
                    + "mask: call apply(mask, key, slices, sliceIndex, initialMask)");
        }
        return apply(mask, key, slices, sliceIndex, null);
    }

    /**
     * {@link #apply(Mask3D, int, IntFunction, IntUnaryOperator)}, with the range read from
     * {@code initialMask} when {@link #rangeFrom()} is {@link RangeFrom#INITIAL_MASK}.
     *
     * @param initialMask the initial RECIST-slice mask, on the mask's in-plane grid; required with
     *     {@link RangeFrom#INITIAL_MASK} (unless the rule is off), ignored with {@link RangeFrom#MASK}
     * @throws IllegalArgumentException also if {@code initialMask} is missing where required or
     *     its size is not the mask's
     */
    public Mask3D apply(Mask3D mask, int key, IntFunction<Slice> slices, IntUnaryOperator sliceIndex,
                        Mask initialMask) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(slices, "slices");
        Objects.requireNonNull(sliceIndex, "sliceIndex");
        int w = mask.width(), h = mask.height(), d = mask.depth(), plane = w * h;
        if (key < 0 || key >= d) {
            throw new IllegalArgumentException("RECIST slice position " + key + " lies outside the mask's 0.." + (d - 1));
        }
        if (isOff()) {
            return mask;
        }
        Mask rangeMask = mask.slice(key);
        if (rangeFrom == RangeFrom.INITIAL_MASK) {
            if (initialMask == null) {
                throw new IllegalArgumentException("IntensityStop with rangeFrom INITIAL_MASK needs the initial "
                        + "RECIST-slice mask, got null");
            }
            rangeMask.requireSameShape(initialMask);
            rangeMask = initialMask;
        }
        boolean[] a = mask.toArray();
        float[] range = range(rangeMask, image(slices, key, w, h));
        if (range == null) {
            return mask;
        }
        Provenance p = mask.provenance();
        boolean cutAny = false;
        for (int step = -1; step <= 1; step += 2) {
            int cutAt = -1;
            long in = 0, n = 0;
            for (int z = key + step; z >= 0 && z < d; z += step) {
                n = 0;
                in = 0;
                float[] hu = null;
                for (int i = 0; i < plane; i++) {
                    if (a[z * plane + i]) {
                        if (hu == null) {
                            hu = image(slices, z, w, h);
                        }
                        n++;
                        float v = hu[i];
                        if (v >= range[0] && v <= range[1]) {
                            in++;
                        }
                    }
                }
                if (n == 0) {
                    break;
                }
                if (in < minFraction * n) {
                    cutAt = z;
                    break;
                }
            }
            if (cutAt < 0) {
                continue;
            }
            int removed = 0;
            for (int z = cutAt; z >= 0 && z < d; z += step) {
                boolean any = false;
                for (int i = z * plane; i < (z + 1) * plane; i++) {
                    any |= a[i];
                    a[i] = false;
                }
                removed += any ? 1 : 0;
            }
            cutAny = true;
            p = p.withNote(String.format(Locale.ROOT, "%s: cut at slice %d, %d of %d px in the lesion's HU range "
                    + "[%.1f, %.1f]%s (< %.3f); %d slice(s) dropped", step < 0 ? "below" : "above",
                    sliceIndex.applyAsInt(cutAt), in, n, range[0], range[1],
                    rangeFrom == RangeFrom.INITIAL_MASK ? " of the initial RECIST-slice mask" : "", minFraction,
                    removed));
        }
        return cutAny ? Mask3D.of(w, h, d, mask.spacing(), a).withProvenance(p) : mask;
    }

    /** The [tail, 1 − tail] quantiles of the HU under the RECIST-slice mask, or null if it is too small. */
    private float[] range(Mask keyMask, float[] hu) {
        if (keyMask.count() < MIN_KEY_PIXELS) {
            return null;
        }
        float[] v = valuesUnder(keyMask, hu);
        return new float[] {v[(int) (tail * (v.length - 1))], v[(int) ((1 - tail) * (v.length - 1))]};
    }

    /** The HU under {@code m}, sorted (shared with {@link IntensityTrim}). */
    static float[] valuesUnder(Mask m, float[] hu) {
        float[] v = new float[m.count()];
        int k = 0;
        for (int i = 0; i < hu.length; i++) {
            if (m.getIndex(i)) {
                v[k++] = hu[i];
            }
        }
        Arrays.sort(v);
        return v;
    }

    /** The pixels of grid position {@code z}, checked against the mask's size (shared with {@link IntensityTrim}). */
    static float[] image(IntFunction<Slice> slices, int z, int w, int h) {
        Slice s = Objects.requireNonNull(slices.apply(z), "slice " + z);
        if (s.width() != w || s.height() != h) {
            throw new IllegalArgumentException("slice " + z + " is " + s.width() + "x" + s.height() + " but the mask is "
                    + w + "x" + h);
        }
        return s.toArray();
    }
}
