package org.wsss.phantom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.wsss.api.Mask3D;

class PhantomProperties {

    /** A case the property once drew whose lesion no voxel was half inside. */
    @net.jqwik.api.Example
    void aLesionThinnerThanItsVoxelsStillHasAMaskAndAMark() {
        everyCaseHoldsItsLesionWithAValidMark(-3, 5);
    }

    @Property(tries = 40)
    void everyCaseHoldsItsLesionWithAValidMark(@ForAll long seed, @ForAll @IntRange(min = 0, max = 199) int index) {
        PhantomConfig cfg = PhantomStatisticsTest.SMALL.withSeed(seed);
        PhantomCase c = Phantom.generate(cfg, index);
        Mask3D gt = c.groundTruth().orElseThrow();
        assertFalse(gt.slice(c.keyZ()).isEmpty());
        assertTrue(gt.slice(0).isEmpty() && gt.slice(gt.depth() - 1).isEmpty());
        c.recist().validate(c.width(), c.height(), c.spacing());
        c.trueRecist().validate(c.width(), c.height(), c.spacing());
        double sx = c.spacing().x();
        assertTrue(sx >= cfg.minSpacingMm() && sx <= cfg.maxSpacingMm());
        assertTrue(cfg.sliceIntervalsMm().contains(c.spacing().z()));
        assertTrue(c.width() >= cfg.minFovPx() && c.width() == c.height());
        // The field of view holds twice the RECIST box.
        assertTrue(2 * c.trueRecist().longLengthPx() <= c.width());
    }
}
