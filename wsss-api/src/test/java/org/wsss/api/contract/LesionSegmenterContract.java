package org.wsss.api.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask3D;

/**
 * What every {@link LesionSegmenter} must do on the fixture's ellipsoid: a mask on the case's
 * grid, not empty on the RECIST slice, overlapping the lesion, the same on a second call, with
 * provenance.
 */
public abstract class LesionSegmenterContract {

    /** The segmenter under test. */
    protected abstract LesionSegmenter segmenter();

    /** Lowest 3D Dice against the ellipsoid (0 for a segmenter whose quality is not judged here). */
    protected double minimumDice() {
        return 0;
    }

    @Test
    void aMaskOnTheCaseGridThroughTheRecistSlice() {
        LesionCase c = Fixtures.lesionCase();
        Mask3D m = segmenter().segment(c);
        assertEquals(c.width(), m.width());
        assertEquals(c.height(), m.height());
        assertEquals(c.sliceIndices().length, m.depth());
        assertFalse(m.slice(c.zOf(c.recist().sliceIndex())).isEmpty(), "RECIST slice empty");
        Mask3D truth = c.groundTruth().orElseThrow();
        assertTrue(m.intersectionCount(truth) > 0, "the mask misses the lesion");
        double dice = 2.0 * m.intersectionCount(truth) / (m.count() + truth.count());
        assertTrue(dice >= minimumDice(), "3D Dice " + dice + " < " + minimumDice());
        assertFalse(m.provenance().method().isBlank());
    }

    @Test
    void isDeterministic() {
        LesionCase c = Fixtures.lesionCase();
        assertArrayEquals(segmenter().segment(c).toArray(), segmenter().segment(c).toArray());
    }
}
