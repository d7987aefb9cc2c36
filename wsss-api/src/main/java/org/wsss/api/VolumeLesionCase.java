package org.wsss.api;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A {@link LesionCase} built by an embedder from a volume already in memory and a RECIST mark:
 * {@link LesionCase#of}. Slice index = the volume's z (0 = its first slice), so the RECIST's
 * slice index is a z of the volume. Immutable; the {@code with*} methods add what a batch
 * evaluation reads (category, split, ground truth).
 *
 * <pre>{@code
 * Volume ct = Volume.of(slices, new VoxelSpacing(0.7, 0.7, 2.5));
 * Recist mark = Recist.fromAxes(Axis.of(120, 140, 160, 150), Axis.of(138, 128, 142, 162), 41, ct.spacing());
 * LesionCase lesion = LesionCase.of("patient7-lesion1", ct, mark, Window.ofLevelWidth(40, 400));
 * Mask3D mask = segmenter.segment(lesion);
 * }</pre>
 */
public final class VolumeLesionCase implements LesionCase {

    private final String id;
    private final Volume volume;
    private final Recist recist;
    private final Window window;
    private final LesionCategory category;
    private final Split split;
    private final Mask3D groundTruth;

    VolumeLesionCase(String id, Volume volume, Recist recist, Window window, LesionCategory category, Split split,
                     Mask3D groundTruth) {
        this.id = Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("lesion id must not be blank");
        }
        this.volume = Objects.requireNonNull(volume, "volume");
        this.recist = Objects.requireNonNull(recist, "recist");
        this.window = Objects.requireNonNull(window, "window");
        this.category = Objects.requireNonNull(category, "category");
        this.split = Objects.requireNonNull(split, "split");
        int z = recist.sliceIndex();
        if (z < 0 || z >= volume.depth()) {
            throw new IllegalArgumentException("lesion " + id + ": RECIST slice " + z + " is outside the volume's "
                    + volume.depth() + " slices (0.." + (volume.depth() - 1) + ")");
        }
        try {
            recist.validate(volume.width(), volume.height(), volume.spacing());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lesion " + id + ": " + e.getMessage(), e);
        }
        if (groundTruth != null && (groundTruth.width() != volume.width() || groundTruth.height() != volume.height()
                || groundTruth.depth() != volume.depth())) {
            throw new IllegalArgumentException("lesion " + id + ": ground truth is " + groundTruth.width() + "x"
                    + groundTruth.height() + "x" + groundTruth.depth() + ", the volume " + volume.width() + "x"
                    + volume.height() + "x" + volume.depth());
        }
        this.groundTruth = groundTruth;
    }

    /** The same case in {@code c}. */
    public VolumeLesionCase withCategory(LesionCategory c) {
        return new VolumeLesionCase(id, volume, recist, window, c, split, groundTruth);
    }

    /** The same case in split {@code s}. */
    public VolumeLesionCase withSplit(Split s) {
        return new VolumeLesionCase(id, volume, recist, window, category, s, groundTruth);
    }

    /**
     * The same case with a known 3D mask (on the volume's grid).
     *
     * @throws IllegalArgumentException if its dimensions differ from the volume's
     */
    public VolumeLesionCase withGroundTruth(Mask3D truth) {
        return new VolumeLesionCase(id, volume, recist, window, category, split, Objects.requireNonNull(truth, "truth"));
    }

    /** The volume. */
    public Volume volume() {
        return volume;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Recist recist() {
        return recist;
    }

    @Override
    public VoxelSpacing spacing() {
        return volume.spacing();
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
        return volume.width();
    }

    @Override
    public int height() {
        return volume.height();
    }

    @Override
    public int[] sliceIndices() {
        return IntStream.range(0, volume.depth()).toArray();
    }

    @Override
    public int zOf(int sliceIndex) {
        return sliceIndex >= 0 && sliceIndex < volume.depth() ? sliceIndex : -1;
    }

    @Override
    public Slice slice(int sliceIndex) {
        if (zOf(sliceIndex) < 0) {
            throw new IllegalArgumentException("lesion " + id + ": slice " + sliceIndex + " is outside the volume's "
                    + volume.depth() + " slices");
        }
        return volume.slice(sliceIndex);
    }

    @Override
    public Optional<Mask3D> groundTruth() {
        return Optional.ofNullable(groundTruth);
    }

    @Override
    public String toString() {
        return "VolumeLesionCase[" + id + ", " + volume + ", " + recist + "]";
    }
}
