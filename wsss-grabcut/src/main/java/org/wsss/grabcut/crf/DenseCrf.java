package org.wsss.grabcut.crf;

import java.util.ArrayList;
import java.util.List;

/**
 * Mean-field inference in a fully connected CRF with Gaussian edge potentials and Potts
 * compatibility (Krähenbühl and Koltun, "Efficient inference in fully connected CRFs with
 * Gaussian edge potentials", NIPS 2011). Each iteration filters the current marginals with
 * every kernel through a {@link PermutohedralLattice}, so it costs O(N) in the number of
 * pixels; the iteration loop allocates nothing.
 *
 * <p>Update, for pixel i and label l, with unary energy U and kernels (w_m, k_m):
 * {@code Q_i(l) ∝ exp(−U_i(l) − Σ_m w_m Σ_{l' ≠ l} k̄_m[Q(l')]_i)}, where k̄ is the
 * kernel-weighted mean {@code Σ_j k_ij Q_j / Σ_j k_ij}.
 *
 * <p><b>Deviations from the paper.</b> Each kernel is normalised per pixel (the
 * kernel-weighted mean instead of the sum), which makes the weights independent of the
 * lattice's scale, of the image size and of the kernel width; and the self term j = i is not
 * removed from the sum (its share is 1 / Σ_j k_ij, small for any useful kernel width).
 *
 * <p>Not thread-safe (it owns its buffers); make one per image.
 */
public final class DenseCrf {

    private final int n;
    private final int labels;
    private final float[] unary;
    private final List<PermutohedralLattice> lattices = new ArrayList<>();
    private final List<Float> weights = new ArrayList<>();

    /**
     * A CRF over {@code n} pixels and {@code labels} labels.
     *
     * @param unary energies −log P, row-major {@code n × labels}, finite (copied)
     */
    public DenseCrf(int n, int labels, float[] unary) {
        if (labels < 2) {
            throw new IllegalArgumentException("a CRF needs at least 2 labels, got " + labels);
        }
        if (n < 1 || (long) n * labels != unary.length) {
            throw new IllegalArgumentException("unary holds " + unary.length + " values, " + n + " pixels x " + labels
                    + " labels need " + (long) n * labels);
        }
        for (int i = 0; i < unary.length; i++) {
            if (!Float.isFinite(unary[i])) {
                throw new IllegalArgumentException("unary energy of pixel " + i / labels + ", label " + i % labels
                        + " is " + unary[i]);
            }
        }
        this.n = n;
        this.labels = labels;
        this.unary = unary.clone();
    }

    /**
     * Adds a Gaussian kernel with Potts compatibility.
     *
     * @param features row-major {@code n × d}, divided by the kernel's standard deviations
     * @param weight kernel weight, finite and ≥ 0
     */
    public DenseCrf addKernel(float[] features, int d, double weight) {
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("kernel weight must be finite and >= 0, got " + weight);
        }
        if (weight > 0) {
            lattices.add(PermutohedralLattice.build(features, n, d));
            weights.add((float) weight);
        }
        return this;
    }

    /** The softmax of the negative unary: the marginals before any message passing. */
    public float[] unaryMarginals() {
        float[] q = new float[n * labels];
        softmaxNegative(unary, q);
        return q;
    }

    /**
     * Marginals after {@code iterations} mean-field updates, row-major {@code n × labels}; each
     * pixel's values sum to 1.
     */
    public float[] inference(int iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        float[] q = unaryMarginals();
        float[] energy = new float[n * labels];
        float[] filtered = new float[n * labels];
        int scratch = 0;
        for (PermutohedralLattice l : lattices) {
            scratch = Math.max(scratch, l.scratchLength(labels));
        }
        float[] a = new float[scratch], b = new float[scratch];
        PermutohedralLattice[] lat = lattices.toArray(new PermutohedralLattice[0]);
        float[] wts = new float[lat.length];
        for (int k = 0; k < wts.length; k++) {
            wts[k] = weights.get(k);
        }
        for (int it = 0; it < iterations; it++) {
            System.arraycopy(unary, 0, energy, 0, energy.length);
            for (int k = 0; k < lat.length; k++) {
                lat[k].filterNormalized(q, filtered, labels, a, b);
                float w = wts[k];
                for (int p = 0; p < n; p++) {
                    int o = p * labels;
                    float total = 0f;
                    for (int l = 0; l < labels; l++) {
                        total += filtered[o + l];
                    }
                    // Potts: label l pays for the neighbours' mass on every other label.
                    for (int l = 0; l < labels; l++) {
                        energy[o + l] += w * (total - filtered[o + l]);
                    }
                }
            }
            softmaxNegative(energy, q);
        }
        return q;
    }

    private void softmaxNegative(float[] e, float[] q) {
        for (int p = 0; p < n; p++) {
            int o = p * labels;
            float min = Float.MAX_VALUE;
            for (int l = 0; l < labels; l++) {
                min = Math.min(min, e[o + l]);
            }
            float sum = 0f;
            for (int l = 0; l < labels; l++) {
                float v = (float) Math.exp(min - e[o + l]);
                q[o + l] = v;
                sum += v;
            }
            for (int l = 0; l < labels; l++) {
                q[o + l] /= sum;
            }
        }
    }
}
