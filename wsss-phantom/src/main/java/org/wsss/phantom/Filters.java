package org.wsss.phantom;

/** In-plane (x, y) Gaussian filtering of a slice stack, separable, edges clamped. */
final class Filters {

    private Filters() {
    }

    /** A normalised 1D Gaussian kernel of standard deviation {@code sigma} px, radius ⌈3σ⌉. */
    static float[] kernel(double sigma) {
        int rad = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * rad + 1];
        double sum = 0;
        for (int i = -rad; i <= rad; i++) {
            double v = Math.exp(-0.5 * i * i / (sigma * sigma));
            k[i + rad] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    /** Filters every slice of {@code v} ({@code w × h × d}, x fastest) in place with kernel k along x then y. */
    static void separable(float[] v, int w, int h, int d, float[] k) {
        int rad = k.length / 2;
        float[] line = new float[w + 2 * rad];
        float[] plane = new float[w * h];
        for (int z = 0; z < d; z++) {
            int base = z * w * h;
            for (int y = 0; y < h; y++) {
                int row = base + y * w;
                for (int i = 0; i < line.length; i++) {
                    int x = Math.min(w - 1, Math.max(0, i - rad));
                    line[i] = v[row + x];
                }
                java.util.Arrays.fill(v, row, row + w, 0f);
                for (int j = 0; j < k.length; j++) {
                    float kj = k[j];
                    for (int x = 0; x < w; x++) {
                        v[row + x] += kj * line[x + j];
                    }
                }
            }
            // Vertical pass row by row, so that memory is read in order.
            System.arraycopy(v, base, plane, 0, w * h);
            for (int y = 0; y < h; y++) {
                int out = base + y * w;
                java.util.Arrays.fill(v, out, out + w, 0f);
                for (int j = 0; j < k.length; j++) {
                    int yy = Math.min(h - 1, Math.max(0, y + j - rad));
                    float kj = k[j];
                    int in = yy * w;
                    for (int x = 0; x < w; x++) {
                        v[out + x] += kj * plane[in + x];
                    }
                }
            }
        }
    }

    /** Sum of squared kernel weights: the variance factor of filtering unit white noise in 1D. */
    static double energy(float[] k) {
        double s = 0;
        for (float f : k) {
            s += (double) f * f;
        }
        return s;
    }
}
