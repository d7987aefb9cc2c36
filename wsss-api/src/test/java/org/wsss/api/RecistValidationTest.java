package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of RECIST marks: construction, {@link Recist#validate} and {@link Recist#fromAxes}. */
class RecistValidationTest {

    private static final VoxelSpacing ISO = VoxelSpacing.isotropic(1.0);

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void coincidingLongAxisEndpointsAreRejectedWithTheLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Recist(Axis.of(5, 5, 5.2, 5), Axis.of(4, 3, 4, 8), 0));
        assertMessage(e, "long-axis", "coincide", "0.200 px");
    }

    @Test
    void coincidingShortAxisEndpointsAreRejectedWithTheLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Recist(Axis.of(0, 5, 10, 5), Axis.of(4, 4, 4, 4), 0));
        assertMessage(e, "short-axis", "coincide", "0.000 px");
    }

    @Test
    void negativeSliceIndexIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Recist(Axis.of(0, 5, 10, 5), Axis.of(5, 2, 5, 8), -1));
        assertMessage(e, "slice index", "-1");
    }

    @Test
    void axesFarFromPerpendicularAreRejectedWithAngleAndDeviation() {
        // Long axis along x, short axis at 45 degrees.
        Recist r = new Recist(Axis.of(0, 10, 20, 10), Axis.of(8, 8, 12, 12), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.validate(30, 30, ISO));
        assertMessage(e, "45.0 degrees", "45.0 degrees from perpendicular", "tolerance 15.0");
    }

    @Test
    void perpendicularityIsJudgedInMillimetres() {
        // In pixels the axes meet at 90 degrees; at 0.5 x 2 mm the short axis (1, 1) px becomes
        // (0.5, 2) mm and the long axis (4, -4) px becomes (2, -8) mm: 0.5*2 - 2*8 = -15,
        // |cos| = 15 / (sqrt(4.25) * sqrt(68)) -> 28.07 degrees.
        Recist r = new Recist(Axis.of(10, 14, 14, 10), Axis.of(11, 11, 12, 12), 0);
        r.validate(30, 30, ISO);
        VoxelSpacing sp = new VoxelSpacing(0.5, 2.0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.validate(30, 30, sp));
        double angle = Math.toDegrees(Math.acos(15 / (Math.sqrt(4.25) * Math.sqrt(68))));
        assertMessage(e, String.format("%.1f degrees,", angle), String.format("%.1f degrees from", 90 - angle));
    }

    @Test
    void slightlySkewedAxesWithinToleranceAreAccepted() {
        // 10 degrees off perpendicular, under the 15 degree tolerance.
        double a = Math.toRadians(80);
        Recist r = new Recist(Axis.of(0, 10, 20, 10), Axis.of(10 - 3 * Math.cos(a), 10 - 3 * Math.sin(a),
                10 + 3 * Math.cos(a), 10 + 3 * Math.sin(a)), 0);
        assertSame(r, r.validate(30, 30, ISO));
    }

    @Test
    void endpointOutsideTheSliceIsNamedWithTheDistance() {
        // Short-axis end at y = 21.75 on a 20-row slice whose last centre row ends at 19.5.
        Recist r = new Recist(Axis.of(2, 10, 18, 10), Axis.of(10, 4, 10, 21.75), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.validate(20, 20, ISO));
        assertMessage(e, "short-axis end", "(10.0, 21.75)", "20x20", "2.25 px");
        Recist left = new Recist(Axis.of(-1.5, 10, 18, 10), Axis.of(10, 4, 10, 16), 0);
        e = assertThrows(IllegalArgumentException.class, () -> left.validate(20, 20, ISO));
        assertMessage(e, "long-axis start", "1.00 px");
    }

    @Test
    void endpointOnTheOuterPixelEdgeIsInside() {
        Recist r = new Recist(Axis.of(-0.5, 10, 19.5, 10), Axis.of(10, 0, 10, 19), 0);
        assertSame(r, r.validate(20, 20, ISO));
    }

    @Test
    void shortLongerThanLongIsRejectedWithBothLengths() {
        Recist r = new Recist(Axis.of(5, 10, 15, 10), Axis.of(10, 2, 10, 18), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.validate(20, 20, ISO));
        assertMessage(e, "short axis (16.00 mm)", "long axis (10.00 mm)", "by 6.00 mm");
        // At 1 x 0.5 mm the same pixels measure 8 mm short, 10 mm long: valid.
        r.validate(20, 20, new VoxelSpacing(1, 0.5, 1));
    }

    @Test
    void fromAxesPicksTheLongerInMillimetresInEitherOrder() {
        Axis a = Axis.of(0, 0, 10, 0), b = Axis.of(5, -3, 5, 3);
        for (List<Axis> order : List.of(List.of(a, b), List.of(b, a))) {
            Recist r = Recist.fromAxes(order.get(0), order.get(1), 4, ISO);
            assertEquals(a, r.longAxis());
            assertEquals(b, r.shortAxis());
            assertEquals(4, r.sliceIndex());
        }
    }

    @Test
    void fromAxesFollowsMillimetresWhenPixelsDisagree() {
        // Pixel lengths 10 (x) and 6 (y); at 0.5 x 1.2 mm they measure 5 mm and 7.2 mm.
        Axis a = Axis.of(0, 5, 10, 5), b = Axis.of(5, 2, 5, 8);
        VoxelSpacing sp = new VoxelSpacing(0.5, 1.2, 1);
        for (List<Axis> order : List.of(List.of(a, b), List.of(b, a))) {
            Recist r = Recist.fromAxes(order.get(0), order.get(1), 0, sp);
            assertEquals(b, r.longAxis());
            assertEquals(a, r.shortAxis());
            assertTrue(r.longLengthPx() < r.shortLengthPx());
            assertEquals(7.2, r.longLengthMm(sp), 1e-12);
            assertEquals(5.0, r.shortLengthMm(sp), 1e-12);
            r.validate(20, 20, sp);
        }
    }

    @Test
    void boundingBoxAndCentre() {
        Recist r = new Recist(Axis.of(2, 10, 18, 10), Axis.of(10, 6.4, 10, 13.6), 0);
        assertEquals(new Roi(2, 6, 17, 9), r.boundingBox());
        assertEquals(new Point2(10, 10), r.center());
        assertEquals(new Roi(3, 8, 17, 9), r.translate(1, 2).boundingBox());
    }

    @Test
    void parallelAxesAreRefusedEvenAtSpacingsWhoseLengthsOverflow() {
        // 1e200 mm: each axis length is finite but their product overflows to Infinity, and the
        // angle was once NaN, which every comparison let through.
        VoxelSpacing huge = new VoxelSpacing(1e200, 1e200, 5);
        Recist parallel = new Recist(Axis.of(100, 100, 120, 100), Axis.of(100, 101, 120, 101), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parallel.validate(512, 512, huge));
        assertTrue(e.getMessage().contains("from perpendicular"), e.getMessage());
        Recist perpendicular = new Recist(Axis.of(100, 100, 120, 100), Axis.of(110, 95, 110, 105), 0);
        assertEquals(90.0, perpendicular.longAxis().angleDegreesTo(perpendicular.shortAxis(), huge), 1e-9);
        assertSame(perpendicular, perpendicular.validate(512, 512, huge));
    }
}
