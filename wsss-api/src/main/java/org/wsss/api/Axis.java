package org.wsss.api;

import java.util.Objects;

/** A line segment between two points in slice pixel coordinates: one RECIST diameter. */
public record Axis(Point2 start, Point2 end) {

    /** Rejects null endpoints. */
    public Axis {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** An axis from raw coordinates. */
    public static Axis of(double x1, double y1, double x2, double y2) {
        return new Axis(new Point2(x1, y1), new Point2(x2, y2));
    }

    /** Length in pixels. */
    public double lengthPx() {
        return start.distance(end);
    }

    /** Length in mm under the in-plane spacing of {@code s}. */
    public double lengthMm(VoxelSpacing s) {
        return s.distanceMm(start, end);
    }

    /** Midpoint. */
    public Point2 midpoint() {
        return start.midpoint(end);
    }

    /** This axis translated by (dx, dy). */
    public Axis translate(double dx, double dy) {
        return new Axis(start.translate(dx, dy), end.translate(dx, dy));
    }

    /**
     * Angle between this axis and {@code o} in degrees, in [0, 90], measured in physical space
     * (mm) under {@code s}: pixels need not be square.
     */
    public double angleDegreesTo(Axis o, VoxelSpacing s) {
        double ax = (end.x() - start.x()) * s.x(), ay = (end.y() - start.y()) * s.y();
        double bx = (o.end.x() - o.start.x()) * s.x(), by = (o.end.y() - o.start.y()) * s.y();
        // Unit vectors first: the product of two lengths overflows for huge spacings (1e200 mm)
        // and Infinity / Infinity = NaN would slip through every comparison.
        double la = Math.hypot(ax, ay), lb = Math.hypot(bx, by);
        double cos = Math.abs((ax / la) * (bx / lb) + (ay / la) * (by / lb));
        return Math.toDegrees(Math.acos(Math.min(1.0, cos)));
    }
}
