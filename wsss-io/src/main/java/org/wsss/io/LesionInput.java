package org.wsss.io;

import java.nio.file.Path;
import java.util.Map;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;

/**
 * Lesions to segment as the user holds them, with the way results go back into the user's own
 * files. The SDK's algorithms see only {@link #dataset()} (cases on its axial grid); the input
 * knows which volume each lesion lies in, what the user's mark looked like, and how a mask is
 * written on the input's own grid and affine. Open one with {@link LesionInputs}.
 *
 * <p>Formats: the DeepLesion layout ({@code deeplesion}), NIfTI volumes with a marks CSV
 * ({@code nifti-csv}), FLARE25 RECIST-to-3D {@code .npz} cases ({@code flare-npz}). A further
 * source (a DICOM series, say) plugs in by implementing this interface: it reads its volumes onto
 * the axial grid, records its own geometry, and writes masks and label maps in its own format.
 *
 * <p>Implementations are thread-safe: a batch writes masks of different lesions concurrently.
 */
public interface LesionInput {

    /** The format's name: {@code deeplesion}, {@code nifti-csv}, {@code flare-npz}, … */
    String format();

    /** What was opened (a folder or a CSV), for messages. */
    Path source();

    /** The lesions on the SDK's axial grid; unreadable rows and files are its {@link LesionDataset#problems()}. */
    LesionDataset dataset();

    /** The volume a lesion lies in, as a file-name-safe key (a series folder, a NIfTI name, an npz case). */
    String volumeOf(LesionCase lesion);

    /** The lesion's value in its volume's label map, 1..255. */
    int labelOf(LesionCase lesion);

    /** The mark as the user gave it, for {@code lesions.csv}. */
    String markOf(LesionCase lesion);

    /** Where the lesion's own mask goes under {@code out}: {@code out/<id>.nii.gz} unless the format says otherwise. */
    default Path maskFile(Path out, LesionCase lesion) {
        return out.resolve(lesion.id() + ".nii.gz");
    }

    /**
     * Writes {@code mask} (on the case's grid) as a NIfTI mask on the input's own grid and
     * affine, atomically. A lesion prompted by a 3D box is cut to the box.
     *
     * @throws IllegalArgumentException if the mask does not fit the case's grid
     * @throws org.wsss.api.WsssIoException if the file cannot be written
     */
    void writeMask(LesionCase lesion, Mask3D mask, Path file);

    /**
     * The mask as {@link #writeMask} writes it, on the case's grid (a lesion prompted by a 3D box
     * cut to the box), so a caller can measure what it wrote without reading it back.
     */
    default Mask3D asWritten(LesionCase lesion, Mask3D mask) {
        return mask;
    }

    /**
     * Reads back a mask {@link #writeMask} wrote, on the case's grid (to measure it).
     *
     * @throws org.wsss.api.WsssIoException if it cannot be read
     */
    Mask3D readMask(LesionCase lesion, Path file);

    /** Where the label map of {@code volume} goes under {@code out}. */
    Path labelsFile(Path out, String volume);

    /** Every volume key of the dataset, in dataset order. */
    java.util.List<String> volumes();

    /**
     * Writes the label map of {@code volume} in the input's format from the lesion masks already
     * written ({@link #maskFile}): {@code masks} maps a label to its mask file. Where lesions
     * overlap the lower label keeps the voxel. A volume none of whose lesions succeeded gets an
     * all-zero map where the format expects one file per volume.
     *
     * @throws org.wsss.api.WsssIoException if a mask cannot be read or the map cannot be written
     */
    void writeLabels(String volume, Map<Integer, Path> masks, Path file);

    /**
     * As {@link #writeLabels(String, Map, Path)}; {@code masks} lists every written lesion's file,
     * and {@code inMemory} (label → mask on the case's grid, as {@link #asWritten} gives it) holds
     * some of the same lesions, which an implementation may take from memory rather than from
     * their files, saving a whole-volume read per lesion. By default the files are read.
     */
    default void writeLabels(String volume, Map<Integer, Path> masks, Map<Integer, Mask3D> inMemory, Path file) {
        writeLabels(volume, masks, file);
    }
}
