package org.wsss.api;

import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * One axial CT image in Hounsfield units, immutable. Pixel (x, y) is column x, row y; pixels
 * are stored row-major. Every value is finite: a NaN or infinite pixel is rejected when the
 * slice is made, so no algorithm downstream meets one.
 */
public final class Slice {

    private final int width;
    private final int height;
    private final float[] hu;
    private final VoxelSpacing spacing;

    private Slice(int width, int height, float[] hu, VoxelSpacing spacing) {
        this.width = width;
        this.height = height;
        this.hu = hu;
        this.spacing = spacing;
    }

    /**
     * A slice from row-major HU values (copied).
     *
     * @throws IllegalArgumentException on a bad size, a length mismatch or a non-finite pixel,
     *     naming the first offending pixel
     */
    public static Slice of(int width, int height, float[] hu, VoxelSpacing spacing) {
        Shapes.checkSize("Slice", width, height);
        if (spacing == null) {
            throw new IllegalArgumentException("Slice spacing must not be null");
        }
        if (hu.length != width * height) {
            throw new IllegalArgumentException("Slice of " + width + "x" + height + " needs " + width * height
                    + " pixels, got " + hu.length);
        }
        float[] copy = hu.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!Float.isFinite(copy[i])) {
                throw new IllegalArgumentException("Slice pixel (" + i % width + ", " + i / width + ") is " + copy[i]
                        + "; HU values must be finite");
            }
        }
        return new Slice(width, height, copy, spacing);
    }

    /**
     * A slice from stored 16-bit values and the linear map to HU that CT files carry with them
     * (DICOM's Rescale Slope and Intercept, NIfTI's scl_slope and scl_inter): HU = value × slope +
     * intercept, rounded once to float. {@code stored} holds the values row-major from its
     * position to its limit, in its own byte order when it is a view of a file's bytes
     * ({@code ByteBuffer.wrap(bytes).order(LITTLE_ENDIAN).asShortBuffer()}), so a reader converts
     * pixels straight from the bytes it read: no intermediate array and no finiteness scan
     * (finite slope and intercept give finite HU). The buffer's position is not changed.
     *
     * @param unsigned whether the stored values are unsigned (0..65535) rather than two's complement
     * @throws IllegalArgumentException on a bad size, a length mismatch, or a slope or intercept
     *     that is zero (slope), not finite, or too large for float HU
     */
    public static Slice rescaled(int width, int height, ShortBuffer stored, boolean unsigned, double slope,
                                 double intercept, VoxelSpacing spacing) {
        Shapes.checkSize("Slice", width, height);
        if (spacing == null) {
            throw new IllegalArgumentException("Slice spacing must not be null");
        }
        if (stored.remaining() != width * height) {
            throw new IllegalArgumentException("Slice of " + width + "x" + height + " needs " + width * height
                    + " pixels, got " + stored.remaining());
        }
        if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(intercept)
                || Math.abs(slope) * 65536 + Math.abs(intercept) > Float.MAX_VALUE) {
            throw new IllegalArgumentException("rescale slope " + slope + " and intercept " + intercept
                    + " must be finite, the slope non-zero, and map 16-bit values to float HU");
        }
        float[] hu = new float[width * height];
        int p = stored.position();
        int whole = (int) intercept;
        if (slope == 1 && whole == intercept && Math.abs(intercept) < 1 << 24) {
            // The common CT case (slope 1, integer intercept): integer adds, exact in float.
            if (unsigned) {
                for (int i = 0; i < hu.length; i++) {
                    hu[i] = (stored.get(p + i) & 0xffff) + whole;
                }
            } else {
                for (int i = 0; i < hu.length; i++) {
                    hu[i] = stored.get(p + i) + whole;
                }
            }
        } else if (unsigned) {
            for (int i = 0; i < hu.length; i++) {
                hu[i] = (float) ((stored.get(p + i) & 0xffff) * slope + intercept);
            }
        } else {
            for (int i = 0; i < hu.length; i++) {
                hu[i] = (float) (stored.get(p + i) * slope + intercept);
            }
        }
        return new Slice(width, height, hu, spacing);
    }

    /** Image width in pixels (columns). */
    public int width() {
        return width;
    }

    /** Image height in pixels (rows). */
    public int height() {
        return height;
    }

    /** Voxel spacing of the series this slice belongs to. */
    public VoxelSpacing spacing() {
        return spacing;
    }

    /**
     * The same pixels with another spacing (shared, not copied: slices are immutable). A series
     * reader learns the slice interval only after it has read every slice.
     */
    public Slice withSpacing(VoxelSpacing spacing) {
        if (spacing == null) {
            throw new IllegalArgumentException("Slice spacing must not be null");
        }
        return new Slice(width, height, hu, spacing);
    }

    /** HU value at column x, row y. */
    public float get(int x, int y) {
        Shapes.checkIndex(width, height, x, y);
        return hu[y * width + x];
    }

    /** A copy of the row-major HU values. */
    public float[] toArray() {
        return hu.clone();
    }

    /** Copies the HU values of {@code roi} (which must lie inside) into {@code dst}, row-major. */
    public void copyRoi(Roi roi, float[] dst) {
        if (!Roi.full(width, height).contains(roi)) {
            throw new IllegalArgumentException(roi + " is not inside the " + width + "x" + height + " slice");
        }
        if (dst.length < roi.area()) {
            throw new IllegalArgumentException("destination holds " + dst.length + " values, ROI needs " + roi.area());
        }
        for (int r = 0; r < roi.height(); r++) {
            System.arraycopy(hu, (roi.y() + r) * width + roi.x(), dst, r * roi.width(), roi.width());
        }
    }

    /**
     * The slice a fraction {@code f} of the way from {@code a} to {@code b}: pixel by pixel
     * (1 − f)·a + f·b, the linear z interpolation between two neighbouring slices of a series.
     * Returns {@code a} itself at f = 0 and {@code b} at f = 1; the spacing is {@code a}'s.
     *
     * @throws IllegalArgumentException if the sizes differ or f is not in [0, 1]
     */
    public static Slice interpolate(Slice a, Slice b, double f) {
        if (a.width != b.width || a.height != b.height) {
            throw new IllegalArgumentException("cannot interpolate a " + a.width + "x" + a.height + " slice with a "
                    + b.width + "x" + b.height + " one");
        }
        if (!(f >= 0 && f <= 1)) {
            throw new IllegalArgumentException("interpolation fraction must lie in [0, 1], got " + f);
        }
        if (f == 0) {
            return a;
        }
        if (f == 1) {
            return b;
        }
        float[] out = new float[a.hu.length];
        float g = (float) f;
        for (int i = 0; i < out.length; i++) {
            out[i] = a.hu[i] + g * (b.hu[i] - a.hu[i]);
        }
        return new Slice(a.width, a.height, out, a.spacing);
    }

    /** The sub-image inside {@code roi}, which must lie inside this slice. */
    public Slice crop(Roi roi) {
        float[] dst = new float[roi.area()];
        copyRoi(roi, dst);
        return new Slice(roi.width(), roi.height(), dst, spacing);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slice s && s.width == width && s.height == height && s.spacing.equals(spacing)
                && Arrays.equals(s.hu, hu);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(hu);
    }

    @Override
    public String toString() {
        return "Slice[" + width + "x" + height + ", " + spacing + "]";
    }
}
