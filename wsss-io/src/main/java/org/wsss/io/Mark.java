package org.wsss.io;

import java.util.Objects;
import org.wsss.api.Axis;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;

/**
 * A user's prompt for one lesion on the SDK grid: both RECIST axes, the long axis alone, or a
 * box (2D on one slice, or 3D over a range of slices), made into the {@link Recist} the SDK's
 * pipelines take.
 *
 * <p>A box becomes a pseudo-RECIST: its two midlines, each shortened by 5 % at both ends so
 * they stay inside the lesion, the longer (in mm) as the long axis. A long axis alone is
 * completed by {@link org.wsss.api.ShortAxisEstimate} from the image.
 *
 * <h2>Deviations from the paper</h2>
 * The paper always starts from both RECIST axes (Sec. 2.1); long-axis-only marks and boxes are
 * turned into one so the paper's seeds and propagation apply unchanged.
 *
 * @param longAxis the long axis (px), or null for a box
 * @param shortAxis the short axis (px), or null when not given
 * @param box the 2D box on the mark's slice (px, inclusive corners), or null
 * @param zRange the 3D box's slice range on the SDK grid (inclusive), or null
 * @param slice the mark's slice on the SDK grid
 * @param text the mark as the user wrote it
 */
record Mark(Axis longAxis, Axis shortAxis, double[] box, int[] zRange, int slice, String text) {

    Mark {
        Objects.requireNonNull(text, "text");
        if (longAxis == null && box == null) {
            throw new IllegalArgumentException("a mark needs a long axis or a box");
        }
    }

    /** Whether the mark needs the image to become a RECIST. */
    boolean needsImage() {
        return longAxis != null && shortAxis == null;
    }

    /** The RECIST when it does not need the image (both axes, or a box). */
    Recist recist(VoxelSpacing s) {
        if (longAxis != null && shortAxis != null) {
            return Recist.fromAxes(longAxis, shortAxis, slice, s);
        }
        if (box != null) {
            double x1 = box[0], y1 = box[1], x2 = box[2], y2 = box[3];
            double cx = (x1 + x2) / 2, cy = (y1 + y2) / 2, w = x2 - x1, h = y2 - y1;
            Axis horizontal = Axis.of(x1 + 0.05 * w, cy, x2 - 0.05 * w, cy);
            Axis vertical = Axis.of(cx, y1 + 0.05 * h, cx, y2 - 0.05 * h);
            return Recist.fromAxes(horizontal, vertical, slice, s);
        }
        throw new IllegalStateException("a long-axis-only mark needs the image");
    }

    /** The RECIST from the key slice's pixels (long axis alone), or {@link #recist(VoxelSpacing)}. */
    Recist recist(Slice key) {
        return needsImage() ? org.wsss.api.ShortAxisEstimate.complete(key, longAxis, slice) : recist(key.spacing());
    }

    /** The 3D box as a crop (x, y) and {@link #zRange()}, or null for other marks. */
    Roi clipRoi(int width, int height) {
        if (box == null || zRange == null) {
            return null;
        }
        int x0 = Math.max(0, (int) Math.floor(box[0])), y0 = Math.max(0, (int) Math.floor(box[1]));
        int x1 = Math.min(width - 1, (int) Math.ceil(box[2])), y1 = Math.min(height - 1, (int) Math.ceil(box[3]));
        return new Roi(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}
