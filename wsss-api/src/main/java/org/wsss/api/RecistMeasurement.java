package org.wsss.api;

import java.util.Arrays;

/**
 * Measures RECIST diameters on a binary mask, as {@link Recist#fromMask} documents.
 *
 * <p>Convention: pixel centres sit at integer coordinates and pixel (x, y) covers the closed
 * square [x − ½, x + ½] × [y − ½, y + ½]; the mask as a region is the union of its pixels'
 * squares (closed: a line along the edge between a set and an unset pixel is inside). All
 * distances are in mm under the in-plane spacing. A short-axis end may thus lie on the edge
 * between a set and an unset pixel; one of its two nearest pixels is then set.
 * <ol>
 *   <li>Long axis: the pair of mask pixel centres farthest apart. Such a pair lies on the convex
 *       hull of the centres, whose vertices are each the leftmost or rightmost pixel of their
 *       row, so the search runs over the hull of those.</li>
 *   <li>Short axis: among lines perpendicular (in mm) to the long axis and crossing it, the
 *       longest maximal segment inside the mask region (a chord). The chord length varies
 *       linearly between the positions where the line passes a pixel corner, so exactly those
 *       positions (and the two ends of the long axis) are tried, and each chord is found exactly
 *       by walking the line's crossings of the pixel grid. Chords that cross the long axis win
 *       over those that do not. Each chord end is then pulled in by half a pixel (the distance
 *       from a pixel's centre to its edge along the line), so that both axes measure centre to
 *       centre: an axis-aligned chord through pixel centres ends on the outermost centres.</li>
 *   <li>When several pairs tie for the long axis (e.g. a disc), the one with the longest short
 *       axis is taken, so the result does not depend on how the mask is oriented.</li>
 *   <li>Should the short axis come out longer than the long one (near-round masks, where the
 *       pulled-in chord can exceed the centre-to-centre diameter), it is trimmed symmetrically
 *       to the long axis length.</li>
 * </ol>
 * Both lengths are exact up to floating-point rounding; the axes are perpendicular in mm to
 * rounding error.
 */
final class RecistMeasurement {

    /** Lengths (mm) closer than this count as equal: far below any pixel spacing. */
    private static final double EPS = 1e-9;
    /** Points closer than this (in pixels) to a pixel edge count as on it. */
    private static final double EDGE_PX = 1e-9;

    private RecistMeasurement() {
    }

