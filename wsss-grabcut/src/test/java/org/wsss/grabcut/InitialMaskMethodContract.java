package org.wsss.grabcut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.wsss.api.Axis;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.Mask;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.Window;
import org.wsss.grabcut.seeds.SeedGeometry;

/**
 * What every initial-mask method of Table 1 must do. A subclass only says how to make its
 * method. The slice is 96 × 96 with a 36 × 24 px ellipse (plus noise) well inside it.
 */
abstract class InitialMaskMethodContract {

    static final int W = 96, H = 96, CX = 44, CY = 47, A = 18, B = 12;

    /** The method under test. */
    abstract InitialMaskMethod method();

    /** Lowest Dice against the ellipse this method must reach on the easy test slice. */
    double minimumDice() {
        return 0.3;
    }

    final Slice slice = SyntheticSlices.blob(W, H, CX, CY, A, B, 11);
    final Recist recist = SyntheticSlices.recist(CX, CY, A, B);

    @Test
    void isDeterministic() {
        InitialMaskMethod m = method();
        Mask a = m.segment(slice, recist, Window.DEFAULT);
        Mask b = m.segment(slice, recist, Window.DEFAULT);
        assertEquals(a, b);
        assertEquals(a, method().segment(slice, recist, Window.DEFAULT), "a second instance differs");
    }

    @Test
    void findsTheLesionAndStaysInsideTheRoi() {
        Mask m = method().segment(slice, recist, Window.DEFAULT);
        assertEquals(W, m.width());
        assertEquals(H, m.height());
        assertFalse(m.isEmpty(), "empty mask");
        Roi roi = SeedGeometry.contextRoi(recist.boundingBox(), 2.0).clip(W, H);
        Roi bb = m.boundingBox();
        assertTrue(roi.contains(bb), "mask box " + bb + " leaves the ROI " + roi);
        double dice = SyntheticSlices.dice(m, SyntheticSlices.truth(W, H, CX, CY, A, B));
        System.out.printf("%s on the test ellipse: Dice %.3f (%d px)%n", method().name(), dice, m.count());
        assertTrue(dice >= minimumDice(), method().name() + " Dice " + dice + " < " + minimumDice());
        assertFalse(m.provenance().method().isBlank());
    }

    @Test
    void sameMaskWhenTheSliceIsPaddedAndTheLesionTranslated() {
        Mask m = method().segment(slice, recist, Window.DEFAULT);
        int[][] shifts = {{13, 9}, {1, 30}, {27, 0}};
        for (int[] s : shifts) {
            Slice p = SyntheticSlices.padded(slice, s[0], s[1], 7, 5);
            Mask mp = method().segment(p, recist.translate(s[0], s[1]), Window.DEFAULT);
            assertEquals(m.count(), mp.count(), "pixel count after shift " + s[0] + "," + s[1]);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    if (m.get(x, y) != mp.get(x + s[0], y + s[1])) {
                        throw new AssertionError("pixel (" + x + ", " + y + ") differs after shift " + s[0] + "," + s[1]);
                    }
                }
            }
        }
    }

    @Test
    void rejectsARecistOutsideTheSlice() {
        Slice small = SyntheticSlices.blob(50, 50, 25, 25, 10, 8, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> method().segment(small, recist, Window.DEFAULT));
        assertTrue(e.getMessage().contains("outside the 50x50 slice"), e.getMessage());
    }

    @Test
    void rejectsDegenerateRecist() {
        Recist oblique = new Recist(Axis.of(30, 47, 58, 47), Axis.of(40, 40, 48, 52), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> method().segment(slice, oblique, Window.DEFAULT));
        assertTrue(e.getMessage().contains("from perpendicular"), e.getMessage());
        Recist shortLonger = new Recist(Axis.of(40, 47, 48, 47), Axis.of(44, 30, 44, 64), 0);
        e = assertThrows(IllegalArgumentException.class, () -> method().segment(slice, shortLonger, Window.DEFAULT));
        assertTrue(e.getMessage().contains("longer than the long axis"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> method().segment(slice,
                new Recist(Axis.of(44, 47, 44.1, 47), Axis.of(44, 46, 44, 48), 0), Window.DEFAULT));
        assertTrue(e.getMessage().contains("coincide"), e.getMessage());
    }

    @Test
    void isThreadSafe() throws Exception {
        InitialMaskMethod m = method();
        Slice other = SyntheticSlices.blob(W, H, 50, 40, 14, 10, 5);
        Recist otherRecist = SyntheticSlices.recist(50, 40, 14, 10);
        Mask expectA = method().segment(slice, recist, Window.DEFAULT);
        Mask expectB = method().segment(other, otherRecist, Window.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> fa = pool.submit(() -> {
                boolean ok = true;
                for (int i = 0; i < 4; i++) {
                    ok &= m.segment(slice, recist, Window.DEFAULT).equals(expectA);
                }
                return ok;
            });
            Future<Boolean> fb = pool.submit(() -> {
                boolean ok = true;
                for (int i = 0; i < 4; i++) {
                    ok &= m.segment(other, otherRecist, Window.DEFAULT).equals(expectB);
                }
                return ok;
            });
            assertTrue(fa.get(), "thread A saw a different mask");
            assertTrue(fb.get(), "thread B saw a different mask");
        } finally {
            pool.shutdownNow();
        }
    }
}
