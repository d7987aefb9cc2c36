package org.wsss.hnn.loss;

import java.util.Arrays;

import org.wsss.api.Mask;
import org.wsss.api.WeakLabel;

/**
 * Per-pixel loss weights of one training image, the form in which the index sets of Sec. 2.2
 * enter the network graph: {@code r[i] = 1/|R|} for i ∈ R and 0 elsewhere, likewise
 * {@code f} for F and {@code b} for B. Then {@code Σ_i r[i]·(−log ŷ_i)} is the term
 * {@code (1/|R|) Σ_R −log ŷ_i} of Eq. 3, and an empty set gives an all-zero weight map, i.e. a
 * term of 0 instead of a division by zero.
 *
 * <p>The fully supervised loss reuses the same form ({@link #supervised}): with F the
 * ground-truth lesion, B the rest and R empty, {@code L_F + L_B} is HED's class-balanced
 * cross-entropy {@code −β Σ_{Y+} log ŷ − (1−β) Σ_{Y−} log(1−ŷ)}, {@code β = |Y−|/|Y|},
 * divided by the positive per-image constant {@code |Y+||Y−|/|Y|}. Score and gradient of both
 * losses therefore come from one graph expression.
 *
 * @param width image width
 * @param height image height
 * @param r weights on R, row-major
 * @param f weights on F, row-major
 * @param b weights on B, row-major
 */
public record PixelWeights(int width, int height, float[] r, float[] f, float[] b) {

    /** Checks lengths and values. */
    public PixelWeights {
        int n = width * height;
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("PixelWeights size must be positive, got " + width + "x" + height);
        }
        check("r", r, n);
        check("f", f, n);
        check("b", b, n);
        r = r.clone();
        f = f.clone();
        b = b.clone();
    }

    /** Weights of a weak label: each set normalised by its own size, empty sets all zero. */
    public static PixelWeights weak(WeakLabel label) {
        int n = label.width() * label.height();
        return new PixelWeights(label.width(), label.height(), spread(label.recistIndices(), n),
                spread(label.foregroundIndices(), n), spread(label.backgroundIndices(), n));
    }

    /**
     * Weights of a ground-truth mask for the class-balanced (HED) loss: F = mask, B = the rest, R empty.
     */
    public static PixelWeights supervised(Mask mask) {
        int n = mask.width() * mask.height();
        int[] fg = new int[mask.count()];
        int[] bg = new int[n - fg.length];
        int a = 0, c = 0;
        for (int i = 0; i < n; i++) {
            if (mask.getIndex(i)) {
                fg[a++] = i;
            } else {
                bg[c++] = i;
            }
        }
        return new PixelWeights(mask.width(), mask.height(), new float[n], spread(fg, n), spread(bg, n));
    }

    /** Weights on R (a copy). */
    @Override
    public float[] r() {
        return r.clone();
    }

    /** Weights on F (a copy). */
    @Override
    public float[] f() {
        return f.clone();
    }

    /** Weights on B (a copy). */
    @Override
    public float[] b() {
        return b.clone();
    }

    /** Copies the three maps into {@code dst} at offset {@code off}, scaled by {@code scale}. */
    public void copyTo(float[] dr, float[] df, float[] db, int off, float scale) {
        for (int i = 0; i < r.length; i++) {
            dr[off + i] = r[i] * scale;
            df[off + i] = f[i] * scale;
            db[off + i] = b[i] * scale;
        }
    }

    private static float[] spread(int[] idx, int n) {
        float[] w = new float[n];
        if (idx.length > 0) {
            float v = 1f / idx.length;
            for (int i : idx) {
                w[i] = v;
            }
        }
        return w;
    }

    private static void check(String name, float[] w, int n) {
        if (w.length != n) {
            throw new IllegalArgumentException("PixelWeights " + name + " needs " + n + " values, got " + w.length);
        }
        for (int i = 0; i < n; i++) {
            if (!(w[i] >= 0f) || !Float.isFinite(w[i])) {
                throw new IllegalArgumentException("PixelWeights " + name + "[" + i + "] is " + w[i] + "; must be finite and >= 0");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelWeights p && p.width == width && p.height == height && Arrays.equals(p.r, r)
                && Arrays.equals(p.f, f) && Arrays.equals(p.b, b);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(r) * 961 + Arrays.hashCode(f) * 31 + Arrays.hashCode(b);
    }
}