    static Recist measure(Mask mask, VoxelSpacing sp, int sliceIndex) {
        int w = mask.width(), h = mask.height();
        if (mask.count() < 2) {
            throw new IllegalArgumentException("Recist.fromMask needs a mask of at least 2 pixels, got " + mask.count());
        }
        double sx = sp.x(), sy = sp.y();
        // The farthest pair of pixel centres lies on their convex hull.
        int[][] hull = MaskHull.vertices(mask);
        double best = -1;
        for (int i = 0; i < hull.length; i++) {
            for (int j = i + 1; j < hull.length; j++) {
                best = Math.max(best, dist2(hull[i], hull[j], sx, sy));
            }
        }
        Grid grid = new Grid(mask, sx, sy);
        Chord chosen = null;
        int[] pa = null, pb = null;
        for (int i = 0; i < hull.length; i++) {
            for (int j = i + 1; j < hull.length; j++) {
                if (dist2(hull[i], hull[j], sx, sy) < best * (1 - 1e-12)) {
                    continue;
                }
                // Canonical endpoint order (smaller y, then smaller x first).
                int[] a = hull[i], b = hull[j];
                if (a[1] > b[1] || (a[1] == b[1] && a[0] > b[0])) {
                    int[] t = a;
                    a = b;
                    b = t;
                }
                Chord c = grid.longestPerpendicularChord(a, b);
                if (c != null && (chosen == null || c.betterThan(chosen))) {
                    chosen = c;
                    pa = a;
                    pb = b;
                }
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException(String.format(
                    "Recist.fromMask: mask of %d pixels has no perpendicular chord; it is a line, not a lesion",
                    mask.count()));
        }
        double longMm = Math.sqrt(dist2(pa, pb, sx, sy));
        Axis longAxis = Axis.of(pa[0], pa[1], pb[0], pb[1]);
        double s0 = chosen.s0 + chosen.half, s1 = chosen.s1 - chosen.half;
        if (s1 - s0 > longMm) {
            // Trim a hair below the long axis so that lengths recomputed from the endpoints
            // (mm -> px -> mm) cannot come out longer by rounding.
            double mid = (s0 + s1) / 2, half = longMm * (0.5 - 1e-12);
            s0 = mid - half;
            s1 = mid + half;
        }
        double minLenMm = Recist.MIN_AXIS_LENGTH_PX * Math.max(sx, sy);
        if (s1 - s0 < minLenMm) {
            throw new IllegalArgumentException(String.format(
                    "Recist.fromMask: mask of %d pixels has no perpendicular chord (longest %.3f mm, need %.3f mm); "
                            + "it is a line, not a lesion", mask.count(), Math.max(0, s1 - s0), minLenMm));
        }
        double cx = chosen.cx, cy = chosen.cy, vx = chosen.vx, vy = chosen.vy;
        Axis shortAxis = Axis.of((cx + vx * s0) / sx, (cy + vy * s0) / sy, (cx + vx * s1) / sx, (cy + vy * s1) / sy);
        return new Recist(longAxis, shortAxis, sliceIndex);
    }

    private static double dist2(int[] a, int[] b, double sx, double sy) {
        double dx = (a[0] - b[0]) * sx, dy = (a[1] - b[1]) * sy;
        return dx * dx + dy * dy;
    }

    /**
     * A chord on the line {@code (cx, cy) + s (vx, vy)} (mm) from {@code s0} to {@code s1}, before
     * the ends are pulled in by {@code half}.
     */
    private record Chord(double cx, double cy, double vx, double vy, double s0, double s1, double half,
                         boolean crosses) {
        /** Length once both ends are pulled in: what the short axis will measure. */
        double length() {
            return s1 - s0 - 2 * half;
        }

        boolean betterThan(Chord o) {
            if (crosses != o.crosses) {
                return crosses;
            }
            return length() > o.length() + EPS;
        }
    }

    /** The mask in mm geometry, restricted to its bounding box. */
    private static final class Grid {
        private final Mask mask;
        private final double sx;
        private final double sy;
        private final int x0;
        private final int y0;
        private final int x1;
        private final int y1;
        /** Corners (pixel coordinates, x then y) of pixels with a 4-neighbour outside the mask. */
        private final double[] corners;

        Grid(Mask mask, double sx, double sy) {
            this.mask = mask;
            this.sx = sx;
            this.sy = sy;
            Roi box = mask.boundingBox();
            x0 = box.x();
            y0 = box.y();
            x1 = box.endX() - 1;
            y1 = box.endY() - 1;
            double[] c = new double[64];
            int n = 0;
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    if (set(x, y) && !(set(x - 1, y) && set(x + 1, y) && set(x, y - 1) && set(x, y + 1))) {
                        if (n + 8 > c.length) {
                            c = Arrays.copyOf(c, c.length * 2);
                        }
                        for (int k = 0; k < 4; k++) {
                            c[n++] = x + ((k & 1) == 0 ? -0.5 : 0.5);
                            c[n++] = y + ((k & 2) == 0 ? -0.5 : 0.5);
                        }
                    }
                }
            }
            corners = Arrays.copyOf(c, n);
        }

        private boolean set(int x, int y) {
            return x >= x0 && y >= y0 && x <= x1 && y <= y1 && mask.getIndex(y * mask.width() + x);
        }

        /** The best chord perpendicular to the segment a–b (pixel centres), or null if none. */
        Chord longestPerpendicularChord(int[] a, int[] b) {
            double ax = a[0] * sx, ay = a[1] * sy;
            double dx = (b[0] - a[0]) * sx, dy = (b[1] - a[1]) * sy;
            double len = Math.sqrt(dx * dx + dy * dy);
            double ux = dx / len, uy = dy / len;
            double vx = -uy, vy = ux;
            double half = Math.min(vx == 0 ? Double.MAX_VALUE : sx / 2 / Math.abs(vx),
                    vy == 0 ? Double.MAX_VALUE : sy / 2 / Math.abs(vy));
            // Positions along the long axis where the perpendicular passes a pixel corner.
            double[] ts = new double[corners.length / 2 + 2];
            int n = 0;
            ts[n++] = 0;
            ts[n++] = len;
            for (int i = 0; i < corners.length; i += 2) {
                double t = (corners[i] * sx - ax) * ux + (corners[i + 1] * sy - ay) * uy;
                if (t > 0 && t < len) {
                    ts[n++] = t;
                }
            }
            Arrays.sort(ts, 0, n);
            Chord best = null;
            double prev = Double.NaN;
            double[] buf = new double[2 * (x1 - x0 + y1 - y0) + 8];
            for (int i = 0; i < n; i++) {
                double t = ts[i];
                if (t - prev < EPS) {
                    continue;
                }
                prev = t;
                Chord c = chordAt(ax + ux * t, ay + uy * t, vx, vy, half, buf);
                if (c != null && (best == null || c.betterThan(best))) {
                    best = c;
                }
            }
            return best;
        }

