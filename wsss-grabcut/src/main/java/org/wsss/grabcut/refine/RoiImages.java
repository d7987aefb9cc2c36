package org.wsss.grabcut.refine;

import org.wsss.api.Mask;
import org.wsss.api.Provenance;
import org.wsss.api.Roi;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.Window;

/**
 * Helpers every refiner shares: checking a seed map against its slice, reading the ROI through
 * an HU window, and placing a ROI result back on the slice.
 */
public final class RoiImages {

    private RoiImages() {
    }

    /**
     * The seed map's ROI, checked to lie inside the slice.
     *
     * @throws IllegalArgumentException naming both shapes otherwise
     */
    public static Roi checkedRoi(Slice slice, SeedMap seeds) {
        Roi roi = seeds.roi();
        if (!Roi.full(slice.width(), slice.height()).contains(roi)) {
            throw new IllegalArgumentException("seed map " + roi + " does not lie inside the " + slice.width() + "x"
                    + slice.height() + " slice");
        }
        return roi;
    }

    /** The ROI's pixels windowed to 0..255, row-major (as ints 0..255 stored in bytes). */
    public static byte[] windowedBytes(Slice slice, Roi roi, Window window) {
        float[] hu = new float[roi.area()];
        slice.copyRoi(roi, hu);
        byte[] out = new byte[hu.length];
        for (int i = 0; i < hu.length; i++) {
            out[i] = (byte) window.toByte(hu[i]);
        }
        return out;
    }

    /** The ROI's pixels windowed to [0, 255] as floats (not quantised), row-major. */
    public static float[] windowedFloats(Slice slice, Roi roi, Window window) {
        float[] v = new float[roi.area()];
        slice.copyRoi(roi, v);
        for (int i = 0; i < v.length; i++) {
            v[i] = window.apply(v[i]) * 255f;
        }
        return v;
    }

    /** A slice-sized mask true where {@code inRoi} (row-major over {@code roi}) is. */
    public static Mask toSliceMask(Slice slice, Roi roi, boolean[] inRoi, Provenance p) {
        Mask.Builder b = Mask.builder(slice.width(), slice.height()).provenance(p);
        for (int r = 0; r < roi.height(); r++) {
            for (int c = 0; c < roi.width(); c++) {
                if (inRoi[r * roi.width() + c]) {
                    b.set(roi.x() + c, roi.y() + r);
                }
            }
        }
        return b.build();
    }
}
