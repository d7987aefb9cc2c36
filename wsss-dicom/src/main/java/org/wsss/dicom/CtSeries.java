package org.wsss.dicom;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wsss.api.Point2;
import org.wsss.api.Volume;
import org.wsss.api.Window;

/**
 * One CT series read from DICOM files: the volume in HU with slices sorted along the slice
 * normal (z = 0 is the slice with the smallest position along row × column direction cosines),
 * the geometry that places it in the patient, and the identifiers a DICOM Segmentation needs to
 * reference it. Immutable.
 *
 * <p>Spacing: x = column spacing, y = row spacing (Pixel Spacing), z = distance between
 * consecutive Image Position (Patient) values along the normal, never Slice Thickness.
 *
 * @param study patient and study attributes, copied into objects derived from the series
 * @param seriesInstanceUid Series Instance UID (0020,000E)
 * @param frameOfReferenceUid Frame of Reference UID (0020,0052), may be null
 * @param seriesNumber Series Number, or null
 * @param seriesDescription Series Description, or null
 * @param sopClassUid the SOP Class of the images (CT Image Storage)
 * @param sopInstanceUids one per slice, in z order
 * @param files the file of each slice, in z order
 * @param orientation Image Orientation (Patient): row direction cosines then column ones
 * @param positions Image Position (Patient) of each slice in mm, in z order
 * @param volume the pixels in HU (Rescale Slope and Intercept applied); as {@link Dicom#read}
 *     gives it, each slice is read from its file on first use ({@link Volume#lazy})
 * @param window the display window of the first slice (Window Center / Width), or the SDK default
 */
public record CtSeries(Study study, String seriesInstanceUid, String frameOfReferenceUid, String seriesNumber,
                       String seriesDescription, String sopClassUid, List<String> sopInstanceUids, List<Path> files,
                       List<Double> orientation, List<double[]> positions, Volume volume, Window window) {

    /** CT Image Storage. */
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    /**
     * Patient and study attributes (each may be null when the source leaves it empty).
     */
    public record Study(String patientName, String patientId, String patientBirthDate, String patientSex,
                        String studyInstanceUid, String studyDate, String studyTime, String studyId,
                        String accessionNumber, String referringPhysicianName) {
        public Study {
            Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        }
    }

    public CtSeries {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(window, "window");
        sopInstanceUids = List.copyOf(sopInstanceUids);
        files = List.copyOf(files);
        orientation = List.copyOf(orientation);
        positions = positions.stream().map(double[]::clone).toList();
        if (sopInstanceUids.size() != volume.depth() || files.size() != volume.depth()
                || positions.size() != volume.depth()) {
            throw new IllegalArgumentException("series " + seriesInstanceUid + ": " + volume.depth() + " slices but "
                    + sopInstanceUids.size() + " SOP Instance UIDs, " + files.size() + " files, " + positions.size()
                    + " positions");
        }
        if (orientation.size() != 6) {
            throw new IllegalArgumentException("series " + seriesInstanceUid + ": orientation needs 6 values, got "
                    + orientation.size());
        }
    }

    /** Image Position (Patient) of slice z (a copy). */
    public double[] position(int z) {
        return positions.get(z).clone();
    }

    /** The unit normal row × column of the slices (the direction z grows in). */
    public double[] normal() {
        double[] r = {orientation.get(0), orientation.get(1), orientation.get(2)};
        double[] c = {orientation.get(3), orientation.get(4), orientation.get(5)};
        return new double[] {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
    }

    /** The slice z of a SOP Instance UID, or −1 if the series has no such instance. */
    public int zOf(String sopInstanceUid) {
        Integer z = index().get(sopInstanceUid);
        return z == null ? -1 : z;
    }

    private Map<String, Integer> index() {
        Map<String, Integer> m = new HashMap<>();
        for (int z = 0; z < sopInstanceUids.size(); z++) {
            m.put(sopInstanceUids.get(z), z);
        }
        return m;
    }

    /**
     * A point given in patient coordinates (mm), projected onto slice z: (column, row) in pixels,
     * pixel centres at integers.
     */
    public Point2 toPixel(double[] patientMm, int z) {
        double[] p = positions.get(z);
        double dx = patientMm[0] - p[0], dy = patientMm[1] - p[1], dz = patientMm[2] - p[2];
        double col = (dx * orientation.get(0) + dy * orientation.get(1) + dz * orientation.get(2))
                / volume.spacing().x();
        double row = (dx * orientation.get(3) + dy * orientation.get(4) + dz * orientation.get(5))
                / volume.spacing().y();
        return new Point2(col, row);
    }

    /** Signed distance in mm of a patient point from the plane of slice z. */
    public double distanceFromSlice(double[] patientMm, int z) {
        double[] p = positions.get(z);
        double[] n = normal();
        return (patientMm[0] - p[0]) * n[0] + (patientMm[1] - p[1]) * n[1] + (patientMm[2] - p[2]) * n[2];
    }

    @Override
    public String toString() {
        return "CtSeries[" + seriesInstanceUid + ", " + volume + "]";
    }
}
