package org.wsss.hnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.wsss.api.Axis;
import org.wsss.api.Mask;
import org.wsss.api.Point2;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

/** The input pipeline against direct pixel reads. */
class RoiSamplerTest {

    private static final VoxelSpacing SP = new VoxelSpacing(1, 1, 1);

    @Test
    void recistRoiIsTwiceTheLongerExtentAroundTheMark() {
        Recist r = new Recist(new Axis(new Point2(10, 20), new Point2(30, 20)), new Axis(new Point2(20, 15), new Point2(20, 25)), 0);
        Roi roi = RoiSampler.recistRoi(r);
        assertEquals(42, roi.width());      // bounding box 21 x 11 -> 2 * 21
        assertEquals(42, roi.height());
        assertEquals(20.0, roi.x() + (roi.width() - 1) / 2.0, 0.5);
        assertEquals(20.0, roi.y() + (roi.height() - 1) / 2.0, 0.5);
    }

    @Test
    void sameSizeRoiReadsWindowedPixelsAndMapsBackExactly() {
        SplittableRandom rnd = new SplittableRandom(4);
        float[] hu = new float[40 * 30];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (float) rnd.nextDouble(-300, 400);
        }
        Slice s = Slice.of(40, 30, hu, SP);
        Roi roi = new Roi(5, 3, 16, 16);
        RoiSampler rs = new RoiSampler(16);
        float[] in = rs.input(s, roi, Window.DEFAULT, RoiSampler.Transform.IDENTITY);
        for (int v = 0; v < 16; v++) {
            for (int u = 0; u < 16; u++) {
                assertEquals(Window.DEFAULT.apply(s.get(5 + u, 3 + v)), in[v * 16 + u], 1e-6f);
            }
        }
        ProbabilityMap p = rs.toSlice(in, roi, 40, 30, Provenance.NONE);
        assertEquals(roi, p.roi());
        for (int v = 0; v < 16; v++) {
            for (int u = 0; u < 16; u++) {
                assertEquals(in[v * 16 + u], p.get(5 + u, 3 + v), 1e-6f);
            }
        }
    }

    @Test
    void roiReachingOutsideIsClippedAndLabelsOutsideCarryNoLoss() {
        Slice s = Slice.of(20, 20, new float[400], SP);
        Roi roi = new Roi(-10, -10, 20, 20);
        RoiSampler rs = new RoiSampler(10);
        ProbabilityMap p = rs.toSlice(new float[100], roi, 20, 20, Provenance.NONE);
        assertEquals(new Roi(0, 0, 10, 10), p.roi());
        Mask all = Mask.fromPredicate(20, 20, (x, y) -> true);
        var w = rs.supervisedTarget(all, roi, RoiSampler.Transform.IDENTITY);
        float[] f = w.f();
        assertEquals(0f, f[0], 0f);                 // top-left network pixel looks outside the slice
        assertTrue(f[99] > 0f);                     // bottom-right looks inside
        assertEquals(10, rs.input(s, roi, Window.DEFAULT, RoiSampler.Transform.IDENTITY).length / 10);
    }

    @Test
    void flipMirrorsTheInput() {
        float[] hu = new float[16 * 16];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (i % 16) * 20f - 150f;
        }
        Slice s = Slice.of(16, 16, hu, SP);
        RoiSampler rs = new RoiSampler(16);
        float[] a = rs.input(s, Roi.full(16, 16), Window.DEFAULT, RoiSampler.Transform.IDENTITY);
        float[] b = rs.input(s, Roi.full(16, 16), Window.DEFAULT, new RoiSampler.Transform(true, false, 0, 1, 1, 0));
        for (int v = 0; v < 16; v++) {
            for (int u = 0; u < 16; u++) {
                assertEquals(a[v * 16 + u], b[v * 16 + 15 - u], 1e-6f);
            }
        }
    }
}
