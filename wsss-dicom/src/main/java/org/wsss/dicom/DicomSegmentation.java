package org.wsss.dicom;

import java.util.List;
import java.util.Optional;
import org.wsss.api.Mask3D;

/**
 * A binary DICOM Segmentation read back with {@link Dicom#readSegmentation}: its segments as
 * masks on the grid of the CT series it references.
 *
 * @param sopInstanceUid the SEG's SOP Instance UID
 * @param referencedSeriesUid the Series Instance UID of the source CT
 * @param segments in Segment Number order
 */
public record DicomSegmentation(String sopInstanceUid, String referencedSeriesUid, List<Segment> segments) {

    public DicomSegmentation {
        segments = List.copyOf(segments);
    }

    /**
     * One segment.
     *
     * @param number Segment Number (from 1)
     * @param label Segment Label
     * @param description Segment Description, or null
     * @param algorithm Segment Algorithm Name, or null
     * @param mask the segment on the source series' grid
     */
    public record Segment(int number, String label, String description, String algorithm, Mask3D mask) {
    }

    /** The segment with this label, if any. */
    public Optional<Segment> segment(String label) {
        return segments.stream().filter(s -> s.label().equals(label)).findFirst();
    }
}
