package org.wsss.dicom;

import java.util.Objects;
import org.wsss.api.Mask3D;

/**
 * One segment of a DICOM Segmentation: a lesion's 3D mask on its series' grid (z in the
 * series' sorted order) with the label it is shown under.
 *
 * @param label segment label (the lesion id), 1 to 64 characters
 * @param mask the mask; its provenance names the algorithm in the SEG
 */
public record LabeledMask(String label, Mask3D mask) {

    public LabeledMask {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(mask, "mask");
        if (label.isBlank() || label.length() > 64 || label.contains("\\")) {
            throw new IllegalArgumentException("segment label must be 1 to 64 characters without '\\', got '" + label
                    + "'");
        }
    }
}
