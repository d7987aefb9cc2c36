package org.wsss.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-pixel lesion probability in [0, 1] on a region of a slice, immutable. The map covers
 * {@link #roi()} in slice pixel coordinates; a network's output for a cropped ROI keeps the
 * ROI so that it can be placed back on its slice. Values are checked to be finite and in range.
 */
public final class ProbabilityMap {

    private final Roi roi;
    private final float[] p;
    private final Provenance provenance;

    private ProbabilityMap(Roi roi, float[] p, Provenance provenance) {
        this.roi = roi;
        this.p = p;
        this.provenance = provenance;
    }

    /**
     * A map over {@code roi} from row-major values (copied).
     *
     * @throws IllegalArgumentException on a length mismatch or a value outside [0, 1] or NaN
     */
    public static ProbabilityMap of(Roi roi, float[] values, Provenance provenance) {
        Objects.requireNonNull(roi, "roi");
        Objects.requireNonNull(provenance, "provenance");
        if (values.length != roi.area()) {
            throw new IllegalArgumentException("ProbabilityMap over " + roi + " needs " + roi.area() + " values, got "
                    + values.length);
        }
        float[] c = values.clone();
        for (int i = 0; i < c.length; i++) {
            if (!(c[i] >= 0f && c[i] <= 1f)) {
                throw new IllegalArgumentException("ProbabilityMap value at (" + (roi.x() + i % roi.width()) + ", "
                        + (roi.y() + i / roi.width()) + ") is " + c[i] + "; must lie in [0, 1]");
            }
        }
        return new ProbabilityMap(roi, c, provenance);
    }

    /** A map over a whole {@code width × height} slice. */
    public static ProbabilityMap of(int width, int height, float[] values) {
        return of(Roi.full(width, height), values, Provenance.NONE);
    }

    /** Region of the slice this map covers. */
    public Roi roi() {
        return roi;
    }

    /** What produced the map. */
    public Provenance provenance() {
        return provenance;
    }

    /** Probability at slice pixel (x, y); 0 outside the ROI. */
    public float get(int x, int y) {
        if (!roi.contains(x, y)) {
            return 0f;
        }
        return p[(y - roi.y()) * roi.width() + (x - roi.x())];
    }

    /** Row-major copy of the values over the ROI. */
    public float[] toArray() {
        return p.clone();
    }

    /** Mask over a {@code width × height} slice: pixels of probability ≥ {@code threshold}. */
    public Mask threshold(int sliceWidth, int sliceHeight, double threshold) {
        Mask.Builder b = Mask.builder(sliceWidth, sliceHeight).provenance(provenance);
        for (int r = 0; r < roi.height(); r++) {
            int y = roi.y() + r;
            if (y < 0 || y >= sliceHeight) {
                continue;
            }
            for (int c = 0; c < roi.width(); c++) {
                int x = roi.x() + c;
                if (x >= 0 && x < sliceWidth && p[r * roi.width() + c] >= threshold) {
                    b.set(x, y);
                }
            }
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbabilityMap m && m.roi.equals(roi) && Arrays.equals(m.p, p);
    }

    @Override
    public int hashCode() {
        return roi.hashCode() * 31 + Arrays.hashCode(p);
    }
}
