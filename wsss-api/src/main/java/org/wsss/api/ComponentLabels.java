package org.wsss.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Connected-component labels of a 2D mask: label 0 is background, components are numbered
 * 1..{@link #count()} in the row-major order of their first pixel. Immutable.
 *
 * <p>Labelling lives here, beside {@link Mask}, because both the seeders (Sec. 2.3: regions of a
 * CNN map that overlap the propagated RECIST) and the 3D assembly (Sec. 2.3, 3.3) need it, and
 * neither of those modules may depend on the other. It is a breadth-first flood fill that visits
 * each pixel once: O(width × height).
 *
 * <pre>{@code
 * ComponentLabels c = ComponentLabels.of(mask, Connectivity2D.EIGHT);
 * for (int k = 1; k <= c.count(); k++) System.out.println(k + ": " + c.size(k) + " px");
 * }</pre>
 */
public final class ComponentLabels {

    private final int width;
    private final int height;
    private final int[] labels;
    private final int[] sizes;

    private ComponentLabels(int width, int height, int[] labels, int[] sizes) {
        this.width = width;
        this.height = height;
        this.labels = labels;
        this.sizes = sizes;
    }

    /** Labels the connected components of {@code mask} under {@code connectivity}. */
    public static ComponentLabels of(Mask mask, Connectivity2D connectivity) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(connectivity, "connectivity");
        int w = mask.width(), h = mask.height(), n = w * h;
        boolean eight = connectivity == Connectivity2D.EIGHT;
        int[] labels = new int[n];
        int[] queue = new int[Math.max(1, mask.count())];
        int[] sizes = new int[16];
        int next = 0;
        for (int start = 0; start < n; start++) {
            if (!mask.getIndex(start) || labels[start] != 0) {
                continue;
            }
            next++;
            labels[start] = next;
            int head = 0, tail = 0;
            queue[tail++] = start;
            while (head < tail) {
                int i = queue[head++];
                int x = i % w, y = i / w;
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        if (nx < 0 || nx >= w || (dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0)) {
                            continue;
                        }
                        int j = ny * w + nx;
                        if (labels[j] == 0 && mask.getIndex(j)) {
                            labels[j] = next;
                            queue[tail++] = j;
                        }
                    }
                }
            }
            if (next >= sizes.length) {
                sizes = Arrays.copyOf(sizes, sizes.length * 2);
            }
            sizes[next] = tail;
        }
        return new ComponentLabels(w, h, labels, Arrays.copyOf(sizes, next + 1));
    }

    /** Width of the labelled mask. */
    public int width() {
        return width;
    }

    /** Height of the labelled mask. */
    public int height() {
        return height;
    }

    /** Number of components. */
    public int count() {
        return sizes.length - 1;
    }

    /** Label of pixel (x, y): 0 for background, else 1..{@link #count()}. */
    public int label(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + width + "x" + height);
        }
        return labels[y * width + x];
    }

    /** Label of the pixel at row-major index {@code i} ({@code y * width + x}). */
    public int labelAt(int i) {
        if (i < 0 || i >= labels.length) {
            throw new IndexOutOfBoundsException("pixel index " + i + " outside 0.." + (labels.length - 1));
        }
        return labels[i];
    }

    /** Number of pixels of component {@code k} (1..{@link #count()}). */
    public int size(int k) {
        checkLabel(k);
        return sizes[k];
    }

    /** Component {@code k} as a mask. */
    public Mask mask(int k) {
        checkLabel(k);
        return Mask.fromPredicate(width, height, (x, y) -> labels[y * width + x] == k);
    }

    private void checkLabel(int k) {
        if (k < 1 || k > count()) {
            throw new IllegalArgumentException("component label must be in 1.." + count() + ", got " + k);
        }
    }
}
