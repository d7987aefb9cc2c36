package org.wsss.propagation.assembly;

import java.util.Objects;
import java.util.OptionalDouble;
import org.wsss.api.Mask;
import org.wsss.api.Slice;
import org.wsss.grabcut.seeds.DistanceTransform;

/**
 * How much a lesion differs from its surroundings on one slice: the absolute difference, in HU,
 * between the median under its mask and the median of a ring of tissue around it, the pixels
 * more than {@link #GAP_MM} and at most {@link #GAP_MM} + {@link #RING_MM} from the mask (in-plane
 * distance, mm). The gap leaves out the partial-volume rim, which is neither lesion nor tissue.
 * Medians make the measure robust to a few bright or dark pixels (a vessel in the ring, a
 * calcification in the lesion).
 *
 * <p>The 3D walk reads it on the RECIST slice to tell a low-contrast lesion, whose end its own
 * evidence cannot see well ({@code InferenceConfig.lowContrastHu}).
 */
public final class LesionContrast {

    /** Distance (mm) from the mask at which the ring starts. */
    public static final double GAP_MM = 1;

    /** Width (mm) of the ring. */
    public static final double RING_MM = 3;

    /** Fewer pixels than this under the mask or in the ring give no measure. */
    public static final int MIN_PIXELS = IntensityStop.MIN_KEY_PIXELS;

    private LesionContrast() {
    }

    /**
     * |median HU under {@code mask} − median HU of its ring| on {@code slice}, or empty when the
     * mask or the ring (clipped to the slice) holds fewer than {@link #MIN_PIXELS} pixels.
     *
     * @throws IllegalArgumentException if the mask's size is not the slice's
     */
    public static OptionalDouble of(Mask mask, Slice slice) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(slice, "slice");
        int w = slice.width(), h = slice.height();
        if (mask.width() != w || mask.height() != h) {
            throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height() + " but the slice is "
                    + w + "x" + h);
        }
        if (mask.count() < MIN_PIXELS) {
            return OptionalDouble.empty();
        }
        // one distance transform for both edges of the ring
        double[] d2 = DistanceTransform.squaredMm(mask.toArray(), w, h, slice.spacing().x(), slice.spacing().y());
        double near = GAP_MM * GAP_MM, far = (GAP_MM + RING_MM) * (GAP_MM + RING_MM);
        Mask ring = Mask.fromPredicate(w, h, (x, y) -> d2[y * w + x] > near && d2[y * w + x] <= far);
        if (ring.count() < MIN_PIXELS) {
            return OptionalDouble.empty();
        }
        float[] hu = slice.toArray();
        return OptionalDouble.of(Math.abs(median(IntensityStop.valuesUnder(mask, hu))
                - median(IntensityStop.valuesUnder(ring, hu))));
    }

    /** The median of sorted values (the mean of the middle two for an even count). */
    static double median(float[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
    }
}
