package org.wsss.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A binary 3D mask on a {@code width × height × depth} voxel grid with its spacing, immutable.
 * Voxel (x, y, z) is column x, row y, slice z; stored x fastest, then y, then z, as a bit set.
 */
public final class Mask3D {

    private final int width;
    private final int height;
    private final int depth;
    private final VoxelSpacing spacing;
    private final long[] bits;
    private final Provenance provenance;

    private Mask3D(int width, int height, int depth, VoxelSpacing spacing, long[] bits, Provenance provenance) {
        this.width = width;
        this.height = height;
        this.depth = depth;
        this.spacing = spacing;
        this.bits = bits;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** An empty mask. */
    public static Mask3D empty(int width, int height, int depth, VoxelSpacing spacing) {
        checkShape(width, height, depth, spacing);
        return new Mask3D(width, height, depth, spacing, new long[words(width, height, depth)], Provenance.NONE);
    }

    /** A mask from values ordered x fastest, then y, then z (copied). */
    public static Mask3D of(int width, int height, int depth, VoxelSpacing spacing, boolean[] values) {
        checkShape(width, height, depth, spacing);
        long n = (long) width * height * depth;
        if (values.length != n) {
            throw new IllegalArgumentException("Mask3D of " + width + "x" + height + "x" + depth + " needs " + n
                    + " values, got " + values.length);
        }
        long[] b = new long[words(width, height, depth)];
        for (int i = 0; i < values.length; i++) {
            if (values[i]) {
                b[i >>> 6] |= 1L << i;
            }
        }
        return new Mask3D(width, height, depth, spacing, b, Provenance.NONE);
    }

    /** A mask stacked from {@code depth} 2D masks of one shape, slice 0 first. */
    public static Mask3D stack(java.util.List<Mask> slices, VoxelSpacing spacing) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("Mask3D.stack needs at least one slice");
        }
        Mask first = slices.get(0);
        Builder b = builder(first.width(), first.height(), slices.size(), spacing);
        for (int z = 0; z < slices.size(); z++) {
            Mask m = slices.get(z);
            try {
                first.requireSameShape(m);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Mask3D.stack: slice " + z + ": " + e.getMessage(), e);
            }
            b.setSlice(z, m);
        }
        return b.build();
    }

    /** A mutable builder, all false. */
    public static Builder builder(int width, int height, int depth, VoxelSpacing spacing) {
        return new Builder(width, height, depth, spacing);
    }

    /** Columns. */
    public int width() {
        return width;
    }

    /** Rows. */
    public int height() {
        return height;
    }

    /** Slices. */
    public int depth() {
        return depth;
    }

    /** Voxel spacing in mm. */
    public VoxelSpacing spacing() {
        return spacing;
    }

    /** What produced this mask. */
    public Provenance provenance() {
        return provenance;
    }

    /** The same voxels with another provenance. */
    public Mask3D withProvenance(Provenance p) {
        return new Mask3D(width, height, depth, spacing, bits, p);
    }

    /** Value at voxel (x, y, z). */
    public boolean get(int x, int y, int z) {
        if (x < 0 || y < 0 || z < 0 || x >= width || y >= height || z >= depth) {
            throw new IndexOutOfBoundsException("voxel (" + x + ", " + y + ", " + z + ") outside " + width + "x"
                    + height + "x" + depth);
        }
        long i = ((long) z * height + y) * width + x;
        return (bits[(int) (i >>> 6)] & (1L << i)) != 0;
    }

    /** Slice z as a 2D mask (carrying this mask's provenance). */
    public Mask slice(int z) {
        if (z < 0 || z >= depth) {
            throw new IndexOutOfBoundsException("slice " + z + " outside 0.." + (depth - 1));
        }
        int n = width * height;
        long[] out = new long[Mask.words(n)];
        long base = (long) z * n;
        // Word by word: the slice's bits are a run starting at bit `base`, shifted by base % 64.
        int first = (int) (base >>> 6), shift = (int) (base & 63);
        for (int k = 0; k < out.length; k++) {
            long lo = bits[first + k] >>> shift;
            long hi = shift != 0 && first + k + 1 < bits.length ? bits[first + k + 1] << (64 - shift) : 0;
            out[k] = lo | hi;
        }
        if ((n & 63) != 0) {
            out[out.length - 1] &= (1L << n) - 1; // drop the next slice's bits
        }
        return new Mask(width, height, out, provenance);
    }

    /** Number of true voxels of slice {@code z}, without building the slice. */
    public int sliceCount(int z) {
        if (z < 0 || z >= depth) {
            throw new IndexOutOfBoundsException("slice " + z + " outside 0.." + (depth - 1));
        }
        long n = (long) width * height;
        long from = z * n, to = from + n;
        int a = (int) (from >>> 6), b = (int) ((to - 1) >>> 6);
        long head = -1L << from, tail = -1L >>> (63 - (int) ((to - 1) & 63));
        if (a == b) {
            return Long.bitCount(bits[a] & head & tail);
        }
        int c = Long.bitCount(bits[a] & head) + Long.bitCount(bits[b] & tail);
        for (int k = a + 1; k < b; k++) {
            c += Long.bitCount(bits[k]);
        }
        return c;
    }

    /**
     * Index of the first true voxel at or after {@code from} (index = (z·height + y)·width + x),
     * or −1 if there is none: iterates a sparse mask without visiting its empty voxels.
     */
    public long nextSet(long from) {
        long size = (long) width * height * depth;
        if (from < 0) {
            from = 0;
        }
        if (from >= size) {
            return -1;
        }
        int word = (int) (from >>> 6);
        long w = bits[word] & (-1L << from);
        while (w == 0) {
            if (++word == bits.length) {
                return -1;
            }
            w = bits[word];
        }
        long i = ((long) word << 6) + Long.numberOfTrailingZeros(w);
        return i < size ? i : -1;
    }

    /** Number of true voxels. */
    public long count() {
        long n = 0;
        for (long w : bits) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** Number of voxels true in both masks (shapes must match). */
    public long intersectionCount(Mask3D o) {
        requireSameShape(o);
        long n = 0;
        for (int i = 0; i < bits.length; i++) {
            n += Long.bitCount(bits[i] & o.bits[i]);
        }
        return n;
    }

    /** Volume of the true voxels in millilitres (1 mL = 1000 mm³). */
    public double volumeMl() {
        return count() * spacing.voxelVolumeMm3() / 1000.0;
    }

    /** Throws an {@link IllegalArgumentException} unless {@code o} has this grid's dimensions. */
    public void requireSameShape(Mask3D o) {
        if (o.width != width || o.height != height || o.depth != depth) {
            throw new IllegalArgumentException("Mask3D: shapes differ, " + width + "x" + height + "x" + depth + " vs "
                    + o.width + "x" + o.height + "x" + o.depth);
        }
    }

    /** Values ordered x fastest, then y, then z. */
    public boolean[] toArray() {
        boolean[] out = new boolean[width * height * depth];
        // a word at a time, visiting only the set bits: masks are mostly empty
        for (int k = 0; k < bits.length; k++) {
            for (long b = bits[k]; b != 0; b &= b - 1) {
                int i = (k << 6) + Long.numberOfTrailingZeros(b);
                if (i < out.length) {
                    out[i] = true;
                }
            }
        }
        return out;
    }

    private static void checkShape(int width, int height, int depth, VoxelSpacing spacing) {
        if (width <= 0 || height <= 0 || depth <= 0) {
            throw new IllegalArgumentException("Mask3D size must be positive, got " + width + "x" + height + "x" + depth);
        }
        if ((long) width * height * depth > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Mask3D of " + width + "x" + height + "x" + depth + " is too large");
        }
        Objects.requireNonNull(spacing, "spacing");
    }

    private static int words(int w, int h, int d) {
        return (int) (((long) w * h * d + 63) >>> 6);
    }

    /** Voxel equality and equal spacing; provenance does not take part. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Mask3D m && m.width == width && m.height == height && m.depth == depth
                && m.spacing.equals(spacing) && Arrays.equals(m.bits, bits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, depth, spacing) * 31 + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "Mask3D[" + width + "x" + height + "x" + depth + ", " + count() + " set, " + provenance.method() + "]";
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final int width;
        private final int height;
        private final int depth;
        private final VoxelSpacing spacing;
        private final long[] bits;
        private Provenance provenance = Provenance.NONE;

        private Builder(int width, int height, int depth, VoxelSpacing spacing) {
            checkShape(width, height, depth, spacing);
            this.width = width;
            this.height = height;
            this.depth = depth;
            this.spacing = spacing;
            this.bits = new long[words(width, height, depth)];
        }

        /** Sets voxel (x, y, z) true. */
        public Builder set(int x, int y, int z) {
            if (x < 0 || y < 0 || z < 0 || x >= width || y >= height || z >= depth) {
                throw new IndexOutOfBoundsException("voxel (" + x + ", " + y + ", " + z + ") outside " + width + "x"
                        + height + "x" + depth);
            }
            long i = ((long) z * height + y) * width + x;
            bits[(int) (i >>> 6)] |= 1L << i;
            return this;
        }

        /** Replaces slice z with {@code m} (same in-plane shape). */
        public Builder setSlice(int z, Mask m) {
            Shapes.checkSameShape("Mask3D slice " + z, width, height, m.width(), m.height());
            if (z < 0 || z >= depth) {
                throw new IndexOutOfBoundsException("slice " + z + " outside 0.." + (depth - 1));
            }
            int n = width * height;
            long base = (long) z * n;
            for (int i = 0; i < n; i++) {
                long j = base + i;
                if (m.getIndex(i)) {
                    bits[(int) (j >>> 6)] |= 1L << j;
                } else {
                    bits[(int) (j >>> 6)] &= ~(1L << j);
                }
            }
            return this;
        }

        /** Provenance of the mask to build. */
        public Builder provenance(Provenance p) {
            this.provenance = Objects.requireNonNull(p, "provenance");
            return this;
        }

        /** The mask; later builder changes do not reach it. */
        public Mask3D build() {
            return new Mask3D(width, height, depth, spacing, bits.clone(), provenance);
        }
    }
}
