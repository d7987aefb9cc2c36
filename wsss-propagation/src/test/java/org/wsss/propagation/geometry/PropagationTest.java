package org.wsss.propagation.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wsss.api.Axis;
import org.wsss.api.Recist;
import org.wsss.api.RecistPropagator;
import org.wsss.api.VoxelSpacing;

/** Worked examples and bad input for {@link Propagation} and {@link PropagationConfig}. */
class PropagationTest {

    private static final VoxelSpacing ONE_ONE_TWO = new VoxelSpacing(1, 1, 2);

    /** A centred cross: long 20 px along x, short 10 px along y, on slice 10. */
    private static Recist cross() {
        return new Recist(Axis.of(40, 50, 60, 50), Axis.of(50, 45, 50, 55), 10);
    }

    @Test
    void sphereShrinksByPythagoras() {
        // Z = 10 mm (half long), d = 3 slices x 2 mm = 6 mm, f = sqrt(1 - 0.36) = 0.8.
        Recist hat = Propagation.pythagorean().propagate(cross(), 13, ONE_ONE_TWO).orElseThrow();
        assertAxis(Axis.of(42, 50, 58, 50), hat.longAxis());
        assertAxis(Axis.of(50, 46, 50, 54), hat.shortAxis());
        assertEquals(13, hat.sliceIndex());
        assertEquals(16.0, hat.longLengthMm(ONE_ONE_TWO), 1e-12);
    }

    @Test
    void endsAtTheConfiguredExtent() {
        RecistPropagator sphere = Propagation.pythagorean();
        assertTrue(sphere.propagate(cross(), 14, ONE_ONE_TWO).isPresent()); // d = 8 < 10
        assertEquals(Optional.empty(), sphere.propagate(cross(), 15, ONE_ONE_TWO)); // d = 10 = Z
        assertEquals(Optional.empty(), sphere.propagate(cross(), 5, ONE_ONE_TWO));
        // Z = half short = 5 mm: slice 12 (d = 4) present, slice 13 (d = 6) past the extent.
        RecistPropagator flat = Propagation.pythagorean(new PropagationConfig(PropagationConfig.ZRadius.HALF_SHORT, 1));
        assertTrue(flat.propagate(cross(), 12, ONE_ONE_TWO).isPresent());
        assertFalse(flat.propagate(cross(), 13, ONE_ONE_TWO).isPresent());
        // Z = 2 x mean of half-axes = 15 mm: slice 17 (d = 14) present.
        RecistPropagator tall = Propagation.pythagorean(
                new PropagationConfig(PropagationConfig.ZRadius.MEAN_HALF_AXES, 2));
        assertEquals(Math.sqrt(1 - 14.0 * 14.0 / 225) * 20,
                tall.propagate(cross(), 17, ONE_ONE_TWO).orElseThrow().longLengthMm(ONE_ONE_TWO), 1e-9);
    }

    @Test
    void emptyWhenAnAxisFallsBelowTheMinimumLength() {
        // Long 20 px, short 1 px: at f = 0.45 the short axis is 0.45 px < 0.5 px though the lesion goes on.
        Recist thin = new Recist(Axis.of(0, 0, 20, 0), Axis.of(10, -0.5, 10, 0.5), 0);
        VoxelSpacing s = new VoxelSpacing(1, 1, 1);
        double d = Math.sqrt(1 - 0.45 * 0.45) * 10;
        // Slice offset k with d just above: f < 0.5 needs d > sqrt(0.75) * 10 = 8.66.
        assertTrue(Propagation.pythagorean().propagate(thin, 8, s).isPresent());
        assertFalse(Propagation.pythagorean().propagate(thin, 9, s).isPresent());
        assertTrue(d < 10);
    }

    @Test
    void axesThatDoNotCrossShrinkAboutTheClampedIntersection() {
        VoxelSpacing s = new VoxelSpacing(1, 1, Math.sqrt(0.75) * 5); // one slice: d / Z = sqrt(0.75), f = 0.5
        // The short axis meets the long axis line at (12, 0), beyond its end (10, 0): the long
        // axis shrinks about (10, 0), the short one about (12, 0).
        Recist t = new Recist(Axis.of(0, 0, 10, 0), Axis.of(12, -2, 12, 2), 0);
        Recist hat = Propagation.pythagorean().propagate(t, 1, s).orElseThrow();
        assertAxis(Axis.of(5, 0, 10, 0), hat.longAxis());
        assertAxis(Axis.of(12, -1, 12, 1), hat.shortAxis());
        // A short axis standing on the long one: it shrinks about its foot (5, 0).
        Recist foot = new Recist(Axis.of(0, 0, 10, 0), Axis.of(5, 0, 5, 4), 0);
        Recist footHat = Propagation.pythagorean().propagate(foot, 1, s).orElseThrow();
        assertAxis(Axis.of(2.5, 0, 7.5, 0), footHat.longAxis());
        assertAxis(Axis.of(5, 0, 5, 2), footHat.shortAxis());
    }

    @Test
    void rejectsBadInput() {
        RecistPropagator p = Propagation.pythagorean();
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> p.propagate(cross(), -1, ONE_ONE_TWO));
        assertTrue(neg.getMessage().contains("-1"), neg.getMessage());
        Recist skew = new Recist(Axis.of(0, 0, 20, 0), Axis.of(0, 0, 10, 5), 3);
        IllegalArgumentException sk = assertThrows(IllegalArgumentException.class,
                () -> p.propagate(skew, 4, ONE_ONE_TWO));
        assertTrue(sk.getMessage().contains("perpendicular"), sk.getMessage());
        assertThrows(NullPointerException.class, () -> p.propagate(null, 4, ONE_ONE_TWO));
    }

    @Test
    void configValidation() {
        assertEquals(new PropagationConfig(PropagationConfig.ZRadius.HALF_LONG, 1.0), PropagationConfig.defaults());
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 10.5}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PropagationConfig(PropagationConfig.ZRadius.HALF_LONG, bad));
            assertTrue(e.getMessage().contains("zRadiusScale") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        NullPointerException npe = assertThrows(NullPointerException.class, () -> new PropagationConfig(null, 1));
        assertTrue(npe.getMessage().contains("zRadius"));
    }

    private static void assertAxis(Axis expected, Axis actual) {
        assertEquals(expected.start().x(), actual.start().x(), 1e-12, "start x");
        assertEquals(expected.start().y(), actual.start().y(), 1e-12, "start y");
        assertEquals(expected.end().x(), actual.end().x(), 1e-12, "end x");
        assertEquals(expected.end().y(), actual.end().y(), 1e-12, "end y");
    }
}
