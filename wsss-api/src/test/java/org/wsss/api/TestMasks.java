package org.wsss.api;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Mask builders, transforms and brute-force references shared by the api tests. */
final class TestMasks {

    private TestMasks() {
    }

    /** Pixels whose centre lies within {@code r} of ({@code cx}, {@code cy}). */
    static Mask disc(int w, int h, double cx, double cy, double r) {
        return Mask.fromPredicate(w, h, (x, y) -> Math.hypot(x - cx, y - cy) <= r);
    }

    /** The {@code rw × rh} block of pixels with top-left pixel (x0, y0). */
    static Mask rect(int w, int h, int x0, int y0, int rw, int rh) {
        return Mask.fromPredicate(w, h, (x, y) -> x >= x0 && y >= y0 && x < x0 + rw && y < y0 + rh);
    }

    /** Pixels whose centre lies in the axis-aligned ellipse of semi-axes a (x), b (y). */
    static Mask ellipse(int w, int h, double cx, double cy, double a, double b) {
        return Mask.fromPredicate(w, h, (x, y) -> sq((x - cx) / a) + sq((y - cy) / b) <= 1);
    }

    /** Rotated by 90°: pixel (x, y) goes to (h − 1 − y, x); the result is h wide and w high. */
    static Mask rotate90(Mask m) {
        int w = m.width(), h = m.height();
        Mask.Builder b = Mask.builder(h, w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (m.get(x, y)) {
                    b.set(h - 1 - y, x);
                }
            }
        }
        return b.build();
    }

    /** {@code m} placed at offset (dx, dy) in a {@code w × h} image. */
    static Mask place(Mask m, int w, int h, int dx, int dy) {
        Mask.Builder b = Mask.builder(w, h);
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if (m.get(x, y)) {
                    b.set(x + dx, y + dy);
                }
            }
        }
        return b.build();
    }

    /** Largest distance in mm between two set pixel centres, over all pairs. */
    static double bruteForceLongMm(Mask m, double sx, double sy) {
        List<int[]> p = new ArrayList<>();
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if (m.get(x, y)) {
                    p.add(new int[] {x, y});
                }
            }
        }
        double best = 0;
        for (int i = 0; i < p.size(); i++) {
            for (int j = i + 1; j < p.size(); j++) {
                double dx = (p.get(i)[0] - p.get(j)[0]) * sx, dy = (p.get(i)[1] - p.get(j)[1]) * sy;
                best = Math.max(best, dx * dx + dy * dy);
            }
        }
        return Math.sqrt(best);
    }

    /**
     * Whether {@code p} lies in a set pixel: its nearest pixel is set, or, when it lies on a pixel
     * edge (within {@code slack} px), a set pixel on either side of that edge.
     */
    static boolean inMask(Mask m, Point2 p, double slack) {
        for (int y = (int) Math.floor(p.y() + 0.5 - slack); y <= (int) Math.floor(p.y() + 0.5 + slack); y++) {
            for (int x = (int) Math.floor(p.x() + 0.5 - slack); x <= (int) Math.floor(p.x() + 0.5 + slack); x++) {
                if (x >= 0 && y >= 0 && x < m.width() && y < m.height() && m.get(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A random mask: a union of 1–4 discs, rectangles and (possibly rotated) ellipses, each at least 3 px across. */
    record Sample(Mask mask, VoxelSpacing spacing, String description) {
        @Override
        public String toString() {
            return description + " " + mask + " spacing " + spacing.x() + " x " + spacing.y();
        }
    }

    static Sample randomSample(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int w = rnd.nextInt(8, 65), h = rnd.nextInt(8, 65);
        VoxelSpacing sp = new VoxelSpacing(rnd.nextDouble(0.5, 1.5), rnd.nextDouble(0.5, 1.5), 1.0);
        int shapes = rnd.nextInt(1, 5);
        StringBuilder d = new StringBuilder("seed " + seed + ":");
        Mask m = Mask.empty(w, h);
        for (int i = 0; i < shapes; i++) {
            int kind = rnd.nextInt(3);
            Mask s;
            if (kind == 0) {
                double r = rnd.nextDouble(1.5, Math.min(w, h) / 2.0 - 0.5);
                double cx = rnd.nextDouble(r, w - 1 - r), cy = rnd.nextDouble(r, h - 1 - r);
                s = disc(w, h, cx, cy, r);
                d.append(String.format(" disc(%.3f,%.3f,r=%.3f)", cx, cy, r));
            } else if (kind == 1) {
                int rw = rnd.nextInt(3, w + 1), rh = rnd.nextInt(3, h + 1);
                int x0 = rnd.nextInt(0, w - rw + 1), y0 = rnd.nextInt(0, h - rh + 1);
                s = rect(w, h, x0, y0, rw, rh);
                d.append(String.format(" rect(%d,%d,%dx%d)", x0, y0, rw, rh));
            } else {
                // Semi-axes of at least 2 px: thinner ellipses can rasterise to a one-pixel line, which has
                // no short axis and is rejected by Recist.fromMask.
                double a = rnd.nextDouble(2.0, Math.min(w, h) / 2.0 - 0.5), b = rnd.nextDouble(2.0, a + 1e-9);
                double cx = rnd.nextDouble(a, w - 1 - a), cy = rnd.nextDouble(a, h - 1 - a);
                double th = rnd.nextDouble(0, Math.PI);
                double c = Math.cos(th), sn = Math.sin(th);
                s = Mask.fromPredicate(w, h, (x, y) -> {
                    double u = (x - cx) * c + (y - cy) * sn, v = -(x - cx) * sn + (y - cy) * c;
                    return sq(u / a) + sq(v / b) <= 1;
                });
                d.append(String.format(" ellipse(%.3f,%.3f,a=%.3f,b=%.3f,th=%.3f)", cx, cy, a, b, th));
            }
            m = m.or(s);
        }
        return new Sample(m, sp, d.toString());
    }

    static double sq(double v) {
        return v * v;
    }
}
