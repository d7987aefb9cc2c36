package org.wsss.grabcut;

import java.util.SplittableRandom;
import org.wsss.api.Axis;
import org.wsss.api.Mask;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;

/** Test slices: a bright elliptical blob on a noisy soft-tissue background, and its RECIST. */
final class SyntheticSlices {

    static final VoxelSpacing SPACING = new VoxelSpacing(0.8, 0.7, 5.0);

    private SyntheticSlices() {
    }

    /** HU of a {@code w × h} slice with an ellipse (semi-axes a, b px) at (cx, cy); seeded noise. */
    static float[] blobHu(int w, int h, int cx, int cy, int a, int b, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] hu = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = inEllipse(x, y, cx, cy, a, b);
                hu[y * w + x] = (float) ((in ? 150 : 20) + 18 * rnd.nextGaussian());
            }
        }
        return hu;
    }

    static boolean inEllipse(int x, int y, int cx, int cy, int a, int b) {
        double dx = (x - cx) / (double) a, dy = (y - cy) / (double) b;
        return dx * dx + dy * dy <= 1.0;
    }

    static Slice blob(int w, int h, int cx, int cy, int a, int b, long seed) {
        return Slice.of(w, h, blobHu(w, h, cx, cy, a, b, seed), SPACING);
    }

    /** The ellipse's RECIST: long axis along x (a ≥ b in mm is the caller's job), short along y. */
    static Recist recist(int cx, int cy, int a, int b) {
        return new Recist(Axis.of(cx - a, cy, cx + a, cy), Axis.of(cx, cy - b, cx, cy + b), 0);
    }

    static Mask truth(int w, int h, int cx, int cy, int a, int b) {
        return Mask.fromPredicate(w, h, (x, y) -> inEllipse(x, y, cx, cy, a, b));
    }

    /** {@code src} placed at (dx, dy) in a larger canvas filled with air. */
    static Slice padded(Slice src, int dx, int dy, int extraRight, int extraBottom) {
        int w = src.width() + dx + extraRight, h = src.height() + dy + extraBottom;
        float[] hu = new float[w * h];
        java.util.Arrays.fill(hu, -1000f);
        float[] s = src.toArray();
        for (int y = 0; y < src.height(); y++) {
            System.arraycopy(s, y * src.width(), hu, (y + dy) * w + dx, src.width());
        }
        return Slice.of(w, h, hu, src.spacing());
    }

    static double dice(Mask a, Mask b) {
        int i = a.intersectionCount(b);
        int s = a.count() + b.count();
        return s == 0 ? 1.0 : 2.0 * i / s;
    }
}
