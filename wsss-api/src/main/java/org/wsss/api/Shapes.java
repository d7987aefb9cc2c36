package org.wsss.api;

/** Shape checks shared by the image types, so every type words its errors the same way. */
final class Shapes {

    private Shapes() {
    }

    static void checkSize(String what, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(what + " size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " of " + width + "x" + height + " is too large");
        }
    }

    static void checkIndex(int width, int height, int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + width + "x" + height);
        }
    }

    static void checkSameShape(String what, int w1, int h1, int w2, int h2) {
        if (w1 != w2 || h1 != h2) {
            throw new IllegalArgumentException(what + ": shapes differ, " + w1 + "x" + h1 + " vs " + w2 + "x" + h2);
        }
    }
}
