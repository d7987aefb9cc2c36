package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** {@link Mask#convexHull()} against a brute-force reference on small random masks. */
@PropertyDefaults(tries = 300)
class MaskHullProperties {

    private static boolean[] random(SplittableRandom rnd, int n, double density) {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble() < density;
        }
        return v;
    }

    /** Whether (px, py) lies in the triangle a, b, c (boundary included; degenerate triangles are segments). */
    private static boolean inTriangle(int[] a, int[] b, int[] c, int px, int py) {
        long d1 = (long) (b[0] - a[0]) * (py - a[1]) - (long) (b[1] - a[1]) * (px - a[0]);
        long d2 = (long) (c[0] - b[0]) * (py - b[1]) - (long) (c[1] - b[1]) * (px - b[0]);
        long d3 = (long) (a[0] - c[0]) * (py - c[1]) - (long) (a[1] - c[1]) * (px - c[0]);
        boolean neg = d1 < 0 || d2 < 0 || d3 < 0, pos = d1 > 0 || d2 > 0 || d3 > 0;
        if (neg && pos) {
            return false;
        }
        if (d1 != 0 || d2 != 0 || d3 != 0) {
            return true;
        }
        // collinear: inside the bounding box of the three points
        int minX = Math.min(a[0], Math.min(b[0], c[0])), maxX = Math.max(a[0], Math.max(b[0], c[0]));
        int minY = Math.min(a[1], Math.min(b[1], c[1])), maxY = Math.max(a[1], Math.max(b[1], c[1]));
        return px >= minX && px <= maxX && py >= minY && py <= maxY;
    }

    /**
     * Carathéodory in the plane: a point lies in the convex hull of a set iff it lies in a
     * triangle of three of its points (repeats allowed, so segments and points count too).
     */
    @Property
    void convexHullHoldsExactlyThePixelsInATriangleOfMaskPixels(@ForAll long seed,
                                                                 @ForAll @IntRange(min = 1, max = 8) int w,
                                                                 @ForAll @IntRange(min = 1, max = 8) int h,
                                                                 @ForAll @DoubleRange(min = 0, max = 0.3) double density) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Mask mask = Mask.of(w, h, random(rnd, w * h, density));
        List<int[]> pts = new ArrayList<>();
        for (int i = 0; i < w * h; i++) {
            if (mask.getIndex(i)) {
                pts.add(new int[] {i % w, i / w});
            }
        }
        Mask hull = mask.convexHull();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = false;
                for (int i = 0; i < pts.size() && !in; i++) {
                    for (int j = i; j < pts.size() && !in; j++) {
                        for (int k = j; k < pts.size() && !in; k++) {
                            in = inTriangle(pts.get(i), pts.get(j), pts.get(k), x, y);
                        }
                    }
                }
                assertEquals(in, hull.get(x, y), "pixel (" + x + ", " + y + ") of " + mask);
            }
        }
    }

    @Property
    void theHullOfAConvexMaskIsTheMaskAndHullsAreIdempotent(@ForAll long seed,
                                                            @ForAll @IntRange(min = 1, max = 12) int w,
                                                            @ForAll @IntRange(min = 1, max = 12) int h) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Mask hull = Mask.of(w, h, random(rnd, w * h, 0.2)).convexHull();
        assertEquals(hull, hull.convexHull());
    }
}
