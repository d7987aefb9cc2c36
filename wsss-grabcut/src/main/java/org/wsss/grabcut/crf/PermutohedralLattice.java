package org.wsss.grabcut.crf;

import java.util.Arrays;

/**
 * Gaussian filtering in a d-dimensional feature space in O(N·d²) by the permutohedral lattice
 * (Adams, Baek and Davis, "Fast high-dimensional filtering using the permutohedral lattice",
 * Eurographics 2010): each point is splatted onto the d + 1 vertices of its enclosing simplex
 * with barycentric weights, the lattice values are blurred with a [1 2 1]/4 kernel along each of
 * the d + 1 lattice directions, and the result is sliced back at the points.
 *
 * <p>The lattice approximates {@code out_i = Σ_j exp(−|f_i − f_j|² / 2) · in_j} up to a scale
 * factor that depends on the lattice, not on the data; {@link #filterNormalized} divides by the
 * same filter applied to ones, which removes that factor and gives the kernel-weighted mean
 * {@code Σ_j k_ij in_j / Σ_j k_ij}. Features must be pre-divided by the kernel's standard
 * deviations.
 *
 * <p>Built once per image (a hash table with open addressing over integer lattice keys, used
 * only while building); filtering reads only primitive arrays and allocates nothing, given
 * scratch buffers of {@link #scratchLength(int)} floats. An instance is immutable and may be
 * shared between threads; scratch buffers may not.
 */
public final class PermutohedralLattice {

    private final int d;
    private final int n;
    private final int vertices;
    /** Per point, the lattice vertex of each of its d + 1 simplex corners. */
    private final int[] offset;
    /** Per point, the barycentric weight of each corner. */
    private final float[] weight;
    /** Per direction j and vertex v: the two neighbours along j at [2(j·M + v)], −1 if absent. */
    private final int[] neighbours;
    /** 1 / (filter of ones) per point, for the normalised filter. */
    private final float[] inverseNorm;

    private PermutohedralLattice(int d, int n, int vertices, int[] offset, float[] weight, int[] neighbours) {
        this.d = d;
        this.n = n;
        this.vertices = vertices;
        this.offset = offset;
        this.weight = weight;
        this.neighbours = neighbours;
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        float[] norm = new float[n];
        float[] a = new float[scratchLength(1)], b = new float[scratchLength(1)];
        filter(ones, norm, 1, a, b);
        this.inverseNorm = new float[n];
        for (int i = 0; i < n; i++) {
            // Every point splats onto its own simplex, so the norm is positive; guard anyway.
            inverseNorm[i] = norm[i] > 0 ? 1f / norm[i] : 0f;
        }
    }

