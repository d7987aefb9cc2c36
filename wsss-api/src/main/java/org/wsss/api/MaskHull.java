package org.wsss.api;

import java.util.Arrays;

/**
 * The convex hull of a mask's pixel centres (pixel (x, y) centred at integer (x, y)): its
 * vertices, which {@link RecistMeasurement} searches for the long axis, and the filled hull,
 * {@link Mask#convexHull()}. The hull of a pixel set is the hull of each row's leftmost and
 * rightmost pixel, so both run in O(pixels). Integer arithmetic, so exact. A positive scaling of
 * the axes (a pixel spacing) maps the hull onto the hull of the scaled points, so the vertices
 * serve measurements in mm too.
 */
final class MaskHull {

    private MaskHull() {
    }

    /**
     * The hull's vertices as {x, y} pairs, counter-clockwise (y down) from the lowest x (then
     * lowest y), points on an edge left out; fewer than three points come back as they are (a
     * point or a segment's two ends). Empty for an empty mask.
     */
    static int[][] vertices(Mask mask) {
        int w = mask.width(), h = mask.height();
        long[] pts = new long[2 * h];
        int n = 0;
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
                pts[n++] = pack(first, y);
                if (last != first) {
                    pts[n++] = pack(last, y);
                }
            }
        }
        long[] p = Arrays.copyOf(pts, n);
        Arrays.sort(p); // by x, then y: both are non-negative
        long[] hull = p;
        if (n >= 3) {
            // Andrew's monotone chain; a turn that is not strictly left drops the middle point.
            hull = new long[2 * n];
            int k = 0;
            for (long q : p) {
                while (k >= 2 && cross(hull[k - 2], hull[k - 1], q) <= 0) {
                    k--;
                }
                hull[k++] = q;
            }
            for (int i = n - 2, lo = k + 1; i >= 0; i--) {
                while (k >= lo && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) {
                    k--;
                }
                hull[k++] = p[i];
            }
            hull = Arrays.copyOf(hull, k - 1);
        }
        int[][] out = new int[hull.length][];
        for (int i = 0; i < hull.length; i++) {
            out[i] = new int[] {x(hull[i]), y(hull[i])};
        }
        return out;
    }

    /** Every pixel whose centre lies in the hull (boundary included). */
    static Mask filled(Mask mask) {
        int w = mask.width(), h = mask.height();
        int[][] v = vertices(mask);
        Mask.Builder out = Mask.builder(w, h);
        if (v.length == 0) {
            return out.build();
        }
        // Each row meets a convex polygon in one interval: the extremes over the edges crossing it.
        double[] left = new double[h], right = new double[h];
        Arrays.fill(left, Double.POSITIVE_INFINITY);
        Arrays.fill(right, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < v.length; i++) {
            int[] a = v[i], b = v[(i + 1) % v.length];
            for (int y = Math.min(a[1], b[1]); y <= Math.max(a[1], b[1]); y++) {
                double xa, xb;
                if (a[1] == b[1]) {
                    xa = Math.min(a[0], b[0]);
                    xb = Math.max(a[0], b[0]);
                } else {
                    xa = xb = a[0] + (double) (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]);
                }
                left[y] = Math.min(left[y], xa);
                right[y] = Math.max(right[y], xb);
            }
        }
        for (int y = 0; y < h; y++) {
            // the tolerance keeps a centre that lies exactly on an edge despite rounding
            int from = (int) Math.ceil(left[y] - 1e-9), to = (int) Math.floor(right[y] + 1e-9);
            for (int x = Math.max(0, from); x <= Math.min(w - 1, to); x++) {
                out.set(x, y);
            }
        }
        return out.build();
    }

    private static long cross(long o, long a, long b) {
        return (long) (x(a) - x(o)) * (y(b) - y(o)) - (long) (y(a) - y(o)) * (x(b) - x(o));
    }

    private static long pack(int x, int y) {
        return ((long) x << 32) | y;
    }

    private static int x(long p) {
        return (int) (p >>> 32);
    }

    private static int y(long p) {
        return (int) p;
    }
}
