package org.wsss.propagation.geometry;

import java.util.Objects;
import java.util.Optional;
import org.wsss.api.Axis;
import org.wsss.api.Point2;
import org.wsss.api.Recist;
import org.wsss.api.RecistPropagator;
import org.wsss.api.VoxelSpacing;

/**
 * The ellipsoid-cap RECIST propagation documented on {@link Propagation#pythagorean(PropagationConfig)}.
 * Immutable and thread-safe.
 */
final class PythagoreanPropagator implements RecistPropagator {

    private final PropagationConfig config;

    PythagoreanPropagator(PropagationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Optional<Recist> propagate(Recist recist, int targetSlice, VoxelSpacing spacing) {
        Objects.requireNonNull(recist, "recist");
        Objects.requireNonNull(spacing, "spacing");
        if (targetSlice < 0) {
            throw new IllegalArgumentException("propagation target slice must be >= 0, got " + targetSlice);
        }
        Axis la = recist.longAxis(), sa = recist.shortAxis();
        double angle = la.angleDegreesTo(sa, spacing);
        if (90.0 - angle > Recist.PERPENDICULAR_TOLERANCE_DEGREES) {
            // Non-perpendicular axes have no well-defined centre (parallel ones none at all).
            throw new IllegalArgumentException(String.format(
                    "RECIST axes meet at %.3f degrees, %.3f degrees from perpendicular (tolerance %.1f)",
                    angle, 90.0 - angle, Recist.PERPENDICULAR_TOLERANCE_DEGREES));
        }
        if (targetSlice == recist.sliceIndex()) {
            return Optional.of(recist);
        }
        double dMm = Math.abs((long) targetSlice - recist.sliceIndex()) * spacing.z();
        double zRadiusMm = config.zRadiusMm(recist.longLengthMm(spacing), recist.shortLengthMm(spacing));
        double rel = dMm / zRadiusMm;
        if (!(rel < 1.0)) {
            return Optional.empty();
        }
        // (1 - rel)(1 + rel) keeps precision near the extent, where 1 - rel² would cancel.
        double f = Math.sqrt((1.0 - rel) * (1.0 + rel));
        double[] pivots = pivotParameters(recist);
        Axis longHat = shrink(la, pivots[0], 1.0 - f);
        Axis shortHat = shrink(sa, pivots[1], 1.0 - f);
        if (longHat.lengthPx() < Recist.MIN_AXIS_LENGTH_PX || shortHat.lengthPx() < Recist.MIN_AXIS_LENGTH_PX) {
            return Optional.empty();
        }
        return Optional.of(new Recist(longHat, shortHat, targetSlice));
    }

    /**
     * Moves both endpoints of {@code a} toward its pivot {@code start + t (end − start)} by the
     * fraction {@code k} of their distance to it. Written as endpoint plus a multiple of the axis
     * direction, so results lie on the original line to rounding and {@code k = 0} is exact.
     */
    private static Axis shrink(Axis a, double t, double k) {
        Point2 p = a.start(), q = a.end();
        double ax = q.x() - p.x(), ay = q.y() - p.y();
        double u = k * t, w = k * (1.0 - t);
        return new Axis(new Point2(p.x() + u * ax, p.y() + u * ay), new Point2(q.x() - w * ax, q.y() - w * ay));
    }

    /**
     * Line parameters (long, short) of each axis's pivot: the intersection of the two axis
     * lines, clamped to each segment. Clamping (rather than switching to another centre when
     * the axes do not cross) keeps the result continuous in the endpoints.
     */
    static double[] pivotParameters(Recist r) {
        Point2 a1 = r.longAxis().start(), b1 = r.shortAxis().start();
        double ax = r.longAxis().end().x() - a1.x(), ay = r.longAxis().end().y() - a1.y();
        double bx = r.shortAxis().end().x() - b1.x(), by = r.shortAxis().end().y() - b1.y();
        double wx = b1.x() - a1.x(), wy = b1.y() - a1.y();
        // Intersection parameters are affine invariant, so pixel coordinates serve; the axes are
        // within the perpendicular tolerance, so den is far from 0.
        double den = ax * by - ay * bx;
        double t = (wx * by - wy * bx) / den;
        double u = (wx * ay - wy * ax) / den;
        return new double[] {clamp01(t), clamp01(u)};
    }

    private static double clamp01(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    @Override
    public String toString() {
        return "pythagorean(zRadius=" + config.zRadius() + ", zRadiusScale=" + config.zRadiusScale() + ")";
    }
}
