package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The images a 2.5D model reads around a slice: {@link LesionCase#sliceAt}, {@link LesionCase#context}. */
class SliceContextTest {

    /** Slice z holds the value z everywhere; spacing 2.5 mm. */
    private static final VolumeLesionCase CASE = LesionCase.of("c", VolumeLesionCaseTest.volume(40, 40, 5),
            VolumeLesionCaseTest.mark(2), Window.DEFAULT);

    @Test
    void offsetsInMmInterpolateBetweenStoredSlicesAndClampAtTheEnds() {
        assertEquals(2.5f, CASE.sliceAt(2, 1.25).get(3, 3), 1e-6f);
        assertEquals(1f, CASE.sliceAt(2, -2.5).get(3, 3));
        assertEquals(2.8f, CASE.sliceAt(2, 2).get(7, 9), 1e-6f);
        assertEquals(0f, CASE.sliceAt(0, -5).get(0, 0));
        assertEquals(4f, CASE.sliceAt(3, 10).get(0, 0));
        assertSame(CASE.slice(2), CASE.sliceAt(2, 0));
        assertEquals(List.of(1.6f, 2.4f), CASE.context(2, List.of(-1.0, 1.0)).stream().map(s -> s.get(1, 1)).toList());
        assertEquals(List.of(), CASE.context(2, List.of()));
    }

    @Test
    void aGapInTheStoredSlicesIsBridgedByTheSlicesAroundIt() {
        LesionCase gap = new ForwardingLesionCase(CASE) {
            @Override
            public int[] sliceIndices() {
                return new int[]{0, 1, 3, 4};
            }

            @Override
            public int zOf(int sliceIndex) {
                return java.util.Arrays.binarySearch(sliceIndices(), sliceIndex) >= 0 ? 0 : -1;
            }
        };
        assertEquals(2f, gap.sliceAt(1, 2.5).get(0, 0), 1e-6f);
        assertEquals(3.5f, gap.sliceAt(4, -1.25).get(0, 0), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> gap.sliceAt(2, 1));
    }

    @Test
    void badOffsetsAndSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CASE.sliceAt(2, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CASE.sliceAt(9, 1));
        Slice small = Slice.of(2, 2, new float[4], VolumeLesionCaseTest.SP);
        assertThrows(IllegalArgumentException.class, () -> Slice.interpolate(CASE.slice(0), small, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Slice.interpolate(CASE.slice(0), CASE.slice(1), 1.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SliceSegmenter.Request(
                CASE.slice(0), new Roi(0, 0, 10, 10), Window.DEFAULT, List.of(small)));
        assertTrue(e.getMessage().contains("context"), e.getMessage());
    }

    @Test
    void aCachingViewReadsEachSliceOnce() {
        AtomicInteger reads = new AtomicInteger();
        LesionCase counting = new ForwardingLesionCase(CASE) {
            @Override
            public Slice slice(int sliceIndex) {
                reads.incrementAndGet();
                return super.slice(sliceIndex);
            }
        };
        LesionCase cached = counting.cachingSlices();
        for (int z = 1; z <= 3; z++) {
            cached.context(z, List.of(-1.0, 1.0));
            cached.slice(z);
        }
        assertEquals(5, reads.get());
        assertEquals(CASE.id(), cached.id());
    }
}