    /**
     * A lattice over {@code n} points with {@code d} features each.
     *
     * @param features row-major {@code n × d}, already divided by the standard deviations
     * @throws IllegalArgumentException on a bad size or a non-finite feature
     */
    public static PermutohedralLattice build(float[] features, int n, int d) {
        if (d < 1 || d > 16) {
            throw new IllegalArgumentException("feature dimension must lie in [1, 16], got " + d);
        }
        if (n < 1 || (long) n * d != features.length) {
            throw new IllegalArgumentException("features hold " + features.length + " values, " + n + " points of "
                    + d + " features need " + (long) n * d);
        }
        for (int i = 0; i < features.length; i++) {
            if (!Float.isFinite(features[i])) {
                throw new IllegalArgumentException("feature " + i % d + " of point " + i / d + " is " + features[i]);
            }
        }
        int d1 = d + 1;
        double invStdDev = Math.sqrt(2.0 / 3.0) * d1;
        double[] scale = new double[d];
        for (int i = 0; i < d; i++) {
            scale[i] = invStdDev / Math.sqrt((i + 1.0) * (i + 2.0));
        }
        // canonical[r][i]: coordinates of the remainder-r corner of the canonical simplex.
        int[] canonical = new int[d1 * d1];
        for (int r = 0; r <= d; r++) {
            for (int i = 0; i <= d - r; i++) {
                canonical[r * d1 + i] = r;
            }
            for (int i = d - r + 1; i <= d; i++) {
                canonical[r * d1 + i] = r - d1;
            }
        }
        KeyTable table = new KeyTable(d, n * d1);
        int[] offset = new int[n * d1];
        float[] weight = new float[n * d1];
        double[] elevated = new double[d1];
        int[] rem0 = new int[d1];
        int[] rank = new int[d1];
        double[] bary = new double[d + 2];
        int[] key = new int[d];
        for (int p = 0; p < n; p++) {
            // Elevate onto the hyperplane x·1 = 0 of R^{d+1}.
            double sm = 0;
            for (int i = d; i > 0; i--) {
                double cf = features[p * d + i - 1] * scale[i - 1];
                elevated[i] = sm - i * cf;
                sm += cf;
            }
            elevated[0] = sm;
            // Nearest remainder-0 lattice point, then the rank (sort order) of the differential.
            int sum = 0;
            for (int i = 0; i <= d; i++) {
                double v = elevated[i] / d1;
                int up = (int) Math.ceil(v) * d1;
                int down = (int) Math.floor(v) * d1;
                rem0[i] = (up - elevated[i] < elevated[i] - down) ? up : down;
                sum += rem0[i];
                rank[i] = 0;
            }
            sum /= d1;
            for (int i = 0; i < d; i++) {
                double di = elevated[i] - rem0[i];
                for (int j = i + 1; j <= d; j++) {
                    if (di < elevated[j] - rem0[j]) {
                        rank[i]++;
                    } else {
                        rank[j]++;
                    }
                }
            }
            // Bring the point back onto the plane if the rounding left it off.
            if (sum > 0) {
                for (int i = 0; i <= d; i++) {
                    if (rank[i] >= d1 - sum) {
                        rem0[i] -= d1;
                        rank[i] += sum - d1;
                    } else {
                        rank[i] += sum;
                    }
                }
            } else if (sum < 0) {
                for (int i = 0; i <= d; i++) {
                    if (rank[i] < -sum) {
                        rem0[i] += d1;
                        rank[i] += d1 + sum;
                    } else {
                        rank[i] += sum;
                    }
                }
            }
            Arrays.fill(bary, 0);
            for (int i = 0; i <= d; i++) {
                double v = (elevated[i] - rem0[i]) / d1;
                bary[d - rank[i]] += v;
                bary[d + 1 - rank[i]] -= v;
            }
            bary[0] += 1.0 + bary[d + 1];
            for (int r = 0; r <= d; r++) {
                for (int i = 0; i < d; i++) {
                    key[i] = rem0[i] + canonical[r * d1 + rank[i]];
                }
                offset[p * d1 + r] = table.insert(key);
                weight[p * d1 + r] = (float) bary[r];
            }
        }
        int m = table.size();
        int[] neighbours = new int[2 * d1 * m];
        int[] n1 = new int[d], n2 = new int[d];
        for (int j = 0; j <= d; j++) {
            for (int v = 0; v < m; v++) {
                int base = v * d;
                for (int i = 0; i < d; i++) {
                    n1[i] = table.keys[base + i] - 1;
                    n2[i] = table.keys[base + i] + 1;
                }
                if (j < d) {
                    n1[j] = table.keys[base + j] + d;
                    n2[j] = table.keys[base + j] - d;
                }
                neighbours[2 * (j * m + v)] = table.find(n1);
                neighbours[2 * (j * m + v) + 1] = table.find(n2);
            }
        }
        return new PermutohedralLattice(d, n, m, offset, weight, neighbours);
    }

    /** Feature dimension. */
    public int dimension() {
        return d;
    }

    /** Number of points. */
    public int points() {
        return n;
    }

    /** Number of lattice vertices in use. */
    public int vertices() {
        return vertices;
    }

    /** Length of each scratch buffer that filtering {@code channels} values per point needs. */
    public int scratchLength(int channels) {
        return vertices * channels;
    }

