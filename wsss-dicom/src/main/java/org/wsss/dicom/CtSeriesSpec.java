package org.wsss.dicom;

import java.util.List;
import java.util.Objects;
import org.wsss.dicom.internal.Uids;

/**
 * The identifiers and geometry of a CT series to write with {@link Dicom#writeCtSeries}.
 *
 * @param patientId Patient ID (at most 64 characters)
 * @param patientName Patient's Name, DICOM PN form ({@code Family^Given})
 * @param studyInstanceUid Study Instance UID
 * @param seriesInstanceUid Series Instance UID; SOP Instance UIDs are derived from it
 * @param frameOfReferenceUid Frame of Reference UID
 * @param seriesNumber Series Number
 * @param seriesDescription Series Description (at most 64 characters)
 * @param origin Image Position (Patient) of slice 0, mm
 * @param orientation Image Orientation (Patient): row then column direction cosines (6 values)
 */
public record CtSeriesSpec(String patientId, String patientName, String studyInstanceUid, String seriesInstanceUid,
                           String frameOfReferenceUid, int seriesNumber, String seriesDescription, List<Double> origin,
                           List<Double> orientation) {

    /** Axial, patient's left along the rows, posterior down the columns. */
    public static final List<Double> AXIAL = List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0);

    public CtSeriesSpec {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(patientName, "patientName");
        for (String[] uid : new String[][] {{"studyInstanceUid", studyInstanceUid},
            {"seriesInstanceUid", seriesInstanceUid}, {"frameOfReferenceUid", frameOfReferenceUid}}) {
            if (!Uids.isValid(uid[1])) {
                throw new IllegalArgumentException("CtSeriesSpec." + uid[0] + " is not a valid UID: " + uid[1]);
            }
        }
        if (seriesNumber < 0) {
            throw new IllegalArgumentException("CtSeriesSpec.seriesNumber must be >= 0, got " + seriesNumber);
        }
        origin = List.copyOf(origin);
        orientation = List.copyOf(orientation);
        if (origin.size() != 3) {
            throw new IllegalArgumentException("CtSeriesSpec.origin needs 3 values, got " + origin.size());
        }
        if (orientation.size() != 6) {
            throw new IllegalArgumentException("CtSeriesSpec.orientation needs 6 values, got " + orientation.size());
        }
        if (patientId.length() > 64 || seriesDescription != null && seriesDescription.length() > 64) {
            throw new IllegalArgumentException("CtSeriesSpec.patientId and seriesDescription take at most 64 characters");
        }
    }

    /**
     * A spec whose UIDs are derived from {@code name} (the same name gives the same UIDs), axial,
     * origin at (0, 0, 0), patient ID and name {@code name}.
     */
    public static CtSeriesSpec named(String name) {
        String key = "wsss-ct/" + name;
        return new CtSeriesSpec(name, name, Uids.fromName(key + "/study"), Uids.fromName(key + "/series"),
                Uids.fromName(key + "/frame-of-reference"), 1, "WSSS " + shorten(name), List.of(0.0, 0.0, 0.0), AXIAL);
    }

    private static String shorten(String s) {
        return s.length() > 59 ? s.substring(0, 59) : s;
    }

    /** The SOP Instance UID of slice z. */
    public String sopInstanceUid(int z) {
        return Uids.fromName(seriesInstanceUid + "/instance/" + z);
    }
}
