package org.wsss.api;

/**
 * An axis-aligned crop box in slice pixel coordinates: columns {@code [x, x + width)}, rows
 * {@code [y, y + height)}. A ROI may reach outside its image until it is {@link #clip clipped}.
 */
public record Roi(int x, int y, int width, int height) {

    /** Rejects empty boxes. */
    public Roi {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Roi must be non-empty, got width=" + width + ", height=" + height);
        }
    }

    /** The ROI covering the whole of a {@code width × height} image. */
    public static Roi full(int width, int height) {
        return new Roi(0, 0, width, height);
    }

    /** Exclusive right edge. */
    public int endX() {
        return x + width;
    }

    /** Exclusive bottom edge. */
    public int endY() {
        return y + height;
    }

    /** Number of pixels. */
    public int area() {
        return width * height;
    }

    /** Whether pixel (px, py) lies inside. */
    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < endX() && py < endY();
    }

    /** Whether {@code other} lies entirely inside this ROI. */
    public boolean contains(Roi other) {
        return other.x >= x && other.y >= y && other.endX() <= endX() && other.endY() <= endY();
    }

    /**
     * This ROI intersected with a {@code width × height} image.
     *
     * @throws IllegalArgumentException if the ROI lies wholly outside the image
     */
    public Roi clip(int imageWidth, int imageHeight) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(imageWidth, endX());
        int y1 = Math.min(imageHeight, endY());
        if (x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException(this + " lies outside the " + imageWidth + "x" + imageHeight + " image");
        }
        return new Roi(x0, y0, x1 - x0, y1 - y0);
    }

    /** This ROI shifted by (dx, dy). */
    public Roi translate(int dx, int dy) {
        return new Roi(x + dx, y + dy, width, height);
    }
}
