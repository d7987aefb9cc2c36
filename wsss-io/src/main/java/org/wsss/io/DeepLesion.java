package org.wsss.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.wsss.api.LesionCase;
import org.wsss.api.ReadLimits;

/**
 * Reads a folder in the layout of the NIH DeepLesion dataset (the data of the paper's Sec. 3):
 * <pre>
 * DIR/DL_info.csv                          one row per RECIST-marked lesion
 * DIR/Images_png/&lt;series&gt;/&lt;slice&gt;.png     16-bit grayscale, value = HU + 32768
 * DIR/ground_truth/&lt;case id&gt;.nii.gz        optional 3D masks (see {@link #groundTruthFile})
 * </pre>
 * where {@code <series>} is {@code <patient:06d>_<study:02d>_<series:02d>} and a slice PNG is
 * named by its index, {@code 109.png} or zero-padded {@code 009.png} (both are read).
 *
 * <h2>Rows</h2>
 * {@code DL_info.csv} must start with DeepLesion's exact header ({@link #HEADER}). Each data row
 * becomes one {@link LesionCase}:
 * <ul>
 * <li>{@code Measurement_coordinates} {@code x1,y1,x2,y2,x3,y3,x4,y4} are two diameters in
 *     0-based pixel coordinates; the longer one in mm ({@code Spacing_mm_px_} = x, y, z) becomes
 *     the long axis, whatever the order in the file.</li>
 * <li>{@code Slice_range} (first, last) bounds the slices of the case; {@code Image_size} is
 *     width, height; {@code DICOM_windows} is lower, upper HU; {@code Coarse_lesion_type} 1..8 or
 *     −1; {@code Train_Val_Test} 1, 2 or 3.</li>
 * <li><b>Case ids.</b> The id is {@code File_name} without {@code .png}. DeepLesion marks several
 *     lesions on one slice with several rows of the same {@code File_name}; the second such
 *     row, in file order, gets {@code _2}, the third {@code _3}, and so on (the first keeps the
 *     plain name). Rows that are skipped still count, so mending a bad row renames nothing.</li>
 * <li><b>Bad rows.</b> A row that cannot be used — wrong number of fields, an unbalanced quote,
 *     text in a number, a multi-value field with the wrong count (e.g. 7 coordinates), an
 *     unknown split or category code, a {@code File_name} that disagrees with the index
 *     columns, a key slice outside {@code Slice_range}, a degenerate RECIST (coinciding
 *     endpoints, axes far from perpendicular, an endpoint outside the image; see
 *     {@link org.wsss.api.Recist#validate}), a spacing outside the physical range
 *     [{@value DlInfo#MIN_SPACING_MM}, {@value DlInfo#MAX_SPACING_MM}] mm, an {@code Image_size}
 *     or {@code Slice_range} over the {@link ReadLimits} — is skipped and listed in
 *     {@link org.wsss.api.LesionDataset#problems()} as a {@link org.wsss.api.WsssIoException}
 *     naming the CSV file and the row number (the header is row 1). Every other row is still
 *     read. Blank lines are ignored.</li>
 * </ul>
 * A missing folder, a missing {@code DL_info.csv} or {@code Images_png}, or a wrong header fails
 * {@code open} at once with a {@code WsssIoException}.
 *
 * <h2>Laziness</h2>
 * Opening parses the CSV only and holds no pixels. A case lists its series folder the first
 * time its slices are asked for (the listing is cached per series, which many rows share);
 * {@link LesionCase#sliceIndices()} is the PNGs present within {@code Slice_range} — a folder
 * may hold only some slices, but they must be consecutive: a slice missing between two stored
 * ones (a gap) fails the case with a {@code WsssIoException} naming the missing file, since
 * stacking the slices around it would silently shorten the lesion — and
 * {@link LesionCase#slice(int)} reads that one PNG. A slice
 * inside {@code Slice_range} whose PNG is missing, a corrupt or truncated PNG, an 8-bit PNG, or
 * one whose size differs from {@code Image_size} gives a {@code WsssIoException} naming the file;
 * an index outside {@code Slice_range} an {@code IllegalArgumentException}.
 * {@code sliceIndices()} fails the same way when the series folder or the key slice is missing.
 *
 * <h2>Ground truth</h2>
 * Where {@code ground_truth/<case id>.nii.gz} exists, {@link LesionCase#groundTruth()} reads it
 * with {@link Nifti#readMask} (or the {@link GroundTruthReader} given to
 * {@link #open(Path, GroundTruthReader)}); elsewhere it is empty. The mask must lie on the case's
 * grid — (image width, image height, number of stored slices), z in slice-index order — with the
 * case's spacing (within {@value DeepLesionCase#SPACING_TOLERANCE} relative, since NIfTI stores
 * float32); otherwise a {@code WsssIoException} names the file.
 *
 * <h2>Deviations from DeepLesion</h2>
 * None in what is read. Beyond DeepLesion's own checks this reader rejects RECIST marks whose
 * axes are more than {@link org.wsss.api.Recist#PERPENDICULAR_TOLERANCE_DEGREES} from
 * perpendicular, which the segmentation method could not use.
 */
