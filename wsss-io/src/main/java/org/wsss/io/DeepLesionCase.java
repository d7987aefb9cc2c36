package org.wsss.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.Optional;
import org.wsss.api.LesionCategory;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.api.WsssIoException;

/** One row of a {@link DeepLesionDataset}; holds no pixels, reads each slice when asked. */
final class DeepLesionCase implements LesionCase {

    /** Largest relative difference between the ground truth's spacing and the case's. */
    static final double SPACING_TOLERANCE = 1e-5;

    private final DeepLesionDataset dataset;
    private final DeepLesionRecord record;
    private final String id;
    private final int row;
    private volatile int[] sliceIndices;

    DeepLesionCase(DeepLesionDataset dataset, DeepLesionRecord record, String id, int row) {
        this.dataset = dataset;
        this.record = record;
        this.id = id;
        this.row = row;
    }

    DeepLesionRecord record() {
        return record;
    }

    int row() {
        return row;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Recist recist() {
        return record.recist();
    }

    @Override
    public VoxelSpacing spacing() {
        return record.spacing();
    }

    @Override
    public Window window() {
        return record.window();
    }

    @Override
    public LesionCategory category() {
        return record.category();
    }

    @Override
    public Split split() {
        return record.split();
    }

    @Override
    public int width() {
        return record.width();
    }

    @Override
    public int height() {
        return record.height();
    }

    /**
     * The slice PNGs of the series folder within {@code Slice_range}.
     *
     * @throws WsssIoException if the series folder or the key slice's PNG is missing
     */
    @Override
    public int[] sliceIndices() {
        int[] s = sliceIndices;
        if (s == null) {
            NavigableMap<Integer, Path> inRange = storedInRange();
            if (!inRange.containsKey(record.keySliceIndex())) {
                throw new WsssIoException(expectedFile(record.keySliceIndex()), -1,
                        "key slice PNG not found (case " + id + ", " + dataset.csvFile().getFileName() + " row " + row + ")",
                        null);
            }
            s = inRange.keySet().stream().mapToInt(Integer::intValue).toArray();
            for (int k = 1; k < s.length; k++) {
                if (s[k] != s[k - 1] + 1) {
                    // Stacking across the hole would shorten the lesion with z spacing unchanged.
                    throw new WsssIoException(expectedFile(s[k - 1] + 1), -1, id, "slice PNG missing between slices "
                            + s[k - 1] + " and " + s[k] + " of the series (a gap in the volume; "
                            + dataset.csvFile().getFileName() + " row " + row + ")", null);
                }
            }
            sliceIndices = s;
        }
        return s.clone();
    }

    /**
     * Reads slice {@code sliceIndex}.
     *
     * @throws IllegalArgumentException if the index lies outside {@code Slice_range}
     * @throws WsssIoException if its PNG is missing, corrupt, not 16-bit or of the wrong size
     */
    @Override
    public Slice slice(int sliceIndex) {
        if (sliceIndex < record.firstSlice() || sliceIndex > record.lastSlice()) {
            throw new IllegalArgumentException("slice " + sliceIndex + " lies outside Slice_range "
                    + record.firstSlice() + ".." + record.lastSlice() + " of case " + id);
        }
        Path file = storedInRange().get(sliceIndex);
        if (file == null) {
            throw new WsssIoException(expectedFile(sliceIndex), "slice PNG not found (case " + id + ")", null);
        }
        return Slice.of(record.width(), record.height(), Png16.read(file, record.width(), record.height(),
                dataset.limits().slicePixels()),
                record.spacing());
    }

    @Override
    public Optional<Mask3D> groundTruth() {
        GroundTruthReader reader = dataset.groundTruthReader();
        Path file = dataset.groundTruthFile(id);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Mask3D m = reader.read(file, this);
        int depth = sliceIndices().length;
        if (m.width() != width() || m.height() != height() || m.depth() != depth) {
            throw new WsssIoException(file, "ground truth is " + m.width() + "x" + m.height() + "x" + m.depth()
                    + ", case " + id + " needs " + width() + "x" + height() + "x" + depth, null);
        }
        VoxelSpacing a = m.spacing(), b = spacing();
        if (!close(a.x(), b.x()) || !close(a.y(), b.y()) || !close(a.z(), b.z())) {
            throw new WsssIoException(file, "ground truth spacing " + a + " differs from case " + id + "'s " + b, null);
        }
        return Optional.of(m);
    }

    private static boolean close(double u, double v) {
        return Math.abs(u - v) <= SPACING_TOLERANCE * Math.max(Math.abs(u), Math.abs(v));
    }

    private NavigableMap<Integer, Path> storedInRange() {
        return dataset.seriesSlices(record.seriesFolder()).subMap(record.firstSlice(), true, record.lastSlice(), true);
    }

    private Path expectedFile(int sliceIndex) {
        return dataset.imagesDir().resolve(record.seriesFolder()).resolve(String.format("%03d.png", sliceIndex));
    }

    @Override
    public String toString() {
        return "DeepLesionCase[" + id + ", row " + row + "]";
    }
}
