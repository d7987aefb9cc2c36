package org.wsss.propagation.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.wsss.api.Axis;
import org.wsss.api.Point2;
import org.wsss.api.Recist;
import org.wsss.api.RecistPropagator;
import org.wsss.api.VoxelSpacing;

/**
 * Properties of {@link Propagation#pythagorean(PropagationConfig)}. Marks are generated in mm
 * (perpendicular there) and converted to pixels, so anisotropic spacing is exercised everywhere;
 * expected lengths are computed here from the documented formula, independently of the
 * implementation.
 */
@PropertyDefaults(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
class RecistPropagationProperties {

    private static final double EPS_PX = 1e-9;

    /** A mark with its spacing and the config to propagate it with. */
    record Case(Recist recist, VoxelSpacing spacing, PropagationConfig config) {
        RecistPropagator propagator() {
            return Propagation.pythagorean(config);
        }
    }

    // ---- generators ---------------------------------------------------------------------

    @Provide
    Arbitrary<Case> crossingMarks() {
        return marks(false);
    }

    @Provide
    Arbitrary<Case> anyMarks() {
        return Arbitraries.oneOf(marks(false), marks(true));
    }

    @Provide
    Arbitrary<Case> isotropicMarks() {
        return anyMarks().filter(c -> c.spacing().x() == c.spacing().y());
    }

    private static Arbitrary<VoxelSpacing> spacings() {
        Arbitrary<Double> inPlane = Arbitraries.doubles().between(0.3, 3.0).ofScale(12);
        Arbitrary<VoxelSpacing> aniso = Combinators.combine(inPlane, inPlane, Arbitraries.doubles().between(0.5, 8.0).ofScale(12))
                .as(VoxelSpacing::new);
        Arbitrary<VoxelSpacing> iso = Combinators.combine(inPlane, Arbitraries.doubles().between(0.5, 8.0).ofScale(12))
                .as((s, z) -> new VoxelSpacing(s, s, z));
        return Arbitraries.oneOf(aniso, iso);
    }

    private static Arbitrary<PropagationConfig> configs() {
        return Combinators.combine(Arbitraries.of(PropagationConfig.ZRadius.class),
                        Arbitraries.doubles().between(0.2, 3.0).ofScale(12))
                .as(PropagationConfig::new);
    }

    /**
     * Marks whose axes are perpendicular in mm. {@code offCentre}: the short axis may meet the
     * long axis line outside the segment and may lie wholly to one side of it (a "T").
     */
    private static Arbitrary<Case> marks(boolean offCentre) {
        Arbitrary<Double> half = Arbitraries.doubles().between(1.0, 60.0).ofScale(12);
        Arbitrary<Double> signedHalf = offCentre ? Arbitraries.doubles().between(-30.0, 60.0).ofScale(12) : half;
        Arbitrary<double[]> halves = Combinators.combine(half, signedHalf, half, signedHalf)
                .as((a1, a2, b1, b2) -> new double[] {a1, a2, b1, b2});
        Arbitrary<double[]> place = Combinators.combine(Arbitraries.doubles().between(100, 900).ofScale(12),
                        Arbitraries.doubles().between(100, 900).ofScale(12), Arbitraries.doubles().between(0, 6.28).ofScale(12),
                        Arbitraries.integers().between(0, 60))
                .as((cx, cy, phi, slice) -> new double[] {cx, cy, phi, slice});
        return Combinators.combine(spacings(), halves, place, configs())
                .as((sp, h, p, cfg) -> build(sp, h, p, cfg))
                .filter(c -> c != null);
    }

    /** Builds a mark in mm around pixel centre (p[0], p[1]); null if an axis is too short. */
    private static Case build(VoxelSpacing sp, double[] h, double[] p, PropagationConfig cfg) {
        double cxMm = p[0] * sp.x(), cyMm = p[1] * sp.y();
        double ux = Math.cos(p[2]), uy = Math.sin(p[2]);
        double vx = -uy, vy = ux;
        double longMm = h[0] + h[1], shortMm = h[2] + h[3];
        if (longMm < 2 || shortMm < 2 || shortMm > longMm) {
            return null;
        }
        Axis la = Axis.of((cxMm - h[0] * ux) / sp.x(), (cyMm - h[0] * uy) / sp.y(),
                (cxMm + h[1] * ux) / sp.x(), (cyMm + h[1] * uy) / sp.y());
        Axis sa = Axis.of((cxMm - h[2] * vx) / sp.x(), (cyMm - h[2] * vy) / sp.y(),
                (cxMm + h[3] * vx) / sp.x(), (cyMm + h[3] * vy) / sp.y());
        if (la.lengthPx() < 1 || sa.lengthPx() < 1) {
            return null;
        }
        return new Case(new Recist(la, sa, (int) p[3]), sp, cfg);
    }

    // ---- independent reference ------------------------------------------------------------

    /** The documented scale factor, or a negative number past the extent. */
    private static double expectedFactor(Case c, int target) {
        VoxelSpacing s = c.spacing();
        double longMm = mmLength(c.recist().longAxis(), s), shortMm = mmLength(c.recist().shortAxis(), s);
        double base = switch (c.config().zRadius()) {
            case HALF_LONG -> longMm / 2;
            case HALF_SHORT -> shortMm / 2;
            case MEAN_HALF_AXES -> (longMm / 2 + shortMm / 2) / 2;
        };
        double z = c.config().zRadiusScale() * base;
        double d = (target - c.recist().sliceIndex()) * s.z();
        return Math.abs(d) >= z ? -1 : Math.sqrt(1 - (d / z) * (d / z));
    }

    private static double mmLength(Axis a, VoxelSpacing s) {
        return Math.hypot((a.end().x() - a.start().x()) * s.x(), (a.end().y() - a.start().y()) * s.y());
    }

    /**
     * A slice offset reaching {@code reach} times the lesion's z radius (|reach| up to 1.2 covers
     * both sides of the extent), so that most samples land inside the lesion.
     */
    private static int offset(Case c, double reach) {
        VoxelSpacing s = c.spacing();
        double z = c.config().zRadiusMm(mmLength(c.recist().longAxis(), s), mmLength(c.recist().shortAxis(), s));
        return (int) Math.round(reach * z / s.z());
    }

    /** The case's mark moved up so that slice index + k is a valid target for every |k| ≤ room. */
    private static Case lifted(Case c, int room) {
        return new Case(c.recist().withSliceIndex(c.recist().sliceIndex() + room), c.spacing(), c.config());
    }

    /** Whether target lies within rounding of an empty/non-empty boundary (skipped by the invariance checks). */
    private static boolean nearBoundary(Case c, int target) {
        VoxelSpacing s = c.spacing();
        double longMm = mmLength(c.recist().longAxis(), s), shortMm = mmLength(c.recist().shortAxis(), s);
        double z = c.config().zRadiusMm(longMm, shortMm);
        double rel = Math.abs(target - c.recist().sliceIndex()) * s.z() / z;
        double f = expectedFactor(c, target);
        double minPx = Math.min(c.recist().shortLengthPx(), c.recist().longLengthPx());
        return Math.abs(rel - 1) < 1e-9 || Math.abs(f * minPx - Recist.MIN_AXIS_LENGTH_PX) < 1e-6;
    }

    private static double distanceToLine(Point2 q, Axis line) {
        double dx = line.end().x() - line.start().x(), dy = line.end().y() - line.start().y();
        return Math.abs((q.x() - line.start().x()) * dy - (q.y() - line.start().y()) * dx) / Math.hypot(dx, dy);
    }

    private static void assertSameEndpoints(Recist expected, Recist actual, double tol) {
        List<Point2> e = expected.endpoints(), a = actual.endpoints();
        for (int i = 0; i < 4; i++) {
            assertEquals(e.get(i).x(), a.get(i).x(), tol, "endpoint " + i + " x");
            assertEquals(e.get(i).y(), a.get(i).y(), tol, "endpoint " + i + " y");
        }
    }

    // ---- properties -----------------------------------------------------------------------

    private static final String REACH = "reach";

    @Provide
    Arbitrary<Double> reach() {
        return Arbitraries.doubles().between(-1.2, 1.2).ofScale(12);
    }

    @Property
    void zeroOffsetGivesR(@ForAll("anyMarks") Case c) {
        Recist r = c.recist();
        assertEquals(Optional.of(r), c.propagator().propagate(r, r.sliceIndex(), c.spacing()));
    }

    @Property
    void symmetricInOffset(@ForAll("anyMarks") Case c, @ForAll(REACH) double reach) {
        int k = Math.abs(offset(c, reach));
        Recist r = lifted(c, k).recist();
        Optional<Recist> up = c.propagator().propagate(r, r.sliceIndex() + k, c.spacing());
        Optional<Recist> down = c.propagator().propagate(r, r.sliceIndex() - k, c.spacing());
        assertEquals(up.isPresent(), down.isPresent());
        up.ifPresent(u -> assertEquals(u.endpoints(), down.get().endpoints()));
    }

    @Property
    void lengthsNonIncreasingInOffset(@ForAll("anyMarks") Case c, @ForAll(REACH) double reach1,
                                      @ForAll(REACH) double reach2) {
        int k1 = offset(c, reach1), k2 = offset(c, reach2);
        int room = Math.max(Math.abs(k1), Math.abs(k2));
        Recist r = lifted(c, room).recist();
        boolean k1Nearer = Math.abs(k1) <= Math.abs(k2);
        int near = k1Nearer ? k1 : k2, far = k1Nearer ? k2 : k1;
        Optional<Recist> a = c.propagator().propagate(r, r.sliceIndex() + near, c.spacing());
        Optional<Recist> b = c.propagator().propagate(r, r.sliceIndex() + far, c.spacing());
        if (b.isPresent()) {
            assertTrue(a.isPresent(), "present at offset " + far + " but not at " + near);
            assertTrue(b.get().longLengthPx() <= a.get().longLengthPx() + EPS_PX);
            assertTrue(b.get().shortLengthPx() <= a.get().shortLengthPx() + EPS_PX);
            assertTrue(a.get().longLengthPx() <= r.longLengthPx() + EPS_PX);
            assertTrue(a.get().shortLengthPx() <= r.shortLengthPx() + EPS_PX);
        }
    }

    @Property
    void endpointsStayOnOriginalAxisLines(@ForAll("anyMarks") Case c, @ForAll(REACH) double reach) {
        int k = offset(c, reach);
        Recist r = lifted(c, Math.abs(k)).recist();
        Optional<Recist> hat = c.propagator().propagate(r, r.sliceIndex() + k, c.spacing());
        hat.ifPresent(h -> {
            assertTrue(distanceToLine(h.longAxis().start(), r.longAxis()) < EPS_PX);
            assertTrue(distanceToLine(h.longAxis().end(), r.longAxis()) < EPS_PX);
            assertTrue(distanceToLine(h.shortAxis().start(), r.shortAxis()) < EPS_PX);
            assertTrue(distanceToLine(h.shortAxis().end(), r.shortAxis()) < EPS_PX);
        });
    }

    @Property
    void perpendicularityKept(@ForAll("anyMarks") Case c, @ForAll(REACH) double reach) {
        int k = offset(c, reach);
        Recist r = lifted(c, Math.abs(k)).recist();
        Optional<Recist> hat = c.propagator().propagate(r, r.sliceIndex() + k, c.spacing());
        hat.ifPresent(h -> assertEquals(r.longAxis().angleDegreesTo(r.shortAxis(), c.spacing()),
                h.longAxis().angleDegreesTo(h.shortAxis(), c.spacing()), 1e-9));
    }

    @Property
    void invariantUnderTranslation(@ForAll("anyMarks") Case c, @ForAll(REACH) double reach,
                                   @ForAll @Scale(12) @DoubleRange(min = -300, max = 300) double dx,
                                   @ForAll @Scale(12) @DoubleRange(min = -300, max = 300) double dy) {
        int k = offset(c, reach);
        Case lc = lifted(c, Math.abs(k));
        int target = lc.recist().sliceIndex() + k;
        Assume.that(!nearBoundary(lc, target));
        Optional<Recist> thenMove = c.propagator().propagate(lc.recist(), target, c.spacing())
                .map(h -> h.translate(dx, dy));
        Optional<Recist> moveFirst = c.propagator().propagate(lc.recist().translate(dx, dy), target, c.spacing());
        assertEquals(thenMove.isPresent(), moveFirst.isPresent());
        thenMove.ifPresent(h -> assertSameEndpoints(h, moveFirst.get(), EPS_PX));
    }

    @Property
    void invariantUnderRotationWithIsotropicPixels(@ForAll("isotropicMarks") Case c, @ForAll(REACH) double reach,
                                                   @ForAll @Scale(12) @DoubleRange(min = 0, max = 6.28) double theta,
                                                   @ForAll @Scale(12) @DoubleRange(min = 0, max = 1000) double qx,
                                                   @ForAll @Scale(12) @DoubleRange(min = 0, max = 1000) double qy) {
        int k = offset(c, reach);
        Case lc = lifted(c, Math.abs(k));
        int target = lc.recist().sliceIndex() + k;
        Assume.that(!nearBoundary(lc, target));
        Optional<Recist> thenRotate = c.propagator().propagate(lc.recist(), target, c.spacing())
                .map(h -> rotate(h, theta, qx, qy));
        Optional<Recist> rotateFirst = c.propagator().propagate(rotate(lc.recist(), theta, qx, qy), target,
                c.spacing());
        assertEquals(thenRotate.isPresent(), rotateFirst.isPresent());
        thenRotate.ifPresent(h -> assertSameEndpoints(h, rotateFirst.get(), EPS_PX));
    }

    @Property
    void anisotropicLengthsFollowTheFormula(@ForAll("anyMarks") Case c, @ForAll(REACH) double reach) {
        int k = offset(c, reach);
        Case lc = lifted(c, Math.abs(k));
        Recist r = lc.recist();
        int target = r.sliceIndex() + k;
        Assume.that(!nearBoundary(lc, target));
        double f = expectedFactor(lc, target);
        Optional<Recist> hat = c.propagator().propagate(r, target, c.spacing());
        if (f < 0 || f * Math.min(r.longLengthPx(), r.shortLengthPx()) < Recist.MIN_AXIS_LENGTH_PX) {
            assertFalse(hat.isPresent(), "expected no mark, factor " + f);
            return;
        }
        assertTrue(hat.isPresent(), "expected a mark, factor " + f);
        Recist h = hat.get();
        VoxelSpacing s = c.spacing();
        double longMm = mmLength(r.longAxis(), s), shortMm = mmLength(r.shortAxis(), s);
        assertEquals(f * longMm, mmLength(h.longAxis(), s), 1e-9 * Math.max(1, longMm));
        assertEquals(f * shortMm, mmLength(h.shortAxis(), s), 1e-9 * Math.max(1, shortMm));
    }

    @Property
    void halfAxesAboutTheCrossingShrinkByTheFormula(@ForAll("crossingMarks") Case c,
                                                    @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.999) double reach) {
        Recist r = c.recist();
        int target = r.sliceIndex() + offset(c, reach);
        Assume.that(!nearBoundary(c, target));
        Optional<Recist> hat = c.propagator().propagate(r, target, c.spacing());
        double f = expectedFactor(c, target);
        Assume.that(f * Math.min(r.longLengthPx(), r.shortLengthPx()) >= Recist.MIN_AXIS_LENGTH_PX);
        VoxelSpacing s = c.spacing();
        Point2 x = crossing(r);
        List<Point2> before = r.endpoints(), after = hat.orElseThrow().endpoints();
        for (int i = 0; i < 4; i++) {
            double l0 = s.distanceMm(x, before.get(i));
            assertEquals(f * l0, s.distanceMm(x, after.get(i)), 1e-9 * Math.max(1, l0), "half-axis " + i);
        }
    }

    @Property
    void sphereLongHalfAxisIsPythagorean(@ForAll @Scale(12) @DoubleRange(min = 2, max = 80) double halfLongMm,
                                         @ForAll @Scale(12) @DoubleRange(min = 0.5, max = 1) double shortFraction,
                                         @ForAll @Scale(12) @DoubleRange(min = 0.3, max = 3) double sx,
                                         @ForAll @Scale(12) @DoubleRange(min = 0.3, max = 3) double sy,
                                         @ForAll @Scale(12) @DoubleRange(min = 0.5, max = 8) double sz,
                                         @ForAll @Scale(12) @DoubleRange(min = 0, max = 1.2) double reach) {
        VoxelSpacing s = new VoxelSpacing(sx, sy, sz);
        double hs = halfLongMm * shortFraction;
        Recist r = new Recist(Axis.of(500 - halfLongMm / sx, 500, 500 + halfLongMm / sx, 500),
                Axis.of(500, 500 - hs / sy, 500, 500 + hs / sy), 0);
        int k = (int) Math.round(reach * halfLongMm / sz);
        double d = k * sz;
        Optional<Recist> hat = Propagation.pythagorean().propagate(r, k, s);
        double f = d >= halfLongMm ? 0 : Math.sqrt(1 - (d / halfLongMm) * (d / halfLongMm));
        // In pixels the long axis can be the shorter one (sx > sy): the propagator checks both.
        double shortestPx = Math.min(r.longLengthPx(), r.shortLengthPx());
        Assume.that(Math.abs(d - halfLongMm) > 1e-9
                && Math.abs(f * shortestPx - Recist.MIN_AXIS_LENGTH_PX) > 1e-9);
        if (d >= halfLongMm || f * shortestPx < Recist.MIN_AXIS_LENGTH_PX) {
            assertFalse(hat.isPresent());
        } else {
            double expected = Math.sqrt(halfLongMm * halfLongMm - d * d);
            assertEquals(expected, s.distanceMm(new Point2(500, 500), hat.orElseThrow().longAxis().end()),
                    1e-9 * halfLongMm);
            assertEquals(expected, s.distanceMm(new Point2(500, 500), hat.orElseThrow().longAxis().start()),
                    1e-9 * halfLongMm);
        }
    }

    @Property
    void emptyPastTheExtentAndNeverTooShort(@ForAll("anyMarks") Case c, @ForAll(REACH) double reach) {
        Recist r = c.recist();
        int target = r.sliceIndex() + Math.abs(offset(c, reach));
        double f = expectedFactor(c, target);
        Optional<Recist> hat = c.propagator().propagate(r, target, c.spacing());
        if (f < 0) {
            assertFalse(hat.isPresent(), "past the extent");
        }
        hat.ifPresent(h -> {
            assertTrue(h.longLengthPx() >= Recist.MIN_AXIS_LENGTH_PX);
            assertTrue(h.shortLengthPx() >= Recist.MIN_AXIS_LENGTH_PX);
        });
    }

    @Property
    void resultIsOnTheTargetSlice(@ForAll("anyMarks") Case c, @ForAll(REACH) double reach) {
        int k = offset(c, reach);
        Recist r = lifted(c, Math.abs(k)).recist();
        int target = r.sliceIndex() + k;
        c.propagator().propagate(r, target, c.spacing()).ifPresent(h -> assertEquals(target, h.sliceIndex()));
    }

    @Property
    void neverNaN(@ForAll("anyMarks") Case c,
                  @ForAll @Scale(12) @DoubleRange(min = 1e-4, max = 1e4) double sx,
                  @ForAll @Scale(12) @DoubleRange(min = 1e-4, max = 1e4) double sy,
                  @ForAll @Scale(12) @DoubleRange(min = 1e-6, max = 1e4) double sz,
                  @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int target) {
        // Extreme spacings may bend the mark away from perpendicular: then an exception is right.
        VoxelSpacing s = new VoxelSpacing(sx, sy, sz);
        Recist r = c.recist();
        Assume.that(90 - r.longAxis().angleDegreesTo(r.shortAxis(), s) <= Recist.PERPENDICULAR_TOLERANCE_DEGREES);
        c.propagator().propagate(r, target, s).ifPresent(h -> {
            for (Point2 p : h.endpoints()) {
                assertTrue(Double.isFinite(p.x()) && Double.isFinite(p.y()), "endpoint " + p);
            }
            assertTrue(Double.isFinite(h.longLengthMm(s)) && Double.isFinite(h.shortLengthMm(s)));
        });
    }

    // ---- helpers --------------------------------------------------------------------------

    private static Recist rotate(Recist r, double theta, double qx, double qy) {
        return new Recist(rotate(r.longAxis(), theta, qx, qy), rotate(r.shortAxis(), theta, qx, qy), r.sliceIndex());
    }

    private static Axis rotate(Axis a, double theta, double qx, double qy) {
        return new Axis(rotate(a.start(), theta, qx, qy), rotate(a.end(), theta, qx, qy));
    }

    private static Point2 rotate(Point2 p, double theta, double qx, double qy) {
        double c = Math.cos(theta), s = Math.sin(theta), x = p.x() - qx, y = p.y() - qy;
        return new Point2(qx + c * x - s * y, qy + s * x + c * y);
    }

    /** Intersection of the two axis lines, solved by Cramer's rule in pixel space. */
    private static Point2 crossing(Recist r) {
        Point2 a = r.longAxis().start(), b = r.shortAxis().start();
        double ax = r.longAxis().end().x() - a.x(), ay = r.longAxis().end().y() - a.y();
        double bx = r.shortAxis().end().x() - b.x(), by = r.shortAxis().end().y() - b.y();
        double det = -ax * by + ay * bx;
        double rx = b.x() - a.x(), ry = b.y() - a.y();
        double t = (-rx * by + ry * bx) / det;
        return new Point2(a.x() + t * ax, a.y() + t * ay);
    }
}
