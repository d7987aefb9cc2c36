package org.wsss.api;

/**
 * Physical size of a voxel in millimetres: {@code x} (column), {@code y} (row), {@code z}
 * (slice interval). CT voxels are rarely cubes (e.g. 0.7 × 0.7 × 5 mm), so every geometric
 * computation of the SDK that speaks of distance takes one of these.
 *
 * @param x column spacing in mm, finite and positive
 * @param y row spacing in mm, finite and positive
 * @param z slice interval in mm, finite and positive
 */
public record VoxelSpacing(double x, double y, double z) {

    /** Validates every component. */
    public VoxelSpacing {
        check("x", x);
        check("y", y);
        check("z", z);
    }

    /** Isotropic spacing of {@code s} mm on every axis. */
    public static VoxelSpacing isotropic(double s) {
        return new VoxelSpacing(s, s, s);
    }

    /** Volume of one voxel in mm³. */
    public double voxelVolumeMm3() {
        return x * y * z;
    }

    /** Area of one in-plane pixel in mm². */
    public double pixelAreaMm2() {
        return x * y;
    }

    /** Physical distance in mm between two in-plane points given in pixel coordinates. */
    public double distanceMm(Point2 a, Point2 b) {
        double dx = (a.x() - b.x()) * x;
        double dy = (a.y() - b.y()) * y;
        return Math.sqrt(dx * dx + dy * dy);
    }

    private static void check(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("VoxelSpacing." + name + " must be finite and > 0 mm, got " + v);
        }
    }
}
