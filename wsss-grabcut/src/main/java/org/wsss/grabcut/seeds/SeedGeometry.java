package org.wsss.grabcut.seeds;

import java.util.Arrays;
import org.wsss.api.Axis;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.SeedLabel;
import org.wsss.api.VoxelSpacing;

/**
 * The geometric building blocks of the seed layouts of Sec. 2.1 and 3.1, on a row-major grid
 * over a ROI: the context ROI around the RECIST box, the rasterised RECIST axes, growth of a
 * region around the axes in mm distance order, central rectangles, and the PFG / PBG split of
 * the uncertain pixels by mm distance to the hard seeds. Sec. 2.3's off-slice seeds
 * S(Ŷ, R̂, R) ({@link CnnSeeds}) reuse {@link #labelUncertain} and {@link #rasterise} on the
 * propagated mark.
 *
 * <p>All arrays are row-major over the ROI they are computed on ({@code roi.width()} columns);
 * ROI coordinates are slice pixel coordinates. Every function is pure and thread-safe.
 */
public final class SeedGeometry {

    /** Distances are compared after rounding to this many mm, so that ties do not hinge on the last bit. */
    private static final double DISTANCE_QUANTUM_MM = 1e-6;

    private SeedGeometry() {
    }

    /**
     * The context ROI of Sec. 2.1: a box {@code round(scale·w) × round(scale·h)} centred on
     * {@code box} (the tight RECIST box [w, h]), not clipped. When the extra width is odd the
     * extra column goes right (and the extra row down).
     */
    public static Roi contextRoi(Roi box, double scale) {
        if (!(scale >= 1) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("ROI scale must be finite and >= 1, got " + scale);
        }
        int w = (int) Math.round(scale * box.width());
        int h = (int) Math.round(scale * box.height());
        return new Roi(box.x() - (w - box.width()) / 2, box.y() - (h - box.height()) / 2, w, h);
    }

    /**
     * The pixels of {@code roi} that the two RECIST axes pass through: each axis is sampled at
     * {@code ceil(max(|dx|, |dy|))} equal steps (at least one per pixel column or row) and each
     * sample rounded to its pixel. Samples outside the ROI are dropped.
     */
    public static boolean[] rasterise(Recist recist, Roi roi) {
        boolean[] out = new boolean[roi.area()];
        rasteriseAxis(recist.longAxis(), roi, out);
        rasteriseAxis(recist.shortAxis(), roi, out);
        return out;
    }

    private static void rasteriseAxis(Axis a, Roi roi, boolean[] out) {
        double x0 = a.start().x(), y0 = a.start().y();
        double dx = a.end().x() - x0, dy = a.end().y() - y0;
        int n = Math.max(1, (int) Math.ceil(Math.max(Math.abs(dx), Math.abs(dy))));
        for (int k = 0; k <= n; k++) {
            double t = (double) k / n;
            int px = (int) Math.round(x0 + t * dx), py = (int) Math.round(y0 + t * dy);
            if (roi.contains(px, py)) {
                out[(py - roi.y()) * roi.width() + (px - roi.x())] = true;
            }
        }
    }

    /**
     * A region grown around the RECIST axes: the rasterised axes plus the pixels of
     * {@code allowed} nearest (in mm, to the axis segments) until the region holds
     * {@code target} pixels — a dilation by a growing disk in physical space, stopped at an
     * exact pixel count. Ties in distance go to the lower row-major index, so the result is
     * deterministic and moves with the mark. The rasterised axes are always in, even when they
     * alone exceed {@code target} or leave {@code allowed}.
     *
     * @param allowed pixels the growth may take, or {@code null} for all
     */
    public static boolean[] growAroundAxes(Recist recist, Roi roi, VoxelSpacing spacing, int target,
                                           boolean[] allowed) {
        int n = roi.area();
        if (allowed != null && allowed.length != n) {
            throw new IllegalArgumentException("allowed holds " + allowed.length + " values, " + roi + " needs " + n);
        }
        boolean[] region = rasterise(recist, roi);
        int have = 0;
        for (boolean b : region) {
            if (b) {
                have++;
            }
        }
        if (have >= target) {
            return region;
        }
        double sx = spacing.x(), sy = spacing.y();
        Axis la = recist.longAxis(), sa = recist.shortAxis();
        // Pack (quantised distance, index) into one long so a primitive sort orders by both.
        long[] keys = new long[n];
        int m = 0;
        for (int r = 0; r < roi.height(); r++) {
            for (int c = 0; c < roi.width(); c++) {
                int i = r * roi.width() + c;
                if (region[i] || (allowed != null && !allowed[i])) {
                    continue;
                }
                double px = roi.x() + c, py = roi.y() + r;
                double d = Math.min(segmentDistanceMm(px, py, la, sx, sy), segmentDistanceMm(px, py, sa, sx, sy));
                long q = Math.min((long) Math.rint(d / DISTANCE_QUANTUM_MM), (1L << 31) - 1);
                keys[m++] = (q << 32) | i;
            }
        }
        Arrays.sort(keys, 0, m);
        for (int k = 0; k < m && have < target; k++) {
            region[(int) keys[k]] = true;
            have++;
        }
        return region;
    }