    /**
     * Approximate Gaussian filter (up to the lattice's scale factor) of {@code in}
     * ({@code n × channels}, row-major) into {@code out}; allocation-free.
     *
     * @param scratchA scratch of at least {@link #scratchLength(int)} floats
     * @param scratchB another such scratch
     */
    public void filter(float[] in, float[] out, int channels, float[] scratchA, float[] scratchB) {
        int d1 = d + 1, m = vertices, len = m * channels;
        if (in.length < n * channels || out.length < n * channels || scratchA.length < len || scratchB.length < len) {
            throw new IllegalArgumentException("buffers too small for " + n + " points x " + channels + " channels");
        }
        float[] a = scratchA, b = scratchB;
        Arrays.fill(a, 0, len, 0f);
        // Splat.
        for (int p = 0; p < n; p++) {
            for (int r = 0; r < d1; r++) {
                int o = offset[p * d1 + r] * channels;
                float w = weight[p * d1 + r];
                for (int c = 0; c < channels; c++) {
                    a[o + c] += w * in[p * channels + c];
                }
            }
        }
        // Blur along each lattice direction; a missing neighbour holds zero.
        for (int j = 0; j < d1; j++) {
            int nb = 2 * j * m;
            for (int v = 0; v < m; v++) {
                int v1 = neighbours[nb + 2 * v], v2 = neighbours[nb + 2 * v + 1];
                int o = v * channels;
                for (int c = 0; c < channels; c++) {
                    float s = 0.5f * a[o + c];
                    if (v1 >= 0) {
                        s += 0.25f * a[v1 * channels + c];
                    }
                    if (v2 >= 0) {
                        s += 0.25f * a[v2 * channels + c];
                    }
                    b[o + c] = s;
                }
            }
            float[] t = a;
            a = b;
            b = t;
        }
        // Slice.
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < channels; c++) {
                float s = 0f;
                for (int r = 0; r < d1; r++) {
                    s += weight[p * d1 + r] * a[offset[p * d1 + r] * channels + c];
                }
                out[p * channels + c] = s;
            }
        }
    }

    /**
     * The kernel-weighted mean {@code Σ_j k_ij in_j / Σ_j k_ij} of {@code in} into {@code out};
     * allocation-free.
     */
    public void filterNormalized(float[] in, float[] out, int channels, float[] scratchA, float[] scratchB) {
        filter(in, out, channels, scratchA, scratchB);
        for (int p = 0; p < n; p++) {
            float s = inverseNorm[p];
            for (int c = 0; c < channels; c++) {
                out[p * channels + c] *= s;
            }
        }
    }

    /** Open-addressing hash table from d integer coordinates to a dense vertex index. */
    private static final class KeyTable {
        private final int d;
        private final int[] slots;
        private final int shift;
        final int[] keys;
        private int size;

        KeyTable(int d, int maxEntries) {
            this.d = d;
            int cap = Integer.highestOneBit(Math.max(16, maxEntries * 2 - 1)) << 1;
            this.slots = new int[cap];
            Arrays.fill(slots, -1);
            this.shift = 64 - Integer.numberOfTrailingZeros(cap);
            this.keys = new int[maxEntries * d];
        }

        int size() {
            return size;
        }

        private int hash(int[] k) {
            long h = 0;
            for (int i = 0; i < d; i++) {
                h = (h + k[i]) * 0x9E3779B97F4A7C15L;
            }
            // Fibonacci hashing: the top bits of the product mix every coordinate.
            return (int) (h >>> shift);
        }

        private boolean equalsAt(int idx, int[] k) {
            int base = idx * d;
            for (int i = 0; i < d; i++) {
                if (keys[base + i] != k[i]) {
                    return false;
                }
            }
            return true;
        }

        int insert(int[] k) {
            int h = hash(k);
            while (true) {
                int idx = slots[h];
                if (idx < 0) {
                    System.arraycopy(k, 0, keys, size * d, d);
                    slots[h] = size;
                    return size++;
                }
                if (equalsAt(idx, k)) {
                    return idx;
                }
                h = (h + 1) & (slots.length - 1);
            }
        }

        int find(int[] k) {
            int h = hash(k);
            while (true) {
                int idx = slots[h];
                if (idx < 0) {
                    return -1;
                }
                if (equalsAt(idx, k)) {
                    return idx;
                }
                h = (h + 1) & (slots.length - 1);
            }
        }
    }
}
