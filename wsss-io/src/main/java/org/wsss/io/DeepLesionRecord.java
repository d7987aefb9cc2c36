package org.wsss.io;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wsss.api.LesionCategory;
import org.wsss.api.Recist;
import org.wsss.api.Split;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

/**
 * One row of DeepLesion's {@code DL_info.csv}, parsed and checked. The columns that follow from
 * the others ({@code Bounding_boxes}, {@code Lesion_diameters_Pixel_},
 * {@code Normalized_lesion_location}) are not held; see {@link DeepLesionWriter} for how they
 * are written.
 *
 * <p>Paper: Sec. 3 (the DeepLesion dataset, its RECIST marks and its official split).
 *
 * @param fileName {@code <patient:06d>_<study:02d>_<series:02d>_<key slice:03d>.png}; its
 *     numbers must equal the index columns
 * @param patientIndex {@code Patient_index}, ≥ 0
 * @param studyIndex {@code Study_index}, ≥ 0
 * @param seriesId {@code Series_ID}, ≥ 0
 * @param recist the mark from {@code Measurement_coordinates} on {@code Key_slice_index}; the
 *     longer diameter in mm is the long axis whatever their order in the file
 * @param possiblyNoisy {@code Possibly_noisy} (0 or 1 in the file)
 * @param firstSlice first index of {@code Slice_range}
 * @param lastSlice last index of {@code Slice_range}; {@code firstSlice ≤ key ≤ lastSlice}
 * @param spacing {@code Spacing_mm_px_} (x, y, z)
 * @param width first number of {@code Image_size}
 * @param height second number of {@code Image_size}
 * @param window {@code DICOM_windows} (lower, upper HU)
 * @param category {@code Coarse_lesion_type}
 * @param patientGender {@code Patient_gender} as written (DeepLesion uses {@code M} / {@code F}),
 *     empty if unknown
 * @param patientAge {@code Patient_age} in years, or −1 if unknown (empty or {@code NaN} in the file)
 * @param split {@code Train_Val_Test}
 */
public record DeepLesionRecord(String fileName, int patientIndex, int studyIndex, int seriesId, Recist recist,
                               boolean possiblyNoisy, int firstSlice, int lastSlice, VoxelSpacing spacing,
                               int width, int height, Window window, LesionCategory category,
                               String patientGender, int patientAge, Split split) {

    private static final Pattern FILE_NAME = Pattern.compile("((\\d+)_(\\d+)_(\\d+))_(\\d+)\\.png");

    /**
     * Checks the row's internal consistency.
     *
     * @throws IllegalArgumentException naming the column and the bad value
     */
    public DeepLesionRecord {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(recist, "recist");
        Objects.requireNonNull(spacing, "spacing");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(patientGender, "patientGender");
        Objects.requireNonNull(split, "split");
        nonNegative("Patient_index", patientIndex);
        nonNegative("Study_index", studyIndex);
        nonNegative("Series_ID", seriesId);
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("File_name: '" + fileName
                    + "' is not <patient>_<study>_<series>_<key slice>.png");
        }
        int key = recist.sliceIndex();
        int[] fromName = {number(m.group(2)), number(m.group(3)), number(m.group(4)), number(m.group(5))};
        int[] fromColumns = {patientIndex, studyIndex, seriesId, key};
        String[] names = {"Patient_index", "Study_index", "Series_ID", "Key_slice_index"};
        for (int k = 0; k < 4; k++) {
            if (fromName[k] != fromColumns[k]) {
                throw new IllegalArgumentException("File_name: '" + fileName + "' says " + names[k] + " "
                        + fromName[k] + " but the column holds " + fromColumns[k]);
            }
        }
        if (firstSlice > lastSlice) {
            throw new IllegalArgumentException("Slice_range: first " + firstSlice + " > last " + lastSlice);
        }
        if (key < firstSlice || key > lastSlice) {
            throw new IllegalArgumentException("Key_slice_index " + key + " lies outside Slice_range " + firstSlice
                    + ".." + lastSlice);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image_size must be positive, got " + width + ", " + height);
        }
        if (patientAge < -1) {
            throw new IllegalArgumentException("Patient_age must be >= 0 (or -1 for unknown), got " + patientAge);
        }
        if (patientGender.indexOf('\n') >= 0 || patientGender.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Patient_gender holds a line break");
        }
        try {
            recist.validate(width, height, spacing);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Measurement_coordinates: " + e.getMessage(), e);
        }
    }

    /**
     * A record named the DeepLesion way, {@code <patient:06d>_<study:02d>_<series:02d>_<key:03d>.png},
     * not noisy, gender and age unknown.
     */
    public static DeepLesionRecord of(int patientIndex, int studyIndex, int seriesId, Recist recist,
                                      int firstSlice, int lastSlice, VoxelSpacing spacing, int width, int height,
                                      Window window, LesionCategory category, Split split) {
        Objects.requireNonNull(recist, "recist");
        String name = String.format("%06d_%02d_%02d_%03d.png", patientIndex, studyIndex, seriesId, recist.sliceIndex());
        return new DeepLesionRecord(name, patientIndex, studyIndex, seriesId, recist, false, firstSlice, lastSlice,
                spacing, width, height, window, category, "", -1, split);
    }

    /** {@code Key_slice_index}: the slice the RECIST mark lies on. */
    public int keySliceIndex() {
        return recist.sliceIndex();
    }

    /** The series folder under {@code Images_png}: the file name without {@code _<key>.png}. */
    public String seriesFolder() {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalStateException(fileName);
        }
        return m.group(1);
    }

    /** The file name without {@code .png}: the case id of the first row with this name. */
    public String baseName() {
        return fileName.substring(0, fileName.length() - ".png".length());
    }

    private static int number(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void nonNegative(String column, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(column + " must be >= 0, got " + v);
        }
    }
}
