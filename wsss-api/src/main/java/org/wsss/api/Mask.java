package org.wsss.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A binary 2D mask (true = lesion), immutable, with the {@link Provenance} of whatever made
 * it. Stored as a bit set so that counting and overlap run a word (64 pixels) at a time.
 */
public final class Mask {

    private final int width;
    private final int height;
    private final long[] bits;
    private final Provenance provenance;

    Mask(int width, int height, long[] bits, Provenance provenance) {
        this.width = width;
        this.height = height;
        this.bits = bits;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** An empty (all false) mask. */
    public static Mask empty(int width, int height) {
        Shapes.checkSize("Mask", width, height);
        return new Mask(width, height, new long[words(width * height)], Provenance.NONE);
    }

    /** A mask from row-major values (copied). */
    public static Mask of(int width, int height, boolean[] values) {
        Shapes.checkSize("Mask", width, height);
        if (values.length != width * height) {
            throw new IllegalArgumentException("Mask of " + width + "x" + height + " needs " + width * height
                    + " values, got " + values.length);
        }
        long[] b = new long[words(values.length)];
        for (int i = 0; i < values.length; i++) {
            if (values[i]) {
                b[i >>> 6] |= 1L << i;
            }
        }
        return new Mask(width, height, b, Provenance.NONE);
    }

    /** A mask true where {@code f(x, y)} is. */
    public static Mask fromPredicate(int width, int height, PixelPredicate f) {
        Builder b = builder(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (f.test(x, y)) {
                    b.set(x, y);
                }
            }
        }
        return b.build();
    }

    /** A mutable builder for a {@code width × height} mask, all false. */
    public static Builder builder(int width, int height) {
        return new Builder(width, height);
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** What produced this mask; {@link Provenance#NONE} for masks made by hand or read from disk. */
    public Provenance provenance() {
        return provenance;
    }

    /** The same pixels with another provenance. */
    public Mask withProvenance(Provenance p) {
        return new Mask(width, height, bits, p);
    }

    /** Value at column x, row y. */
    public boolean get(int x, int y) {
        Shapes.checkIndex(width, height, x, y);
        int i = y * width + x;
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    /** Value at row-major index {@code i}, unchecked beyond the array bound. */
    public boolean getIndex(int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    /** Number of true pixels. */
    public int count() {
        int n = 0;
        for (long w : bits) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** Whether no pixel is set. */
    public boolean isEmpty() {
        for (long w : bits) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    /** Number of pixels true in both masks. */
    public int intersectionCount(Mask o) {
        requireSameShape(o);
        int n = 0;
        for (int i = 0; i < bits.length; i++) {
            n += Long.bitCount(bits[i] & o.bits[i]);
        }
        return n;
    }

    /** Pixel-wise OR. */
    public Mask or(Mask o) {
        requireSameShape(o);
        long[] b = bits.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] |= o.bits[i];
        }
        return new Mask(width, height, b, Provenance.NONE);
    }

    /** Pixel-wise AND. */
    public Mask and(Mask o) {
        requireSameShape(o);
        long[] b = bits.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] &= o.bits[i];
        }
        return new Mask(width, height, b, Provenance.NONE);
    }

    /** Row-major copy of the values. */
    public boolean[] toArray() {
        boolean[] out = new boolean[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = getIndex(i);
        }
        return out;
    }

    /** Throws an {@link IllegalArgumentException} unless {@code o} has this mask's shape. */
    public void requireSameShape(Mask o) {
        Shapes.checkSameShape("Mask", width, height, o.width, o.height);
    }

    /**
     * The filled convex hull: every pixel whose centre lies in the convex hull of the centres of
     * this mask's pixels (boundary included); empty for an empty mask. A lesion's cross-section is
     * close to convex, so its hull recovers one that a refiner cut short on one side. O(pixels).
     */
    public Mask convexHull() {
        return MaskHull.filled(this);
    }

    /** Bounding box of the true pixels, or {@code null} when the mask is empty. */
    public Roi boundingBox() {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (getIndex(y * width + x)) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new Roi(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    long[] bits() {
        return bits;
    }

    static int words(int n) {
        return (n + 63) >>> 6;
    }

    /** Pixel equality; provenance is metadata and does not take part. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.width == width && m.height == height && Arrays.equals(m.bits, bits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "Mask[" + width + "x" + height + ", " + count() + " set, " + provenance.method() + "]";
    }

    /** A test on a pixel position. */
    @FunctionalInterface
    public interface PixelPredicate {
        /** Whether pixel (x, y) is in. */
        boolean test(int x, int y);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final int width;
        private final int height;
        private final long[] bits;
        private Provenance provenance = Provenance.NONE;

        private Builder(int width, int height) {
            Shapes.checkSize("Mask", width, height);
            this.width = width;
            this.height = height;
            this.bits = new long[words(width * height)];
        }

        /** Sets pixel (x, y) true. */
        public Builder set(int x, int y) {
            Shapes.checkIndex(width, height, x, y);
            int i = y * width + x;
            bits[i >>> 6] |= 1L << i;
            return this;
        }

        /** Sets pixel (x, y) to {@code v}. */
        public Builder set(int x, int y, boolean v) {
            Shapes.checkIndex(width, height, x, y);
            int i = y * width + x;
            if (v) {
                bits[i >>> 6] |= 1L << i;
            } else {
                bits[i >>> 6] &= ~(1L << i);
            }
            return this;
        }

        /** Current value of pixel (x, y). */
        public boolean get(int x, int y) {
            Shapes.checkIndex(width, height, x, y);
            int i = y * width + x;
            return (bits[i >>> 6] & (1L << i)) != 0;
        }

        /** Provenance of the mask to build. */
        public Builder provenance(Provenance p) {
            this.provenance = Objects.requireNonNull(p, "provenance");
            return this;
        }

        /** The mask; the builder may be reused, later changes do not reach the built mask. */
        public Mask build() {
            return new Mask(width, height, bits.clone(), provenance);
        }
    }
}
