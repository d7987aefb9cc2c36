package org.wsss.hnn.model;

/**
 * Bilinear resampling weights, with pixel centres at half-integers (the convention of
 * OpenCV's {@code INTER_LINEAR} and of {@code align_corners=false}). Resampling a row of
 * {@code n} samples to {@code m} is a product with the {@code m × n} matrix from
 * {@link #matrix}; a 2D map is resampled by one such product per axis. The network's side
 * outputs are upsampled this way, which keeps the operation a plain matrix product in the graph
 * (differentiable, no special op) and the same as the resampling the input pipeline uses.
 */
public final class Bilinear {

    private Bilinear() {
    }

    /**
     * Row-major {@code m × n} matrix U with {@code out = U · in} resampling {@code n} samples to {@code m}.
     *
     * @throws IllegalArgumentException unless both sizes are ≥ 1
     */
    public static double[] matrix(int m, int n) {
        if (m < 1 || n < 1) {
            throw new IllegalArgumentException("Bilinear sizes must be >= 1, got m=" + m + ", n=" + n);
        }
        double[] u = new double[m * n];
        double scale = (double) n / m;
        for (int i = 0; i < m; i++) {
            double src = (i + 0.5) * scale - 0.5;
            src = Math.max(0, Math.min(n - 1, src));
            int i0 = (int) Math.floor(src);
            int i1 = Math.min(i0 + 1, n - 1);
            double t = src - i0;
            u[i * n + i0] += 1 - t;
            u[i * n + i1] += t;
        }
        return u;
    }

    /**
     * Samples a row-major {@code w × h} image at real position (x, y) in pixel units (pixel
     * (i, j) has its centre at (i, j)); positions outside the image take the nearest edge value.
     */
    public static float sample(float[] img, int w, int h, double x, double y) {
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
        double tx = x - x0, ty = y - y0;
        double top = img[y0 * w + x0] * (1 - tx) + img[y0 * w + x1] * tx;
        double bottom = img[y1 * w + x0] * (1 - tx) + img[y1 * w + x1] * tx;
        return (float) (top * (1 - ty) + bottom * ty);
    }
}
