package org.wsss.grabcut.seeds;

/**
 * Exact Euclidean distance transform in mm on an anisotropic pixel grid (Felzenszwalb and
 * Huttenlocher, "Distance transforms of sampled functions", 2012): the lower envelope of
 * parabolas, one pass along rows then one along columns, each O(n). Pixels need not be square
 * (CT spacing is often 0.7 × 0.8 mm), so column and row steps are weighted by their spacing.
 */
public final class DistanceTransform {

    private DistanceTransform() {
    }

    /**
     * Squared distance in mm² from every pixel of a {@code width × height} grid to the nearest
     * pixel with {@code seed[i]} true; {@link Double#POSITIVE_INFINITY} everywhere when no
     * pixel is a seed.
     *
     * @param sx column spacing in mm
     * @param sy row spacing in mm
     */
    public static double[] squaredMm(boolean[] seed, int width, int height, double sx, double sy) {
        if (seed.length != width * height) {
            throw new IllegalArgumentException("seed holds " + seed.length + " values, grid " + width + "x" + height
                    + " needs " + width * height);
        }
        if (!(sx > 0) || !(sy > 0) || !Double.isFinite(sx) || !Double.isFinite(sy)) {
            throw new IllegalArgumentException("spacing must be finite and > 0, got " + sx + " x " + sy);
        }
        double[] d = new double[width * height];
        boolean any = false;
        for (int i = 0; i < d.length; i++) {
            d[i] = seed[i] ? 0 : Double.POSITIVE_INFINITY;
            any |= seed[i];
        }
        if (!any) {
            return d;
        }
        int n = Math.max(width, height);
        double[] f = new double[n];
        double[] out = new double[n];
        int[] v = new int[n];
        double[] z = new double[n + 1];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                f[x] = d[y * width + x];
            }
            transform1d(f, width, sx * sx, out, v, z);
            for (int x = 0; x < width; x++) {
                d[y * width + x] = out[x];
            }
        }
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                f[y] = d[y * width + x];
            }
            transform1d(f, height, sy * sy, out, v, z);
            for (int y = 0; y < height; y++) {
                d[y * width + x] = out[y];
            }
        }
        return d;
    }

    /** out[p] = min_q s2·(p − q)² + f[q]; entries of f may be infinite. */
    private static void transform1d(double[] f, int n, double s2, double[] out, int[] v, double[] z) {
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] == Double.POSITIVE_INFINITY) {
                continue;
            }
            while (true) {
                if (k < 0) {
                    k = 0;
                    v[0] = q;
                    z[0] = Double.NEGATIVE_INFINITY;
                    z[1] = Double.POSITIVE_INFINITY;
                    break;
                }
                int p = v[k];
                // Intersection of the parabolas rooted at p and q, in grid units.
                double s = ((f[q] + s2 * q * q) - (f[p] + s2 * p * p)) / (2 * s2 * (q - p));
                if (s <= z[k]) {
                    k--;
                    continue;
                }
                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = Double.POSITIVE_INFINITY;
                break;
            }
        }
        if (k < 0) {
            for (int p = 0; p < n; p++) {
                out[p] = Double.POSITIVE_INFINITY;
            }
            return;
        }
        int j = 0;
        for (int p = 0; p < n; p++) {
            while (z[j + 1] < p) {
                j++;
            }
            double dq = p - v[j];
            out[p] = s2 * dq * dq + f[v[j]];
        }
    }
}
