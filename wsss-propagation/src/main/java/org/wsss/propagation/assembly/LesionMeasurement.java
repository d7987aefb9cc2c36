package org.wsss.propagation.assembly;

/**
 * What a 3D lesion mask measures (issue: "RECIST measured back from the 3D mask so a user can
 * compare with the radiologist's mark"): its volume and the RECIST diameters of its largest
 * axial cross-section. Made by {@link Assembly#measure}.
 *
 * @param volumeMl volume in millilitres, finite and ≥ 0
 * @param longMm long diameter in mm on slice {@code sliceIndex}, finite, ≥ {@code shortMm} (to 1e-9 relative)
 * @param shortMm short diameter in mm, finite and &gt; 0
 * @param sliceIndex index of the largest axial cross-section, ≥ 0
 */
public record LesionMeasurement(double volumeMl, double longMm, double shortMm, int sliceIndex) {

    /** Validates every field. */
    public LesionMeasurement {
        if (!Double.isFinite(volumeMl) || volumeMl < 0) {
            throw new IllegalArgumentException("LesionMeasurement.volumeMl must be finite and >= 0, got " + volumeMl);
        }
        if (!Double.isFinite(shortMm) || !(shortMm > 0)) {
            throw new IllegalArgumentException("LesionMeasurement.shortMm must be finite and > 0, got " + shortMm);
        }
        // The same rounding allowance as Recist.validate: both come from one measured mark.
        if (!Double.isFinite(longMm) || shortMm > longMm * (1 + 1e-9)) {
            throw new IllegalArgumentException("LesionMeasurement.longMm must be finite and >= shortMm (" + shortMm
                    + "), got " + longMm);
        }
        if (sliceIndex < 0) {
            throw new IllegalArgumentException("LesionMeasurement.sliceIndex must be >= 0, got " + sliceIndex);
        }
    }
}