    /** Distance in mm from pixel centre (px, py) to the segment {@code a}. */
    public static double segmentDistanceMm(double px, double py, Axis a, double sx, double sy) {
        double ax = a.start().x() * sx, ay = a.start().y() * sy;
        double bx = a.end().x() * sx, by = a.end().y() * sy;
        double qx = px * sx, qy = py * sy;
        double ux = bx - ax, uy = by - ay;
        double len2 = ux * ux + uy * uy;
        double t = len2 == 0 ? 0 : ((qx - ax) * ux + (qy - ay) * uy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double dx = qx - (ax + t * ux), dy = qy - (ay + t * uy);
        return Math.sqrt(dx * dx + dy * dy);
    }

    /**
     * A centred rectangle inside a {@code width × height} grid whose area is about
     * {@code fraction} of the grid: each side is scaled by √fraction and the margins kept
     * symmetric (an odd leftover goes right / down). Returns {@code {x0, y0, x1, y1}}
     * (exclusive ends), never empty.
     *
     * @param minMargin smallest margin on each side, honoured while the rectangle stays non-empty
     */
    public static int[] centralRect(int width, int height, double fraction, int minMargin) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("central fraction must lie in (0, 1], got " + fraction);
        }
        double f = Math.sqrt(fraction);
        int iw = side(width, f, minMargin), ih = side(height, f, minMargin);
        int mx = (width - iw) / 2, my = (height - ih) / 2;
        return new int[] {mx, my, mx + iw, my + ih};
    }

    private static int side(int n, double f, int minMargin) {
        int s = Math.max(1, (int) Math.round(n * f));
        int most = n - 2 * Math.max(0, minMargin);
        return most >= 1 ? Math.min(s, most) : s;
    }

    /**
     * Labels every pixel that is neither a hard foreground nor a hard background seed:
     * {@link SeedLabel#PROBABLE_FOREGROUND} if it is at least as near (in mm) to the foreground
     * seeds as to the background seeds, else {@link SeedLabel#PROBABLE_BACKGROUND} (Sec. 2.1:
     * "divided between PFG and PBG based on the distances to FG and BG"). With no foreground
     * seed every uncertain pixel is PBG; with no background seed, PFG.
     *
     * @param fg hard foreground seeds over a {@code width × height} grid
     * @param bg hard background seeds, disjoint from {@code fg}
     * @return the four-class layout as {@link SeedLabel} ordinals, row-major
     * @throws IllegalArgumentException on a length mismatch or a pixel in both seed sets
     */
    public static byte[] labelUncertain(boolean[] fg, boolean[] bg, int width, int height, VoxelSpacing spacing) {
        int n = width * height;
        if (fg.length != n || bg.length != n) {
            throw new IllegalArgumentException("seed masks hold " + fg.length + " and " + bg.length + " values, grid "
                    + width + "x" + height + " needs " + n);
        }
        double[] dfg = DistanceTransform.squaredMm(fg, width, height, spacing.x(), spacing.y());
        double[] dbg = DistanceTransform.squaredMm(bg, width, height, spacing.x(), spacing.y());
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            SeedLabel l;
            if (fg[i] && bg[i]) {
                throw new IllegalArgumentException("pixel (" + i % width + ", " + i / width
                        + ") is both a foreground and a background seed");
            } else if (fg[i]) {
                l = SeedLabel.FOREGROUND;
            } else if (bg[i]) {
                l = SeedLabel.BACKGROUND;
            } else {
                l = dfg[i] <= dbg[i] ? SeedLabel.PROBABLE_FOREGROUND : SeedLabel.PROBABLE_BACKGROUND;
            }
            out[i] = (byte) l.ordinal();
        }
        return out;
    }

    /** Number of true entries. */
    public static int count(boolean[] a) {
        int n = 0;
        for (boolean b : a) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
