package org.wsss.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures RECIST diameters on a binary mask, as {@link Recist#fromMask} documents.
 *
 * <p>Procedure (all distances in mm, pixel centres at integer coordinates):
 * <ol>
 *   <li>Long axis: the pair of mask pixel centres farthest apart. Only the leftmost and
 *       rightmost pixel of each row can be such a pair's members (the farthest pair lies on
 *       the convex hull), so the search runs over their convex hull; ties keep the first pair
 *       found in row-major order.</li>
 *   <li>Short axis: lines perpendicular (in mm) to the long axis are laid every quarter pixel
 *       along it; on each, the maximal runs of samples (every quarter pixel) whose nearest pixel
 *       is in the mask are chords. Chords that cross the long axis are preferred; the longest
 *       wins. Each chord end is then pulled in by half a pixel (the distance from a pixel's
 *       centre to its edge along the line), so that both axes measure centre to centre.</li>
 *   <li>Should discretisation leave the short axis longer than the long one (near-round masks),
 *       it is trimmed symmetrically to the long axis length.</li>
 * </ol>
 * Endpoint accuracy is a quarter pixel; the axes are perpendicular in mm to rounding error.
 */
final class RecistMeasurement {

    private RecistMeasurement() {
    }

    static Recist measure(Mask mask, VoxelSpacing sp, int sliceIndex) {
        int w = mask.width(), h = mask.height();
        if (mask.count() < 2) {
            throw new IllegalArgumentException("Recist.fromMask needs a mask of at least 2 pixels, got " + mask.count());
        }
        double sx = sp.x(), sy = sp.y();
        // Extreme pixels per row, in row order: candidates for the farthest pair.
        List<int[]> cand = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            int first = -1, last = -1;
            for (int x = 0; x < w; x++) {
                if (mask.getIndex(y * w + x)) {
                    if (first < 0) {
                        first = x;
                    }
                    last = x;
                }
            }
            if (first >= 0) {
                cand.add(new int[] {first, y});
                if (last != first) {
                    cand.add(new int[] {last, y});
                }
            }
        }
        int[][] hull = convexHull(cand, sx, sy);
        double best = -1;
        int[] pa = null, pb = null;
        for (int i = 0; i < hull.length; i++) {
            for (int j = i + 1; j < hull.length; j++) {
                double dx = (hull[i][0] - hull[j][0]) * sx, dy = (hull[i][1] - hull[j][1]) * sy;
                double d = dx * dx + dy * dy;
                if (d > best) {
                    best = d;
                    pa = hull[i];
                    pb = hull[j];
                }
            }
        }
        // Order endpoints canonically (smaller y, then smaller x first) so the result does not
        // depend on hull traversal order.
        if (pa[1] > pb[1] || (pa[1] == pb[1] && pa[0] > pb[0])) {
            int[] t = pa;
            pa = pb;
            pb = t;
        }
        double longMm = Math.sqrt(best);
        Axis longAxis = Axis.of(pa[0], pa[1], pb[0], pb[1]);

        // Unit vectors in mm space.
        double ux = (pb[0] - pa[0]) * sx / longMm, uy = (pb[1] - pa[1]) * sy / longMm;
        double vx = -uy, vy = ux;
        double step = Math.min(sx, sy) / 4;
        int nt = (int) Math.ceil(longMm / step);
        int ns = (int) Math.ceil(longMm / step) + 2;
        double ax = pa[0] * sx, ay = pa[1] * sy;
        double bestLen = -1, bestS0 = 0, bestS1 = 0, bestT = 0;
        boolean bestCrosses = false;
        for (int it = 0; it <= nt; it++) {
            double t = Math.min(it * step, longMm);
            double cx = ax + ux * t, cy = ay + uy * t;
            int runStart = Integer.MIN_VALUE;
            for (int is = -ns; is <= ns + 1; is++) {
                boolean in = is <= ns && inside(mask, (cx + vx * is * step) / sx, (cy + vy * is * step) / sy);
                if (in && runStart == Integer.MIN_VALUE) {
                    runStart = is;
                } else if (!in && runStart != Integer.MIN_VALUE) {
                    int runEnd = is - 1;
                    boolean crosses = runStart <= 0 && runEnd >= 0;
                    double len = (runEnd - runStart) * step;
                    if ((crosses && !bestCrosses) || (crosses == bestCrosses && len > bestLen)) {
                        bestLen = len;
                        bestS0 = runStart * step;
                        bestS1 = runEnd * step;
                        bestT = t;
                        bestCrosses = crosses;
                    }
                    runStart = Integer.MIN_VALUE;
                }
            }
        }
        // Pull each end in from the pixel edge to the pixel centre.
        double half = Math.min(vx == 0 ? Double.MAX_VALUE : sx / 2 / Math.abs(vx),
                vy == 0 ? Double.MAX_VALUE : sy / 2 / Math.abs(vy));
        double s0 = bestS0 + half, s1 = bestS1 - half;
        if (s1 - s0 > longMm) {
            double mid = (s0 + s1) / 2;
            s0 = mid - longMm / 2;
            s1 = mid + longMm / 2;
        }
        double minLenMm = Recist.MIN_AXIS_LENGTH_PX * Math.max(sx, sy);
        if (s1 - s0 < minLenMm) {
            throw new IllegalArgumentException(String.format(
                    "Recist.fromMask: mask of %d pixels has no perpendicular chord (longest %.3f mm); "
                            + "it is a line, not a lesion", mask.count(), Math.max(0, s1 - s0)));
        }
        double cx = ax + ux * bestT, cy = ay + uy * bestT;
        Axis shortAxis = Axis.of((cx + vx * s0) / sx, (cy + vy * s0) / sy, (cx + vx * s1) / sx, (cy + vy * s1) / sy);
        return new Recist(longAxis, shortAxis, sliceIndex);
    }

    private static boolean inside(Mask m, double px, double py) {
        int x = (int) Math.round(px), y = (int) Math.round(py);
        return x >= 0 && y >= 0 && x < m.width() && y < m.height() && m.getIndex(y * m.width() + x);
    }

    /** Andrew's monotone chain in mm space; returns hull vertices (or all points if collinear). */
    private static int[][] convexHull(List<int[]> pts, double sx, double sy) {
        int[][] p = pts.toArray(new int[0][]);
        Arrays.sort(p, (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        if (p.length < 3) {
            return p;
        }
        int[][] hull = new int[2 * p.length][];
        int k = 0;
        for (int[] q : p) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], q, sx, sy) <= 0) {
                k--;
            }
            hull[k++] = q;
        }
        for (int i = p.length - 2, lo = k + 1; i >= 0; i--) {
            while (k >= lo && cross(hull[k - 2], hull[k - 1], p[i], sx, sy) <= 0) {
                k--;
            }
            hull[k++] = p[i];
        }
        int[][] out = Arrays.copyOf(hull, Math.max(k - 1, 2));
        return out[1] == null ? p : out;
    }

    private static double cross(int[] o, int[] a, int[] b, double sx, double sy) {
        return ((a[0] - o[0]) * sx) * ((b[1] - o[1]) * sy) - ((a[1] - o[1]) * sy) * ((b[0] - o[0]) * sx);
    }
}
