package org.wsss.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.VoxelSpacing;

class SliceErrorsTest {

    private static final VoxelSpacing S = new VoxelSpacing(0.7, 0.7, 5);
    private static final Mask E = Mask.empty(4, 4);
    private static final Mask BLOCK = MetricsTest.mask("1100", "1100", "0000", "0000");
    private static final Mask WIDE = MetricsTest.mask("1110", "1110", "0000", "0000");
    private static final Mask HALF = MetricsTest.mask("1100", "0000", "0000", "0000");

    private static Mask3D stack(Mask... slices) {
        return Mask3D.stack(List.of(slices), S);
    }

    @Test
    void handComputedSplit() {
        // truth on slices 1..3; prediction: slice 0 (4 voxels past the end), slice 1 WIDE over
        // BLOCK (2 over the edge), slice 2 HALF (no FP, 2 under the edge), slice 3 nothing (missed,
        // its 4 voxels), slice 4 HALF (2 past the end).
        Mask3D truth = stack(E, BLOCK, BLOCK, BLOCK, E);
        Mask3D pred = stack(BLOCK, WIDE, HALF, E, HALF);
        SliceErrors e = Metrics.sliceErrors(pred, truth);
        assertEquals(new SliceErrors(6, 2, 2, 1, 4, 2), e);
        assertEquals(Metrics.overlap(pred, truth).fp(), e.falsePositives());
        assertEquals(Metrics.overlap(pred, truth).fn(), e.falseNegatives());
        assertEquals(4.0 / 6, e.missedSliceShare(), 1e-12);
        assertEquals(0.75, e.pastEndShare(), 1e-12);
        assertEquals(0.25, e.overEdgeShare(), 1e-12);
    }

    @Test
    void perfectAndEmptyPredictions() {
        Mask3D truth = stack(E, BLOCK, E);
        assertEquals(SliceErrors.ZERO, SliceErrors.of(truth, truth));
        SliceErrors empty = SliceErrors.of(stack(E, E, E), truth);
        assertEquals(new SliceErrors(0, 0, 0, 1, 4, 0), empty);
        assertEquals(1.0, empty.missedSliceShare());
        assertEquals(0.0, SliceErrors.ZERO.missedSliceShare());
        assertEquals(0.0, empty.pastEndShare());
        assertEquals(0.0, empty.overEdgeShare());
    }

    @Test
    void sumsOverLesions() {
        SliceErrors a = new SliceErrors(6, 2, 2, 1, 4, 2);
        SliceErrors b = new SliceErrors(0, 8, 0, 0, 0, 3);
        SliceErrors sum = SliceErrors.aggregate(List.of(a, b));
        assertEquals(new SliceErrors(6, 10, 2, 1, 4, 5), sum);
        assertEquals(6.0 / 16, sum.pastEndShare(), 1e-12);
        assertEquals(SliceErrors.ZERO, SliceErrors.aggregate(List.of()));
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SliceErrors(-1, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SliceErrors(0, 0, 0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SliceErrors(0, 0, 0, 0, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> SliceErrors.of(stack(E, E), stack(E, E, E)));
    }

    /** Against a voxel loop that decides each slice's kind from the truth's voxels directly. */
    @Property(tries = 200)
    void matchesBruteForce(@ForAll @IntRange(min = 1, max = 30) int w, @ForAll @IntRange(min = 1, max = 7) int h,
                           @ForAll @IntRange(min = 1, max = 8) int d,
                           @ForAll @DoubleRange(min = 0, max = 0.3) double density, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] p = OverlapProperties.random(r, w * h * d, density);
        boolean[] t = OverlapProperties.random(r, w * h * d, density);
        // Blank some whole truth slices so both kinds of slice occur.
        for (int z = 0; z < d; z++) {
            if (r.nextBoolean()) {
                java.util.Arrays.fill(t, z * w * h, (z + 1) * w * h, false);
            }
        }
        long pastEnd = 0, overEdge = 0, extra = 0, missed = 0, fnMissed = 0, fnEdge = 0;
        for (int z = 0; z < d; z++) {
            boolean truthHere = false, predHere = false;
            long fp = 0, fn = 0;
            for (int i = z * w * h; i < (z + 1) * w * h; i++) {
                truthHere |= t[i];
                predHere |= p[i];
                fp += p[i] && !t[i] ? 1 : 0;
                fn += t[i] && !p[i] ? 1 : 0;
            }
            if (predHere) {
                fnEdge += fn;
            } else {
                fnMissed += fn;
            }
            if (truthHere) {
                overEdge += fp;
                missed += predHere ? 0 : 1;
            } else {
                pastEnd += fp;
                extra += predHere ? 1 : 0;
            }
        }
        Mask3D pm = Mask3D.of(w, h, d, S, p);
        Mask3D tm = Mask3D.of(w, h, d, S, t);
        SliceErrors e = SliceErrors.of(pm, tm);
        assertEquals(new SliceErrors(pastEnd, overEdge, extra, missed, fnMissed, fnEdge), e);
        assertEquals(Metrics.overlap(pm, tm).fp(), e.falsePositives());
        assertEquals(Metrics.overlap(pm, tm).fn(), e.falseNegatives());
    }
}
