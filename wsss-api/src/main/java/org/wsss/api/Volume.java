package org.wsss.api;

import java.util.List;
import java.util.Objects;

/**
 * A stack of axial slices of one series, in HU, immutable: slice z of the volume is
 * {@link #slice(int)}. All slices share one in-plane shape and the volume's spacing.
 */
public final class Volume {

    private final List<Slice> slices;
    private final VoxelSpacing spacing;

    private Volume(List<Slice> slices, VoxelSpacing spacing) {
        this.slices = slices;
        this.spacing = spacing;
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
        return new Volume(List.copyOf(slices), spacing);
    }

    /** Columns. */
    public int width() {
        return slices.get(0).width();
    }

    /** Rows. */
    public int height() {
        return slices.get(0).height();
    }

    /** Number of slices. */
    public int depth() {
        return slices.size();
    }

    /** Voxel spacing in mm. */
    public VoxelSpacing spacing() {
        return spacing;
    }

    /** Slice z. */
    public Slice slice(int z) {
        if (z < 0 || z >= slices.size()) {
            throw new IndexOutOfBoundsException("slice " + z + " outside 0.." + (slices.size() - 1));
        }
        return slices.get(z);
    }

    /** HU value at voxel (x, y, z). */
    public float get(int x, int y, int z) {
        return slice(z).get(x, y);
    }

    @Override
    public String toString() {
        return "Volume[" + width() + "x" + height() + "x" + depth() + ", " + spacing + "]";
    }
}
