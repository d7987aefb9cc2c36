package org.wsss.api;

import java.util.Optional;

/**
 * One RECIST-marked lesion with the CT slices around it: a row of DeepLesion's
 * {@code DL_info.csv}, or a phantom case. Pixels are read lazily, slice by slice, so a dataset
 * of tens of thousands of cases holds none until asked.
 *
 * <p>Slice indices are those of the series (DeepLesion's PNG numbers); a folder may hold only
 * some of them, listed by {@link #sliceIndices()}. A 3D mask of the case lies on that list:
 * its z = {@link #zOf}(slice index).
 */
public interface LesionCase {

    /** Unique id within its dataset, e.g. {@code 000001_01_01_109} ({@code _2}, {@code _3} for repeats). */
    String id();

    /** The RECIST mark; its slice index is the key slice. */
    Recist recist();

    /** Voxel spacing in mm (z = slice interval). */
    VoxelSpacing spacing();

    /** The case's display window. */
    Window window();

    /** Coarse lesion type. */
    LesionCategory category();

    /** Train / validation / test. */
    Split split();

    /** Image width (columns) of every slice. */
    int width();

    /** Image height (rows) of every slice. */
    int height();

    /** Indices of the stored slices, ascending; holds the key slice. */
    int[] sliceIndices();

    /** Position of {@code sliceIndex} in {@link #sliceIndices()}, or −1 if it is not stored. */
    default int zOf(int sliceIndex) {
        int[] s = sliceIndices();
        int i = java.util.Arrays.binarySearch(s, sliceIndex);
        return i >= 0 ? i : -1;
    }

    /**
     * Reads slice {@code sliceIndex}.
     *
     * @throws IllegalArgumentException if the slice is not stored
     * @throws WsssIoException if it cannot be read, naming the file
     */
    Slice slice(int sliceIndex);

    /**
     * The image {@code offsetMm} along z from stored slice {@code sliceIndex} (negative: towards
     * lower indices): linearly interpolated between the two stored slices around that position
     * (slice index i lies at i × {@link #spacing()}.z mm), and the first or last stored slice past
     * the stored range. What a 2.5D model reads as its neighbouring channels
     * ({@link SliceSegmenter#contextOffsetsMm()}): the same physical distance whatever the
     * slice interval.
     *
     * @throws IllegalArgumentException if the slice is not stored or the offset is not finite
     * @throws WsssIoException if a slice cannot be read
     */
    default Slice sliceAt(int sliceIndex, double offsetMm) {
        if (!Double.isFinite(offsetMm)) {
            throw new IllegalArgumentException("slice offset must be finite, got " + offsetMm + " mm");
        }
        if (zOf(sliceIndex) < 0) {
            throw new IllegalArgumentException("slice " + sliceIndex + " is not stored for lesion " + id());
        }
        if (offsetMm == 0) {
            return slice(sliceIndex);
        }
        int[] s = sliceIndices();
        double target = sliceIndex + offsetMm / spacing().z();
        if (target <= s[0]) {
            return slice(s[0]);
        }
        if (target >= s[s.length - 1]) {
            return slice(s[s.length - 1]);
        }
        int hi = 1;
        while (s[hi] < target) {
            hi++;
        }
        if (s[hi] == target) {
            return slice(s[hi]);
        }
        int lo = s[hi - 1];
        return Slice.interpolate(slice(lo), slice(s[hi]), (target - lo) / (s[hi] - lo));
    }

    /**
     * {@link #sliceAt} for each offset, in order: the context a model with these
     * {@link SliceSegmenter#contextOffsetsMm()} reads around {@code sliceIndex}.
     */
    default java.util.List<Slice> context(int sliceIndex, java.util.List<Double> offsetsMm) {
        java.util.List<Slice> out = new java.util.ArrayList<>(offsetsMm.size());
        for (double o : offsetsMm) {
            out.add(sliceAt(sliceIndex, o));
        }
        return java.util.List.copyOf(out);
    }

    /**
     * This case reading each slice at most once: a view that keeps every slice it has read, for
     * work that reads the same slices many times (a 2.5D model's context overlaps the next
     * slice's). Drop the view when done with the lesion; it holds what it read. Thread-safe.
     */
    default LesionCase cachingSlices() {
        LesionCase self = this;
        java.util.Map<Integer, Slice> read = new java.util.concurrent.ConcurrentHashMap<>();
        return new ForwardingLesionCase(self) {
            @Override
            public Slice slice(int sliceIndex) {
                return read.computeIfAbsent(sliceIndex, delegate::slice);
            }
        };
    }

    /** The key (RECIST) slice. */
    default Slice keySlice() {
        return slice(recist().sliceIndex());
    }

    /** Ground-truth 3D mask on the grid of {@link #sliceIndices()}, where one is known. */
    Optional<Mask3D> groundTruth();

    /**
     * A case from a volume in memory: slice index = the volume's z, category
     * {@link LesionCategory#UNKNOWN}, split {@link Split#TEST}, no ground truth (add them with
     * {@link VolumeLesionCase}'s {@code with*} methods).
     *
     * @param id the lesion's id, used in provenance, file names and error messages
     * @param volume the CT in HU with its spacing
     * @param recist the mark, its slice index a z of {@code volume}
     * @param window the HU window the lesion is read in
     * @throws IllegalArgumentException naming the lesion if the mark is not on a slice of the
     *     volume, does not fit the slice, or is degenerate
     */
    static VolumeLesionCase of(String id, Volume volume, Recist recist, Window window) {
        return new VolumeLesionCase(id, volume, recist, window, LesionCategory.UNKNOWN, Split.TEST, null);
    }
}
