package org.wsss.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.VoxelSpacing;

class DiceBySliceOffsetTest {

    static final VoxelSpacing S = new VoxelSpacing(0.7, 0.7, 5);
    static final Mask E = Mask.empty(4, 4);
    static final Mask BLOCK = MetricsTest.mask("1100", "1100", "0000", "0000");
    static final Mask HALF = MetricsTest.mask("1100", "0000", "0000", "0000");

    /** The slices stacked on spacing {@link #S}. */
    static Mask3D stack(Mask... slices) {
        return Mask3D.stack(List.of(slices), S);
    }

    private static DiceBySliceOffset twoLesions(int maxOffset) {
        DiceBySliceOffset acc = Metrics.diceBySliceOffset(maxOffset);
        // Lesion 1, RECIST slice 2: truth on 1..3; prediction half of slice 1 (Dice 2/3), all of
        // slice 2 (1), nothing on slice 3 (0), and a false block on slice 0 where the truth is
        // empty (not scored).
        acc.add(stack(BLOCK, HALF, BLOCK, E, E), stack(E, BLOCK, BLOCK, BLOCK, E), 2);
        // Lesion 2, RECIST slice 1: truth on 0..2, prediction on every slice: Dice 1 on 0..2.
        acc.add(stack(BLOCK, BLOCK, BLOCK, BLOCK, BLOCK), stack(BLOCK, BLOCK, BLOCK, E, E), 1);
        return acc;
    }

    @Test
    void handComputedSignedOffsets() {
        SortedMap<Integer, MeanStd> m = twoLesions(2).byOffset();
        assertEquals(List.of(-1, 0, 1), List.copyOf(m.keySet())); // ±2 hold only empty-truth slices
        assertEquals(5.0 / 6.0, m.get(-1).mean(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 36.0), m.get(-1).std(), 1e-12);
        assertEquals(1.0, m.get(0).mean(), 1e-12);
        assertEquals(0.0, m.get(0).std(), 1e-12);
        assertEquals(2, m.get(0).n());
        assertEquals(0.5, m.get(1).mean(), 1e-12);
        assertEquals(Math.sqrt(0.5), m.get(1).std(), 1e-12);
    }

    @Test
    void handComputedAbsoluteOffsets() {
        SortedMap<Integer, MeanStd> m = twoLesions(2).byAbsoluteOffset();
        assertEquals(List.of(0, 1), List.copyOf(m.keySet()));
        assertEquals(1.0, m.get(0).mean(), 1e-12);
        // offset ±1: 2/3, 0 (lesion 1) and 1, 1 (lesion 2)
        assertEquals((2.0 / 3.0 + 0 + 1 + 1) / 4, m.get(1).mean(), 1e-12);
        assertEquals(4, m.get(1).n());
    }

    @Test
    void slicesBeyondMaxOffsetAreIgnored() {
        DiceBySliceOffset acc = twoLesions(0);
        assertEquals(List.of(0), List.copyOf(acc.byOffset().keySet()));
        assertEquals(2, acc.lesions());
    }

    @Test
    void emptyTruthEverywhereScoresNoSlice() {
        DiceBySliceOffset acc = Metrics.diceBySliceOffset(3).add(stack(BLOCK, BLOCK), stack(E, E), 0);
        assertTrue(acc.byOffset().isEmpty());
        assertTrue(acc.byAbsoluteOffset().isEmpty());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.diceBySliceOffset(-1));
        DiceBySliceOffset acc = Metrics.diceBySliceOffset(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> acc.add(stack(E, E), stack(E, BLOCK), 2));
        assertTrue(e.getMessage().contains("recistZ 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> acc.add(stack(E, E), stack(E, BLOCK), -1));
        assertThrows(IllegalArgumentException.class, () -> acc.add(stack(E, E, E), stack(E, BLOCK), 0));
        assertEquals(0, acc.lesions());
    }
}