        /** The best maximal run inside the mask on the line (cx, cy) + s (vx, vy), all in mm. */
        private Chord chordAt(double cx, double cy, double vx, double vy, double half, double[] buf) {
            // Clip the line to the bounding box of the mask's pixel squares.
            double lo = -Double.MAX_VALUE, hi = Double.MAX_VALUE;
            double bx0 = (x0 - 0.5) * sx, bx1 = (x1 + 0.5) * sx, by0 = (y0 - 0.5) * sy, by1 = (y1 + 0.5) * sy;
            if (vx != 0) {
                double p = (bx0 - cx) / vx, q = (bx1 - cx) / vx;
                lo = Math.max(lo, Math.min(p, q));
                hi = Math.min(hi, Math.max(p, q));
            } else if (cx < bx0 || cx > bx1) {
                return null;
            }
            if (vy != 0) {
                double p = (by0 - cy) / vy, q = (by1 - cy) / vy;
                lo = Math.max(lo, Math.min(p, q));
                hi = Math.min(hi, Math.max(p, q));
            } else if (cy < by0 || cy > by1) {
                return null;
            }
            if (!(hi - lo > EPS)) {
                return null;
            }
            // Every crossing of a pixel edge; between two consecutive ones the line stays in one pixel.
            int n = 0;
            buf[n++] = lo;
            buf[n++] = hi;
            if (vx != 0) {
                for (int k = x0; k <= x1 + 1; k++) {
                    double s = ((k - 0.5) * sx - cx) / vx;
                    if (s > lo && s < hi) {
                        buf[n++] = s;
                    }
                }
            }
            if (vy != 0) {
                for (int k = y0; k <= y1 + 1; k++) {
                    double s = ((k - 0.5) * sy - cy) / vy;
                    if (s > lo && s < hi) {
                        buf[n++] = s;
                    }
                }
            }
            Arrays.sort(buf, 0, n);
            Chord best = null;
            double runStart = Double.NaN, runEnd = Double.NaN;
            for (int i = 0; i + 1 < n; i++) {
                double s = buf[i], e = buf[i + 1];
                if (e - s < EPS) {
                    // A pixel corner: the line touches it, neither entering nor leaving the region.
                    continue;
                }
                double m = (s + e) / 2;
                if (coveredAt((cx + vx * m) / sx, (cy + vy * m) / sy)) {
                    if (Double.isNaN(runStart)) {
                        runStart = s;
                    }
                    runEnd = e;
                } else if (!Double.isNaN(runStart)) {
                    best = better(best, cx, cy, vx, vy, runStart, runEnd, half);
                    runStart = Double.NaN;
                }
            }
            if (!Double.isNaN(runStart)) {
                best = better(best, cx, cy, vx, vy, runStart, runEnd, half);
            }
            return best;
        }

        /**
         * Whether point (qx, qy) (pixel coordinates) lies in a set pixel's closed square. A line
         * running along a pixel edge is inside where a pixel on either side is set: the chord
         * length is then the limit of the chords of lines just beside it, and the answer does not
         * depend on which way rounding goes (so not on the mask's orientation).
         */
        private boolean coveredAt(double qx, double qy) {
            double ex = qx + 0.5, ey = qy + 0.5;
            int ix = (int) Math.floor(ex), iy = (int) Math.floor(ey);
            boolean onX = Math.abs(ex - Math.rint(ex)) < EDGE_PX, onY = Math.abs(ey - Math.rint(ey)) < EDGE_PX;
            int rx = (int) Math.rint(ex), ry = (int) Math.rint(ey);
            if (onX && onY) {
                return set(rx - 1, ry - 1) || set(rx, ry - 1) || set(rx - 1, ry) || set(rx, ry);
            }
            if (onX) {
                return set(rx - 1, iy) || set(rx, iy);
            }
            if (onY) {
                return set(ix, ry - 1) || set(ix, ry);
            }
            return set(ix, iy);
        }

        private static Chord better(Chord best, double cx, double cy, double vx, double vy, double s0, double s1,
                                    double half) {
            Chord c = new Chord(cx, cy, vx, vy, s0, s1, half, s0 <= EPS && s1 >= -EPS);
            return best == null || c.betterThan(best) ? c : best;
        }
    }

}
