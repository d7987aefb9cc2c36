package org.wsss.propagation.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wsss.api.Mask;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.hnn.train.RoiSampler;
import org.wsss.propagation.LesionSegmenters;
import org.wsss.propagation.baseline.EllipsoidCase;

/** The RECIST-slice CNN and CNN-GC methods with stand-in models. */
class CnnSliceMethodTest {

    static double dice(Mask a, Mask b) {
        int s = a.count() + b.count();
        return s == 0 ? 1 : 2.0 * a.intersectionCount(b) / s;
    }

    @Test
    void cnnIsTheThresholdedMapOnTheRoiAndGcRefinesIt() {
        EllipsoidCase clean = SlicePropagatedSegmenterTest.clean();
        Slice s = clean.keySlice();
        Mask truth = clean.truthSlice(50);
        Roi roi = RoiSampler.recistRoi(clean.recist()).clip(64, 64);
        Mask cnn = LesionSegmenters.recistSliceCnn(SlicePropagatedSegmenterTest.ORACLE).segment(s, clean.recist(),
                clean.window());
        assertEquals(Mask.fromPredicate(64, 64, (x, y) -> roi.contains(x, y) && truth.get(x, y)), cnn);

        EllipsoidCase noisy = new EllipsoidCase(64, SlicePropagatedSegmenterTest.SP, SlicePropagatedSegmenterTest.INDICES,
                32.3, 31.6, 50, 12, 8, 12, 120f, 20f, 15f, 4);
        Mask gc = LesionSegmenters.recistSliceCnnGc(SlicePropagatedSegmenterTest.ORACLE).segment(noisy.keySlice(),
                noisy.recist(), noisy.window());
        double d = dice(gc, noisy.truthSlice(50));
        assertTrue(d > 0.9, "CNN-GC Dice " + d);
    }

    @Test
    void aBlindModelGivesAnEmptyCnnMaskAndGcFallsBackToTheMarksSeeds() {
        EllipsoidCase c = new EllipsoidCase(64, SlicePropagatedSegmenterTest.SP, SlicePropagatedSegmenterTest.INDICES,
                32.3, 31.6, 50, 12, 8, 12, 120f, 20f, 15f, 4);
        assertTrue(LesionSegmenters.recistSliceCnn(SlicePropagatedSegmenterTest.BLIND)
                .segment(c.keySlice(), c.recist(), c.window()).isEmpty());
        Mask gc = LesionSegmenters.recistSliceCnnGc(SlicePropagatedSegmenterTest.BLIND)
                .segment(c.keySlice(), c.recist(), c.window());
        double d = dice(gc, c.truthSlice(50));
        assertTrue(d > 0.8, "GrabCut-R fallback Dice " + d);
        assertEquals("cnn-gc", LesionSegmenters.recistSliceCnnGc(SlicePropagatedSegmenterTest.BLIND).name());
    }
}
