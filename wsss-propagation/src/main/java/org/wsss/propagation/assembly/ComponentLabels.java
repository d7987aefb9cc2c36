package org.wsss.propagation.assembly;

import org.wsss.api.Mask;

/**
 * Connected-component labels of a 2D mask: label 0 is background, components are numbered
 * 1..{@link #count()} in the row-major order of their first pixel. Immutable.
 */
public final class ComponentLabels {

    private final int width;
    private final int height;
    private final int[] labels;
    private final int[] sizes;

    ComponentLabels(int width, int height, int[] labels, int[] sizes) {
        this.width = width;
        this.height = height;
        this.labels = labels;
        this.sizes = sizes;
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

    int labelAt(int i) {
        return labels[i];
    }

    private void checkLabel(int k) {
        if (k < 1 || k > count()) {
            throw new IllegalArgumentException("component label must be in 1.." + count() + ", got " + k);
        }
    }
}
