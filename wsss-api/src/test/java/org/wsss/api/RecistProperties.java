package org.wsss.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Assertions;

/**
 * Properties of {@link Recist#fromMask} on random unions of discs, rectangles and ellipses under
 * random anisotropic spacing. Lengths are exact up to floating-point rounding, so invariances are
 * checked to {@link #LENGTH_TOL_MM}.
 */
class RecistProperties {

    /** Floating-point tolerance on lengths that should be equal, in mm. */
    static final double LENGTH_TOL_MM = 1e-9;
    /** Largest accepted deviation of the axes from perpendicular (mm space), in degrees. */
    static final double PERPENDICULAR_TOL_DEG = 1e-6;

    @Property(tries = 200)
    void lengthsInvariantUnderTranslation(@ForAll long seed, @ForAll @IntRange(min = 0, max = 20) int dx,
                                          @ForAll @IntRange(min = 0, max = 20) int dy) {
        TestMasks.Sample s = TestMasks.randomSample(seed);
        Mask m = s.mask();
        Mask moved = TestMasks.place(m, m.width() + 20, m.height() + 20, dx, dy);
        Recist a = Recist.fromMask(m, s.spacing(), 0);
        Recist b = Recist.fromMask(moved, s.spacing(), 0);
        Assertions.assertEquals(a.longLengthMm(s.spacing()), b.longLengthMm(s.spacing()), LENGTH_TOL_MM, s::toString);
        Assertions.assertEquals(a.shortLengthMm(s.spacing()), b.shortLengthMm(s.spacing()), LENGTH_TOL_MM, s::toString);
    }

    @Property(tries = 200)
    void lengthsInvariantUnderRotationWithSwappedSpacing(@ForAll long seed) {
        TestMasks.Sample s = TestMasks.randomSample(seed);
        VoxelSpacing sp = s.spacing();
        VoxelSpacing swapped = new VoxelSpacing(sp.y(), sp.x(), sp.z());
        Recist a = Recist.fromMask(s.mask(), sp, 0);
        Mask r1 = TestMasks.rotate90(s.mask());
        Recist b = Recist.fromMask(r1, swapped, 0);
        Assertions.assertEquals(a.longLengthMm(sp), b.longLengthMm(swapped), LENGTH_TOL_MM, s::toString);
        Assertions.assertEquals(a.shortLengthMm(sp), b.shortLengthMm(swapped), LENGTH_TOL_MM, s::toString);
        // Two quarter turns restore the spacing: 180° must agree as well.
        Recist c = Recist.fromMask(TestMasks.rotate90(r1), sp, 0);
        Assertions.assertEquals(a.longLengthMm(sp), c.longLengthMm(sp), LENGTH_TOL_MM, s::toString);
        Assertions.assertEquals(a.shortLengthMm(sp), c.shortLengthMm(sp), LENGTH_TOL_MM, s::toString);
    }

    @Property(tries = 200)
    void lengthsInvariantUnderRotationWithIsotropicSpacing(@ForAll long seed) {
        TestMasks.Sample s = TestMasks.randomSample(seed);
        VoxelSpacing iso = VoxelSpacing.isotropic(s.spacing().x());
        Recist a = Recist.fromMask(s.mask(), iso, 0);
        Mask r = s.mask();
        for (int k = 1; k <= 3; k++) {
            r = TestMasks.rotate90(r);
            Recist b = Recist.fromMask(r, iso, 0);
            Assertions.assertEquals(a.longLengthMm(iso), b.longLengthMm(iso), LENGTH_TOL_MM, s::toString);
            Assertions.assertEquals(a.shortLengthMm(iso), b.shortLengthMm(iso), LENGTH_TOL_MM, s::toString);
        }
    }

    @Property(tries = 300)
    void shortNotLongerThanLongAndAxesPerpendicular(@ForAll long seed) {
        TestMasks.Sample s = TestMasks.randomSample(seed);
        Recist r = Recist.fromMask(s.mask(), s.spacing(), 0);
        Assertions.assertTrue(r.shortLengthMm(s.spacing()) <= r.longLengthMm(s.spacing()), s::toString);
        double angle = r.longAxis().angleDegreesTo(r.shortAxis(), s.spacing());
        Assertions.assertTrue(90.0 - angle <= PERPENDICULAR_TOL_DEG, () -> s + " deviation " + (90.0 - angle));
        // The result passes the mark's own validation against its image.
        r.validate(s.mask().width(), s.mask().height(), s.spacing());
    }

    @Property(tries = 300)
    void endpointsLieInTheMask(@ForAll long seed) {
        TestMasks.Sample s = TestMasks.randomSample(seed);
        Recist r = Recist.fromMask(s.mask(), s.spacing(), 0);
        // Long-axis ends are set pixel centres.
        for (Point2 p : new Point2[] {r.longAxis().start(), r.longAxis().end()}) {
            Assertions.assertEquals(Math.rint(p.x()), p.x(), 0.0);
            Assertions.assertEquals(Math.rint(p.y()), p.y(), 0.0);
            Assertions.assertTrue(s.mask().get(p.pixelX(), p.pixelY()), () -> s + " long end " + p);
        }
        // Short-axis ends: the nearest pixel is set; a point on a pixel edge (within 1e-9 px)
        // belongs to the pixels on both sides.
        for (Point2 p : new Point2[] {r.shortAxis().start(), r.shortAxis().end()}) {
            Assertions.assertTrue(TestMasks.inMask(s.mask(), p, 1e-9), () -> s + " short end " + p);
        }
    }

    @Property(tries = 150)
    void longAxisIsTheBruteForceDiameter(@ForAll long seed) {
        TestMasks.Sample s = TestMasks.randomSample(seed);
        Recist r = Recist.fromMask(s.mask(), s.spacing(), 0);
        double expected = TestMasks.bruteForceLongMm(s.mask(), s.spacing().x(), s.spacing().y());
        Assertions.assertEquals(expected, r.longLengthMm(s.spacing()), LENGTH_TOL_MM, s::toString);
    }
}
