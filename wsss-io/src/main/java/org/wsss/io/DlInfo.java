package org.wsss.io;

import java.util.List;
import org.wsss.api.Axis;
import org.wsss.api.LesionCategory;
import org.wsss.api.Point2;
import org.wsss.api.ReadLimits;
import org.wsss.api.Recist;
import org.wsss.api.Split;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

/** Column layout of {@code DL_info.csv}: a row's fields to a {@link DeepLesionRecord} and back. */
final class DlInfo {

    static final List<String> HEADER = List.of("File_name", "Patient_index", "Study_index", "Series_ID",
            "Key_slice_index", "Measurement_coordinates", "Bounding_boxes", "Lesion_diameters_Pixel_",
            "Normalized_lesion_location", "Coarse_lesion_type", "Possibly_noisy", "Slice_range", "Spacing_mm_px_",
            "Image_size", "DICOM_windows", "Patient_gender", "Patient_age", "Train_Val_Test");

    private static final int FILE_NAME = 0, PATIENT = 1, STUDY = 2, SERIES = 3, KEY = 4, COORDS = 5, BOX = 6,
            DIAMETERS = 7, LOCATION = 8, TYPE = 9, NOISY = 10, RANGE = 11, SPACING = 12, SIZE = 13, WINDOWS = 14,
            GENDER = 15, AGE = 16, SPLIT = 17;

    /**
     * DeepLesion's {@code Bounding_boxes} extend the RECIST endpoints' box by this much on every
     * side (its first row: endpoints x 231.169..236.252, box 226.169..241.252).
     */
    static final double BOX_MARGIN_PX = 5;

    /** Smallest accepted {@code Spacing_mm_px_} component in mm: finer than any CT, so a unit mix-up. */
    static final double MIN_SPACING_MM = 0.01;

    /** Largest accepted {@code Spacing_mm_px_} component in mm: coarser than any CT slice interval. */
    static final double MAX_SPACING_MM = 50;

    private DlInfo() {
    }

    /** Parses a data row within the default {@link ReadLimits}. */
    static DeepLesionRecord parse(List<String> f) {
        return parse(f, ReadLimits.defaults());
    }

