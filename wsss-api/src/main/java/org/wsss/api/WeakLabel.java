package org.wsss.api;

import java.util.Arrays;

/**
 * The weak training label of Sec. 2.2: three disjoint sets of pixel indices of a
 * {@code width × height} image, R (pixels on the RECIST axes), F (estimated lesion) and B
 * (estimated background). Pixels in none of them carry no loss. Indices are row-major, sorted
 * and unique; disjointness is checked on construction.
 */
public final class WeakLabel {

    private final int width;
    private final int height;
    private final int[] r;
    private final int[] f;
    private final int[] b;

    private WeakLabel(int width, int height, int[] r, int[] f, int[] b) {
        this.width = width;
        this.height = height;
        this.r = r;
        this.f = f;
        this.b = b;
    }

    /**
     * A weak label from three masks of one shape.
     *
     * @throws IllegalArgumentException if shapes differ or any two sets overlap (naming a shared pixel)
     */
    public static WeakLabel of(Mask recist, Mask foreground, Mask background) {
        recist.requireSameShape(foreground);
        recist.requireSameShape(background);
        int w = recist.width();
        int n = w * recist.height();
        int[] rr = indices(recist, n), ff = indices(foreground, n), bb = indices(background, n);
        checkDisjoint("R", rr, "F", ff, w);
        checkDisjoint("R", rr, "B", bb, w);
        checkDisjoint("F", ff, "B", bb, w);
        return new WeakLabel(w, recist.height(), rr, ff, bb);
    }

    /** Width of the labelled image. */
    public int width() {
        return width;
    }

    /** Height of the labelled image. */
    public int height() {
        return height;
    }

    /** Sorted row-major indices of R (a copy). */
    public int[] recistIndices() {
        return r.clone();
    }

    /** Sorted row-major indices of F (a copy). */
    public int[] foregroundIndices() {
        return f.clone();
    }

    /** Sorted row-major indices of B (a copy). */
    public int[] backgroundIndices() {
        return b.clone();
    }

    /** |R|. */
    public int recistCount() {
        return r.length;
    }

    /** |F|. */
    public int foregroundCount() {
        return f.length;
    }

    /** |B|. */
    public int backgroundCount() {
        return b.length;
    }

    private static int[] indices(Mask m, int n) {
        int[] out = new int[m.count()];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (m.getIndex(i)) {
                out[k++] = i;
            }
        }
        return out;
    }

    private static void checkDisjoint(String an, int[] a, String bn, int[] b, int w) {
        int i = 0, j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                throw new IllegalArgumentException("WeakLabel sets " + an + " and " + bn + " must be disjoint; both hold pixel ("
                        + a[i] % w + ", " + a[i] / w + ")");
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeakLabel l && l.width == width && l.height == height && Arrays.equals(l.r, r)
                && Arrays.equals(l.f, f) && Arrays.equals(l.b, b);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(r) * 961 + Arrays.hashCode(f) * 31 + Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        return "WeakLabel[" + width + "x" + height + ", |R|=" + r.length + ", |F|=" + f.length + ", |B|=" + b.length + "]";
    }
}