public final class DeepLesion {

    /** Name of the metadata file. */
    public static final String CSV_FILE = "DL_info.csv";

    /** Name of the image folder. */
    public static final String IMAGES_DIR = "Images_png";

    /** Name of the optional ground-truth folder. */
    public static final String GROUND_TRUTH_DIR = "ground_truth";

    /** Stored PNG value = HU + {@value}. */
    public static final int HU_OFFSET = Png16.HU_OFFSET;

    /** DeepLesion's {@code DL_info.csv} header, column by column. */
    public static final List<String> HEADER = DlInfo.HEADER;

    private DeepLesion() {
    }

    /**
     * Opens a DeepLesion-layout folder; ground truth is read with {@link Nifti#readMask}.
     *
     * @throws org.wsss.api.WsssIoException if the folder, its {@code DL_info.csv} or its
     *     {@code Images_png} is missing, or the header is not DeepLesion's
     */
    public static DeepLesionDataset open(Path dir) {
        return open(dir, ReadLimits.defaults());
    }

    /**
     * Opens a DeepLesion-layout folder read within {@code limits} (see {@link ReadLimits}):
     * {@code DL_info.csv} must be a regular file within {@code csvBytes}, {@code csvLineChars}
     * and {@code csvRows} or {@code open} fails; a row whose {@code Image_size} exceeds
     * {@code slicePixels} or whose {@code Slice_range} spans more than {@code slicesPerSeries}
     * slices is a bad row; a slice PNG's size is checked from its header before it is decoded.
     *
     * @throws org.wsss.api.WsssIoException as {@link #open(Path)}, or naming the limit exceeded
     */
    public static DeepLesionDataset open(Path dir, ReadLimits limits) {
        return DeepLesionDataset.open(Objects.requireNonNull(dir, "dir"), (file, lesion) -> Nifti.readMask(file),
                Objects.requireNonNull(limits, "limits"));
    }

    /**
     * Opens a DeepLesion-layout folder whose cases read {@code ground_truth/<case id>.nii.gz}
     * with {@code groundTruth} where that file exists (e.g. a reader that also accepts label
     * maps, or one that counts reads in a test).
     *
     * @throws org.wsss.api.WsssIoException as {@link #open(Path)}
     */
    public static DeepLesionDataset open(Path dir, GroundTruthReader groundTruth) {
        return DeepLesionDataset.open(Objects.requireNonNull(dir, "dir"),
                Objects.requireNonNull(groundTruth, "groundTruth"), ReadLimits.defaults());
    }

    /** Where the ground truth of case {@code caseId} lives: {@code dir/ground_truth/<caseId>.nii.gz}. */
    public static Path groundTruthFile(Path dir, String caseId) {
        return dir.resolve(GROUND_TRUTH_DIR).resolve(caseId + ".nii.gz");
    }

    /** Where slice {@code sliceIndex} of a series is written: {@code dir/Images_png/<series>/<index:03d>.png}. */
    public static Path slicePath(Path dir, String seriesFolder, int sliceIndex) {
        if (sliceIndex < 0) {
            throw new IllegalArgumentException("slice index must be >= 0, got " + sliceIndex);
        }
        return dir.resolve(IMAGES_DIR).resolve(seriesFolder).resolve(String.format("%03d.png", sliceIndex));
    }
}