    /**
     * Parses a data row.
     *
     * @throws IllegalArgumentException naming the column and the bad value
     */
    static DeepLesionRecord parse(List<String> f, ReadLimits limits) {
        if (f.size() != HEADER.size()) {
            throw new IllegalArgumentException("row has " + f.size() + " fields, expected " + HEADER.size());
        }
        String fileName = f.get(FILE_NAME).strip();
        int patient = CsvLine.parseInt(HEADER.get(PATIENT), f.get(PATIENT));
        int study = CsvLine.parseInt(HEADER.get(STUDY), f.get(STUDY));
        int series = CsvLine.parseInt(HEADER.get(SERIES), f.get(SERIES));
        int key = CsvLine.parseInt(HEADER.get(KEY), f.get(KEY));
        double[] c = CsvLine.parseDoubles(HEADER.get(COORDS), f.get(COORDS), 8);
        // Derived columns: checked as numbers, not kept; the diameters also against the coordinates.
        CsvLine.parseDoubles(HEADER.get(BOX), f.get(BOX), 4);
        double[] diameters = CsvLine.parseDoubles(HEADER.get(DIAMETERS), f.get(DIAMETERS), 2);
        CsvLine.parseDoubles(HEADER.get(LOCATION), f.get(LOCATION), 3);
        LesionCategory category;
        try {
            category = LesionCategory.ofCode(CsvLine.parseInt(HEADER.get(TYPE), f.get(TYPE)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HEADER.get(TYPE) + ": " + e.getMessage(), e);
        }
        int noisy = CsvLine.parseInt(HEADER.get(NOISY), f.get(NOISY));
        if (noisy != 0 && noisy != 1) {
            throw new IllegalArgumentException(HEADER.get(NOISY) + ": " + noisy + " is neither 0 nor 1");
        }
        int[] range = CsvLine.parseInts(HEADER.get(RANGE), f.get(RANGE), 2);
        double[] sp = CsvLine.parseDoubles(HEADER.get(SPACING), f.get(SPACING), 3);
        int[] size = CsvLine.parseInts(HEADER.get(SIZE), f.get(SIZE), 2);
        double[] win = CsvLine.parseDoubles(HEADER.get(WINDOWS), f.get(WINDOWS), 2);
        String gender = f.get(GENDER).strip();
        int age = parseAge(f.get(AGE));
        Split split;
        try {
            split = Split.ofCode(CsvLine.parseInt(HEADER.get(SPLIT), f.get(SPLIT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HEADER.get(SPLIT) + ": " + e.getMessage(), e);
        }

        for (int k = 0; k < 3; k++) {
            // !(in range) so that NaN fails too
            if (!(sp[k] >= MIN_SPACING_MM && sp[k] <= MAX_SPACING_MM)) {
                throw new IllegalArgumentException(HEADER.get(SPACING) + ": " + "xyz".charAt(k) + " spacing " + sp[k]
                        + " mm lies outside the physical range [" + MIN_SPACING_MM + ", " + MAX_SPACING_MM + "] mm");
            }
        }
        if (size[0] > 0 && size[1] > 0 && (long) size[0] * size[1] > limits.slicePixels()) {
            throw new IllegalArgumentException(HEADER.get(SIZE) + ": " + ReadLimits.over(size[0] + "x" + size[1]
                    + " pixels", (long) size[0] * size[1], "slicePixels", limits.slicePixels()));
        }
        if (range[1] >= range[0] && (long) range[1] - range[0] + 1 > limits.slicesPerSeries()) {
            throw new IllegalArgumentException(HEADER.get(RANGE) + ": " + ReadLimits.over(range[0] + ".." + range[1]
                    + " slices", (long) range[1] - range[0] + 1, "slicesPerSeries", limits.slicesPerSeries()));
        }
        VoxelSpacing spacing;
        try {
            spacing = new VoxelSpacing(sp[0], sp[1], sp[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HEADER.get(SPACING) + ": " + e.getMessage(), e);
        }
        Window window;
        try {
            window = new Window(win[0], win[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HEADER.get(WINDOWS) + ": " + e.getMessage(), e);
        }
        Recist recist;
        try {
            recist = Recist.fromAxes(Axis.of(c[0], c[1], c[2], c[3]), Axis.of(c[4], c[5], c[6], c[7]), key, spacing);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HEADER.get(COORDS) + ": degenerate RECIST: " + e.getMessage(), e);
        }
        checkDiameters(diameters, c);
        return new DeepLesionRecord(fileName, patient, study, series, recist, noisy == 1, range[0], range[1], spacing,
                size[0], size[1], window, category, gender, age, split);
    }

    /**
     * Cross-checks {@code Lesion_diameters_Pixel_} against the lengths of the two axes of
     * {@code Measurement_coordinates} (in either order): a disagreement of more than 1 px + 5 %
     * means the row's columns were shifted or edited apart, and its mark cannot be trusted.
     */
    static void checkDiameters(double[] d, double[] c) {
        double a = Math.hypot(c[2] - c[0], c[3] - c[1]), b = Math.hypot(c[6] - c[4], c[7] - c[5]);
        double lo = Math.min(a, b), hi = Math.max(a, b), dlo = Math.min(d[0], d[1]), dhi = Math.max(d[0], d[1]);
        // !(close) so that NaN fails too
        if (!(Math.abs(dhi - hi) <= 1 + 0.05 * hi && Math.abs(dlo - lo) <= 1 + 0.05 * lo)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s: %.2f, %.2f px disagree with the axes of %s (%.2f, %.2f px)", HEADER.get(DIAMETERS), d[0], d[1],
                    HEADER.get(COORDS), hi, lo));
        }
    }

    /** The fields of a row for {@code r}; derived columns computed as {@link DeepLesionWriter} documents. */
    static List<String> format(DeepLesionRecord r) {
        Recist re = r.recist();
        Point2 a = re.longAxis().start(), b = re.longAxis().end(), p = re.shortAxis().start(), q = re.shortAxis().end();
        double x0 = Math.min(Math.min(a.x(), b.x()), Math.min(p.x(), q.x()));
        double y0 = Math.min(Math.min(a.y(), b.y()), Math.min(p.y(), q.y()));
        double x1 = Math.max(Math.max(a.x(), b.x()), Math.max(p.x(), q.x()));
        double y1 = Math.max(Math.max(a.y(), b.y()), Math.max(p.y(), q.y()));
        Point2 centre = re.center();
        double z = r.lastSlice() == r.firstSlice() ? 0.5
                : (double) (r.keySliceIndex() - r.firstSlice()) / (r.lastSlice() - r.firstSlice());
        return List.of(
                r.fileName(),
                Integer.toString(r.patientIndex()),
                Integer.toString(r.studyIndex()),
                Integer.toString(r.seriesId()),
                Integer.toString(r.keySliceIndex()),
                CsvLine.formatList(a.x(), a.y(), b.x(), b.y(), p.x(), p.y(), q.x(), q.y()),
                CsvLine.formatList(x0 - BOX_MARGIN_PX, y0 - BOX_MARGIN_PX, x1 + BOX_MARGIN_PX, y1 + BOX_MARGIN_PX),
                CsvLine.formatList(re.longLengthPx(), re.shortLengthPx()),
                CsvLine.formatList(centre.x() / r.width(), centre.y() / r.height(), z),
                Integer.toString(r.category().code()),
                r.possiblyNoisy() ? "1" : "0",
                r.firstSlice() + ", " + r.lastSlice(),
                CsvLine.formatList(r.spacing().x(), r.spacing().y(), r.spacing().z()),
                r.width() + ", " + r.height(),
                CsvLine.formatList(r.window().lower(), r.window().upper()),
                r.patientGender(),
                r.patientAge() < 0 ? "" : Integer.toString(r.patientAge()),
                Integer.toString(r.split().code()));
    }

    private static int parseAge(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("nan")) {
            return -1;
        }
        int age = CsvLine.parseInt(HEADER.get(AGE), t);
        if (age < 0) {
            throw new IllegalArgumentException(HEADER.get(AGE) + ": " + age + " is negative");
        }
        return age;
    }
}
