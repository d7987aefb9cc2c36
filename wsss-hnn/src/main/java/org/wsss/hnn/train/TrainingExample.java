package org.wsss.hnn.train;

import java.util.List;
import java.util.Objects;

import org.wsss.api.Mask;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.WeakLabel;
import org.wsss.api.Window;

/**
 * One training image: a slice, the ROI to learn from (usually {@link RoiSampler#recistRoi}),
 * the HU window, and exactly one target over the whole slice — a weak label (Sec. 2.2's R, F, B)
 * or a ground-truth mask (fully supervised, class-balanced loss).
 *
 * @param slice the CT slice
 * @param roi the region fed to the network; may reach outside the slice
 * @param window HU window of the case
 * @param weak the weak label (slice-sized), or {@code null} when {@code groundTruth} is given
 * @param groundTruth the ground-truth mask (slice-sized), or {@code null} when {@code weak} is given
 * @param context the images at the model's {@code contextOffsetsMm()} from the slice
 *     ({@link org.wsss.api.LesionCase#context}), for a 2.5D network; empty for one slice
 */
public record TrainingExample(Slice slice, Roi roi, Window window, WeakLabel weak, Mask groundTruth, List<Slice> context) {

    /** Checks that exactly one target is given and that it matches the slice. */
    public TrainingExample {
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(roi, "roi");
        Objects.requireNonNull(window, "window");
        context = List.copyOf(context);
        for (Slice c : context) {
            if (c.width() != slice.width() || c.height() != slice.height()) {
                throw new IllegalArgumentException("TrainingExample context slice is " + c.width() + "x" + c.height()
                        + " but the slice is " + slice.width() + "x" + slice.height());
            }
        }
        if ((weak == null) == (groundTruth == null)) {
            throw new IllegalArgumentException("TrainingExample needs exactly one of weak label and ground truth");
        }
        int w = weak != null ? weak.width() : groundTruth.width();
        int h = weak != null ? weak.height() : groundTruth.height();
        if (w != slice.width() || h != slice.height()) {
            throw new IllegalArgumentException("TrainingExample target is " + w + "x" + h + " but the slice is "
                    + slice.width() + "x" + slice.height());
        }
        roi.clip(slice.width(), slice.height());
    }

    /** A weakly labelled example. */
    public static TrainingExample weak(Slice slice, Roi roi, Window window, WeakLabel label) {
        return new TrainingExample(slice, roi, window, label, null, List.of());
    }

    /** A fully supervised example. */
    public static TrainingExample supervised(Slice slice, Roi roi, Window window, Mask groundTruth) {
        return new TrainingExample(slice, roi, window, null, groundTruth, List.of());
    }

    /** This example with the images around its slice that a 2.5D network reads. */
    public TrainingExample withContext(List<Slice> context) {
        return new TrainingExample(slice, roi, window, weak, groundTruth, context);
    }
}
