package org.wsss.api;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * A stack of axial slices of one series, in HU, immutable: slice z of the volume is
 * {@link #slice(int)}. All slices share one in-plane shape and the volume's spacing.
 *
 * <p>A volume either holds its slices ({@link #of}) or makes each the first time it is asked for
 * ({@link #lazy}), so that a reader can open a series without decoding slices a lesion never
 * touches. Both behave the same to callers: a slice, once returned, is the one every later call
 * returns. Not part of the paper (Cai et al., MICCAI 2018), which reads DeepLesion's PNG slices.
 */
public final class Volume {

    private final int width;
    private final int height;
    private final VoxelSpacing spacing;
    /** Slices made so far (all of them for {@link #of}). */
    private final AtomicReferenceArray<Slice> slices;
    /** Makes slice z; null for {@link #of}. */
    private final IntFunction<Slice> source;
    /** One lock per slice, so that concurrent readers decode different slices in parallel; null for {@link #of}. */
    private final Object[] locks;

    private Volume(int width, int height, VoxelSpacing spacing, AtomicReferenceArray<Slice> slices,
                   IntFunction<Slice> source) {
        this.width = width;
        this.height = height;
        this.spacing = spacing;
        this.slices = slices;
        this.source = source;
        if (source == null) {
            this.locks = null;
        } else {
            this.locks = new Object[slices.length()];
            for (int z = 0; z < locks.length; z++) {
                locks[z] = new Object();
            }
        }
    }

    /**
     * A volume from slices (top to bottom in slice-index order).
     *
     * @throws IllegalArgumentException on an empty list or slices of different shapes
     */
    public static Volume of(List<Slice> slices, VoxelSpacing spacing) {
        Objects.requireNonNull(spacing, "spacing");
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("Volume needs at least one slice");
        }
        Slice first = slices.get(0);
        for (int z = 1; z < slices.size(); z++) {
            Slice s = slices.get(z);
            if (s.width() != first.width() || s.height() != first.height()) {
                throw new IllegalArgumentException("Volume slice " + z + " is " + s.width() + "x" + s.height()
                        + ", slice 0 is " + first.width() + "x" + first.height());
            }
        }
        return new Volume(first.width(), first.height(), spacing,
                new AtomicReferenceArray<>(List.copyOf(slices).toArray(new Slice[0])), null);
    }

    /**
     * A volume whose slice z is made by {@code source.apply(z)} the first time it is asked for,
     * then kept: each slice is made once (concurrent callers asking for the same slice wait for
     * one call; different slices are made in parallel), and the volume never holds more than
     * the slices asked for. An exception from {@code source} (a file that cannot be read) reaches
     * the caller of {@link #slice} and nothing is kept, so a later call tries again.
     *
     * @param source makes slice z, {@code width} × {@code height}; called from the threads that
     *     ask for slices
     * @throws IllegalArgumentException on a bad size or a depth below 1
     */
    public static Volume lazy(int width, int height, int depth, VoxelSpacing spacing, IntFunction<Slice> source) {
        Objects.requireNonNull(spacing, "spacing");
        Objects.requireNonNull(source, "source");
        Shapes.checkSize("Volume", width, height);
        if (depth < 1) {
            throw new IllegalArgumentException("Volume needs at least one slice, got depth " + depth);
        }
        return new Volume(width, height, spacing, new AtomicReferenceArray<>(depth), source);
    }

    /** Columns. */
    public int width() {
        return width;
    }

    /** Rows. */
    public int height() {
        return height;
    }

    /** Number of slices. */
    public int depth() {
        return slices.length();
    }

    /** Voxel spacing in mm. */
    public VoxelSpacing spacing() {
        return spacing;
    }

    /**
     * Slice z (for a {@link #lazy} volume, made on the first call).
     *
     * @throws IllegalStateException if a lazy volume's source returns no slice or one of another shape
     */
    public Slice slice(int z) {
        if (z < 0 || z >= slices.length()) {
            throw new IndexOutOfBoundsException("slice " + z + " outside 0.." + (slices.length() - 1));
        }
        Slice s = slices.get(z);
        if (s != null) {
            return s;
        }
        synchronized (locks[z]) {
            s = slices.get(z);
            if (s == null) {
                s = source.apply(z);
                if (s == null || s.width() != width || s.height() != height) {
                    throw new IllegalStateException("Volume slice " + z + " was made as "
                            + (s == null ? "null" : s.width() + "x" + s.height()) + ", the volume is " + width + "x"
                            + height);
                }
                slices.set(z, s);
            }
            return s;
        }
    }

    /** HU value at voxel (x, y, z). */
    public float get(int x, int y, int z) {
        return slice(z).get(x, y);
    }

    @Override
    public String toString() {
        return "Volume[" + width + "x" + height + "x" + depth() + ", " + spacing + "]";
    }
}
