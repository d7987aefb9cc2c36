package org.wsss.io;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

/**
 * A lesion of a whole volume held in a file (NIfTI, npz): slice index = z on the SDK grid, the
 * volume read on first use through a shared {@link VolumeCache}; a long-axis-only mark is
 * completed into a RECIST when first asked for, from the key slice.
 */
final class GridLesionCase implements LesionCase {

    private final String id;
    private final String volumeKey;
    private final int label;
    private final Mark mark;
    private final int width;
    private final int height;
    private final int depth;
    private final VoxelSpacing spacing;
    private final Window window;
    private final LesionCategory category;
    private final Split split;
    private final Supplier<Volume> volume;
    private volatile Recist recist;

    GridLesionCase(String id, String volumeKey, int label, Mark mark, int[] dims, VoxelSpacing spacing, Window window,
                   LesionCategory category, Split split, Supplier<Volume> volume) {
        this.id = id;
        this.volumeKey = volumeKey;
        this.label = label;
        this.mark = mark;
        this.width = dims[0];
        this.height = dims[1];
        this.depth = dims[2];
        this.spacing = spacing;
        this.window = window;
        this.category = category;
        this.split = split;
        this.volume = volume;
        if (mark.slice() < 0 || mark.slice() >= depth) {
            throw new IllegalArgumentException("mark on slice " + mark.slice() + " outside the volume's " + depth
                    + " axial slices (0.." + (depth - 1) + ")");
        }
        if (!mark.needsImage()) {
            this.recist = mark.recist(spacing).validate(width, height, spacing);
        } else {
            // the long axis alone is checked now; the short axis comes with the pixels
            for (org.wsss.api.Point2 p : new org.wsss.api.Point2[] {mark.longAxis().start(), mark.longAxis().end()}) {
                if (p.x() < 0 || p.y() < 0 || p.x() > width - 1 || p.y() > height - 1) {
                    throw new IllegalArgumentException("long axis endpoint " + p + " is outside the " + width + "x"
                            + height + " image");
                }
            }
            if (mark.longAxis().lengthPx() < Recist.MIN_AXIS_LENGTH_PX) {
                throw new IllegalArgumentException("long axis endpoints coincide");
            }
        }
    }

    String volumeKey() {
        return volumeKey;
    }

    int label() {
        return label;
    }

    Mark mark() {
        return mark;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Recist recist() {
        Recist r = recist;
        if (r == null) {
            synchronized (this) {
                r = recist;
                if (r == null) {
                    r = mark.recist(volume.get().slice(mark.slice()));
                    recist = r;
                }
            }
        }
        return r;
    }

    @Override
    public VoxelSpacing spacing() {
        return spacing;
    }

    @Override
    public Window window() {
        return window;
    }

    @Override
    public LesionCategory category() {
        return category;
    }

    @Override
    public Split split() {
        return split;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int[] sliceIndices() {
        return IntStream.range(0, depth).toArray();
    }

    @Override
    public int zOf(int sliceIndex) {
        return sliceIndex >= 0 && sliceIndex < depth ? sliceIndex : -1;
    }

    @Override
    public Slice slice(int sliceIndex) {
        if (sliceIndex < 0 || sliceIndex >= depth) {
            throw new IllegalArgumentException("lesion " + id + ": slice " + sliceIndex + " outside 0.." + (depth - 1));
        }
        return volume.get().slice(sliceIndex);
    }

    @Override
    public Optional<Mask3D> groundTruth() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "lesion " + id + " in " + volumeKey + " (" + mark.text() + ")";
    }
}
