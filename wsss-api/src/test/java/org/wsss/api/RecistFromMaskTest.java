package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Exact answers of {@link Recist#fromMask} on discs, rectangles and ellipses, and its errors.
 * The implementation is exact up to rounding, so expected values computed by hand geometry are
 * checked to {@link #TOL_MM}; the comparisons with the continuous shapes (2r, 2a, 2b) use the
 * pixel tolerances the brief states.
 */
class RecistFromMaskTest {

    private static final double TOL_MM = 1e-9;
    private static final VoxelSpacing ISO = VoxelSpacing.isotropic(1.0);

    @ParameterizedTest
    @CsvSource({"1.5", "2", "3", "4.5", "5", "7.3", "10", "15.5", "20", "25.7"})
    void digitalDiscHasEqualAxesOfTheBruteForceDiameter(double r) {
        int n = (int) Math.ceil(2 * r) + 5;
        double c = n / 2;
        Mask m = TestMasks.disc(n, n, c, c, r);
        Recist rc = Recist.fromMask(m, ISO, 3);
        double bf = TestMasks.bruteForceLongMm(m, 1, 1);
        assertEquals(bf, rc.longLengthPx(), TOL_MM);
        // The perpendicular chord through the centre, pulled in to centres, is at least the
        // diameter of centres and is trimmed to it.
        assertEquals(bf, rc.shortLengthPx(), TOL_MM);
        assertEquals(2 * r, rc.longLengthPx(), 0.5);
        assertEquals(3, rc.sliceIndex());
    }

    @Test
    void discUnderAnisotropicSpacingIsAnEllipseInMm() {
        // A pixel disc of radius 10 under 0.7 x 1.4 mm is 14 mm wide and 28 mm high.
        Mask m = TestMasks.disc(25, 25, 12, 12, 10);
        VoxelSpacing sp = new VoxelSpacing(0.7, 1.4, 5);
        Recist rc = Recist.fromMask(m, sp, 0);
        assertEquals(20 * 1.4, rc.longLengthMm(sp), TOL_MM);
        assertEquals(20 * 0.7, rc.shortLengthMm(sp), TOL_MM);
        assertEquals(TestMasks.bruteForceLongMm(m, 0.7, 1.4), rc.longLengthMm(sp), TOL_MM);
    }

    /**
     * A w × h block of pixels: the long axis joins opposite corner centres,
     * sqrt(((w−1)sx)² + ((h−1)sy)²). The perpendicular direction v = (−(h−1)sy, (w−1)sx)/L fits a
     * chord of min(w·sx/|vx|, h·sy/|vy|) in the block's pixel squares (through its centre, which the
     * long axis crosses); each end is pulled in by half a pixel along v, min(sx/2/|vx|, sy/2/|vy|);
     * the short axis is trimmed to the long one if longer.
     */
    @ParameterizedTest
    @CsvSource({
        "2, 2, 1.0, 1.0", "3, 2, 1.0, 1.0", "5, 3, 1.0, 1.0", "10, 4, 1.0, 1.0", "20, 7, 1.0, 1.0", "8, 8, 1.0, 1.0",
        "30, 2, 1.0, 1.0", "2, 2, 0.7, 1.4", "3, 2, 0.7, 1.4", "10, 4, 0.7, 1.4", "20, 7, 0.7, 1.4",
        "8, 8, 0.7, 1.4", "4, 12, 1.4, 0.7", "30, 2, 0.7, 1.4", "9, 5, 0.5, 1.5"})
    void rectangleHasTheGeometricAxes(int w, int h, double sx, double sy) {
        Mask m = TestMasks.rect(w + 6, h + 6, 3, 2, w, h);
        VoxelSpacing sp = new VoxelSpacing(sx, sy, 1);
        Recist rc = Recist.fromMask(m, sp, 0);
        double dx = (w - 1) * sx, dy = (h - 1) * sy;
        double longMm = Math.hypot(dx, dy);
        double vx = Math.abs(dy / longMm), vy = Math.abs(dx / longMm);
        double chord = Math.min(vx == 0 ? Double.MAX_VALUE : w * sx / vx, vy == 0 ? Double.MAX_VALUE : h * sy / vy);
        double half = Math.min(vx == 0 ? Double.MAX_VALUE : sx / 2 / vx, vy == 0 ? Double.MAX_VALUE : sy / 2 / vy);
        double shortMm = Math.min(longMm, chord - 2 * half);
        assertEquals(longMm, rc.longLengthMm(sp), TOL_MM, "long");
        assertEquals(shortMm, rc.shortLengthMm(sp), TOL_MM, "short");
    }

    @Test
    void rectangleByHand() {
        // 3 x 2 block, 1 mm pixels: long = sqrt(5); v = (-1, 2)/sqrt(5); the chord spans the
        // block's 2 px height, 2/(2/sqrt(5)) = sqrt(5) long, less 2 x 0.5 x sqrt(5)/2.
        Recist rc = Recist.fromMask(TestMasks.rect(7, 6, 2, 2, 3, 2), ISO, 0);
        assertEquals(Math.sqrt(5), rc.longLengthPx(), TOL_MM);
        assertEquals(Math.sqrt(5) / 2, rc.shortLengthPx(), TOL_MM);
        // A 12 x 5 block under 1 mm: long is the diagonal sqrt(121 + 16).
        Recist r2 = Recist.fromMask(TestMasks.rect(20, 10, 1, 1, 12, 5), ISO, 0);
        assertEquals(Math.sqrt(137), r2.longLengthPx(), TOL_MM);
    }

    @ParameterizedTest
    @CsvSource({"10, 5", "20, 8", "7, 3", "15, 14", "25.5, 6.3", "12.2, 9.1"})
    void axisAlignedEllipseMeasuresItsAxes(double a, double b) {
        int w = (int) Math.ceil(2 * a) + 5, h = (int) Math.ceil(2 * b) + 5;
        Mask m = TestMasks.ellipse(w, h, w / 2, h / 2, a, b);
        Recist rc = Recist.fromMask(m, ISO, 0);
        assertEquals(2 * a, rc.longLengthPx(), 1.0, "long");
        assertEquals(2 * b, rc.shortLengthPx(), 1.0, "short");
        assertEquals(TestMasks.bruteForceLongMm(m, 1, 1), rc.longLengthPx(), TOL_MM);
    }

    @Test
    void ellipseUnderAnisotropicSpacing() {
        // Semi-axes 20 px (x) and 8 px (y) at 0.7 x 1.4 mm: 28 mm and 22.4 mm in physical space.
        Mask m = TestMasks.ellipse(45, 21, 22, 10, 20, 8);
        VoxelSpacing sp = new VoxelSpacing(0.7, 1.4, 2);
        Recist rc = Recist.fromMask(m, sp, 0);
        assertEquals(40 * 0.7, rc.longLengthMm(sp), 0.7, "long");
        assertEquals(16 * 1.4, rc.shortLengthMm(sp), 1.4, "short");
        // The long axis is horizontal in mm: its end rows agree.
        assertEquals(rc.longAxis().start().y(), rc.longAxis().end().y(), 0.0);
        // The same pixels at 1.4 x 0.7 mm: now the vertical axis is the longer one in mm.
        VoxelSpacing sw = new VoxelSpacing(0.7, 1.4 / 8, 2);
        Recist r2 = Recist.fromMask(m, sw, 0);
        assertEquals(TestMasks.bruteForceLongMm(m, 0.7, 1.4 / 8), r2.longLengthMm(sw), TOL_MM);
    }

    @Test
    void tiedDiametersInDifferentDirectionsGiveTheSameShortAxisInEveryOrientation() {
        // Centre offsets (8, 19) and (16, 13) are both sqrt(425) long; their perpendicular chords
        // differ, and the pull-in differs by direction. Every quarter turn must pick the same.
        VoxelSpacing sp = VoxelSpacing.isotropic(1.2947846950786972);
        Mask m = TestMasks.disc(59, 28, 30.722, 13.187, 10.397);
        Recist first = Recist.fromMask(m, sp, 0);
        assertEquals(Math.sqrt(425) * sp.x(), first.longLengthMm(sp), TOL_MM);
        for (int k = 1; k < 4; k++) {
            m = TestMasks.rotate90(m);
            Recist r = Recist.fromMask(m, sp, 0);
            assertEquals(first.longLengthMm(sp), r.longLengthMm(sp), TOL_MM);
            assertEquals(first.shortLengthMm(sp), r.shortLengthMm(sp), TOL_MM, "quarter turns: " + k);
        }
    }

    @Test
    void emptyMaskIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Recist.fromMask(Mask.empty(10, 10), ISO, 0));
        assertTrue(e.getMessage().contains("at least 2 pixels") && e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void onePixelMaskIsRejected() {
        Mask m = Mask.builder(10, 10).set(4, 4).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recist.fromMask(m, ISO, 0));
        assertTrue(e.getMessage().contains("got 1"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "2", "3"})
    void straightOnePixelLineHasNoShortAxis(int kind) {
        Mask.Builder b = Mask.builder(20, 20);
        for (int i = 2; i < 15; i++) {
            switch (kind) {
                case 0 -> b.set(i, 7);
                case 1 -> b.set(7, i);
                case 2 -> b.set(i, i);
                default -> b.set(i, 17 - i);
            }
        }
        for (VoxelSpacing sp : new VoxelSpacing[] {ISO, new VoxelSpacing(0.7, 1.4, 1), new VoxelSpacing(1.4, 0.7, 1)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Recist.fromMask(b.build(), sp, 0));
            assertTrue(e.getMessage().contains("no perpendicular chord") && e.getMessage().contains("13 pixels"),
                    e.getMessage());
        }
    }
}
