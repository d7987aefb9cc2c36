package org.wsss.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;

class PairedComparisonTest {

    // The 4 × 4 masks and the stacking of DiceBySliceOffsetTest.
    private static final Mask E = DiceBySliceOffsetTest.E;
    private static final Mask BLOCK = DiceBySliceOffsetTest.BLOCK;
    private static final Mask HALF = DiceBySliceOffsetTest.HALF;

    private static Mask3D stack(Mask... slices) {
        return DiceBySliceOffsetTest.stack(slices);
    }

    @Test
    void handComputedMeansAndDifferences() {
        // Truth on slices 0..2, RECIST slice 1. A: exact. B: half on slice 0, nothing on slice 2.
        Mask3D truth = stack(BLOCK, BLOCK, BLOCK);
        PairedComparison c = new PairedComparison(1).add(truth, stack(HALF, BLOCK, E), truth, 1);
        SortedMap<Integer, PairedComparison.Difference> m = c.byOffset(7, 200);
        assertEquals(List.of(-1, 0, 1), List.copyOf(m.keySet()));
        assertEquals(1.0, m.get(-1).meanA(), 1e-12);
        assertEquals(2.0 / 3.0, m.get(-1).meanB(), 1e-12);
        assertEquals(1.0 / 3.0, m.get(-1).difference(), 1e-12);
        assertEquals(0.0, m.get(0).difference(), 1e-12);
        assertEquals(1.0, m.get(1).difference(), 1e-12);
        // One pair: every resample is that pair, so the interval is the point.
        assertEquals(1.0, m.get(1).lower(), 1e-12);
        assertEquals(1.0, m.get(1).upper(), 1e-12);
        // 3D: B has 2 + 4 of the truth's 12 voxels and no false positive: Dice 2·6 / (6 + 12).
        PairedComparison.Difference d = c.dice3d(7, 200);
        assertEquals(1, d.n());
        assertEquals(1.0 - 12.0 / 18.0, d.difference(), 1e-12);
    }

    @Test
    void aConsistentlyBetterMethodIsAboveBeyondChance() {
        PairedComparison c = new PairedComparison(0);
        Mask3D truth = stack(BLOCK);
        for (int i = 0; i < 20; i++) {
            c.add(truth, stack(i % 2 == 0 ? HALF : E), truth, 0);
        }
        PairedComparison.Difference d = c.byOffset(1, 1000).get(0);
        assertTrue(d.aAbove(), d.toString());
        assertFalse(d.bAbove());
        assertTrue(d.lower() <= d.difference() && d.difference() <= d.upper(), d.toString());
    }

    @Test
    void mixedDifferencesStraddleZeroAndTheSeedFixesTheInterval() {
        Mask3D truth = stack(BLOCK);
        PairedComparison c = new PairedComparison(0);
        for (int i = 0; i < 10; i++) {
            // A better on even lesions, B on odd ones, by the same amount.
            Mask3D half = stack(HALF);
            c.add(i % 2 == 0 ? truth : half, i % 2 == 0 ? half : truth, truth, 0);
        }
        PairedComparison.Difference d = c.dice3d(3, 2000);
        assertEquals(0.0, d.difference(), 1e-12);
        assertTrue(d.lower() < 0 && d.upper() > 0, d.toString());
        assertFalse(d.aAbove() || d.bAbove());
        assertEquals(d, c.dice3d(3, 2000));
    }

    @Test
    void badInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PairedComparison(-1));
        PairedComparison c = new PairedComparison(1);
        assertThrows(IllegalStateException.class, () -> c.dice3d(1, 1000));
        Mask3D t = stack(BLOCK, BLOCK);
        assertThrows(IllegalArgumentException.class, () -> c.add(t, t, t, 2));
        assertThrows(IllegalArgumentException.class, () -> c.add(stack(BLOCK), t, t, 0));
        c.add(t, t, t, 0);
        assertThrows(IllegalArgumentException.class, () -> c.dice3d(1, 10));
    }
}
