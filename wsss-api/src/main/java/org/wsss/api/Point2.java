package org.wsss.api;

/**
 * A point in slice pixel coordinates: {@code x} is the column, {@code y} the row, with
 * (0, 0) the centre of the top-left pixel. Coordinates are real: RECIST endpoints are drawn
 * between pixel centres.
 */
public record Point2(double x, double y) {

    /** Rejects NaN and infinite coordinates. */
    public Point2 {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("Point2 coordinates must be finite, got (" + x + ", " + y + ")");
        }
    }

    /** Euclidean distance in pixels. */
    public double distance(Point2 o) {
        return Math.hypot(x - o.x, y - o.y);
    }

    /** Midpoint of this point and {@code o}. */
    public Point2 midpoint(Point2 o) {
        return new Point2((x + o.x) / 2, (y + o.y) / 2);
    }

    /** This point translated by (dx, dy). */
    public Point2 translate(double dx, double dy) {
        return new Point2(x + dx, y + dy);
    }

    /** Index of the pixel whose area contains this point (rounded to the nearest centre). */
    public int pixelX() {
        return (int) Math.round(x);
    }

    /** Index of the pixel row whose area contains this point. */
    public int pixelY() {
        return (int) Math.round(y);
    }

    @Override
    public String toString() {
        return "(" + x + ", " + y + ")";
    }
}
