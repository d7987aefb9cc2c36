package org.wsss.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.VoxelSpacing;

class MetricsTest {

    private static final double EPS = 1e-12;
    private static final VoxelSpacing ISO = VoxelSpacing.isotropic(1);

    /** A 2D mask from rows of '1' and '0'. */
    static Mask mask(String... rows) {
        int w = rows[0].length();
        boolean[] v = new boolean[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = rows[y].charAt(x) == '1';
            }
        }
        return Mask.of(w, rows.length, v);
    }

    @Test
    void handComputed2d() {
        Mask pred = mask(
                "1100",
                "1100",
                "0000",
                "0000");
        Mask truth = mask(
                "0111",
                "0111",
                "0000",
                "0000");
        // tp: (1,0),(1,1); fp: (0,0),(0,1); fn: (2,0),(3,0),(2,1),(3,1)
        assertEquals(new Overlap(2, 2, 4), Metrics.overlap(pred, truth));
        assertEquals(4.0 / 10.0, Metrics.dice(pred, truth), EPS);
        assertEquals(0.5, Metrics.precision(pred, truth), EPS);
        assertEquals(1.0 / 3.0, Metrics.recall(pred, truth), EPS);
        // Swapping the roles swaps precision and recall, Dice is symmetric.
        assertEquals(1.0 / 3.0, Metrics.precision(truth, pred), EPS);
        assertEquals(0.5, Metrics.recall(truth, pred), EPS);
        assertEquals(0.4, Metrics.dice(truth, pred), EPS);
    }

    @Test
    void handComputed3dAcrossWordBoundaries() {
        // 10 x 7 x 3 = 210 voxels: slices do not start on 64-bit word boundaries.
        Mask zero = Mask.empty(10, 7);
        Mask a = mask(
                "0000000000",
                "0111100000",
                "0111100000",
                "0000000000",
                "0000000000",
                "0000000000",
                "0000000001");
        Mask b = mask(
                "0000000000",
                "0011110000",
                "0011110000",
                "0011110000",
                "0000000000",
                "0000000000",
                "0000000000");
        Mask3D pred = Mask3D.stack(List.of(a, a, zero), ISO);
        Mask3D truth = Mask3D.stack(List.of(b, zero, b), ISO);
        // slice 0: pred 9, truth 12, tp 6 (cols 2..4 of rows 1,2); slice 1: pred 9 all fp; slice 2: truth 12 all fn
        Overlap o = Metrics.overlap(pred, truth);
        assertEquals(new Overlap(6, 3 + 9, 6 + 12), o);
        assertEquals(12.0 / (12 + 12 + 18), Metrics.dice(pred, truth), EPS);
        assertEquals(6.0 / 18.0, Metrics.precision(pred, truth), EPS);
        assertEquals(6.0 / 24.0, Metrics.recall(pred, truth), EPS);
    }

    @Test
    void bothEmptyIsPerfectAgreement() {
        Mask e = Mask.empty(5, 3);
        assertEquals(Overlap.ZERO, Metrics.overlap(e, e));
        assertEquals(1.0, Metrics.dice(e, e));
        assertEquals(1.0, Metrics.precision(e, e));
        assertEquals(1.0, Metrics.recall(e, e));
        Mask3D e3 = Mask3D.empty(5, 3, 2, ISO);
        assertEquals(1.0, Metrics.dice(e3, e3));
        assertEquals(1.0, Metrics.precision(e3, e3));
        assertEquals(1.0, Metrics.recall(e3, e3));
        assertEquals(1.0, Overlap.ZERO.f1());
    }

    @Test
    void emptyPredictionHasVacuousPrecision() {
        Mask e = Mask.empty(4, 2);
        Mask t = mask("0110", "0000");
        assertEquals(new Overlap(0, 0, 2), Metrics.overlap(e, t));
        assertEquals(0.0, Metrics.dice(e, t));
        assertEquals(0.0, Metrics.recall(e, t));
        assertEquals(1.0, Metrics.precision(e, t));
        Mask3D e3 = Mask3D.empty(4, 2, 2, ISO);
        Mask3D t3 = Mask3D.stack(List.of(t, t), ISO);
        assertEquals(0.0, Metrics.dice(e3, t3));
        assertEquals(0.0, Metrics.recall(e3, t3));
        assertEquals(1.0, Metrics.precision(e3, t3));
    }

    @Test
    void emptyTruthHasVacuousRecall() {
        Mask e = Mask.empty(4, 2);
        Mask p = mask("0000", "1000");
        assertEquals(new Overlap(0, 1, 0), Metrics.overlap(p, e));
        assertEquals(0.0, Metrics.dice(p, e));
        assertEquals(0.0, Metrics.precision(p, e));
        assertEquals(1.0, Metrics.recall(p, e));
        Mask3D e3 = Mask3D.empty(4, 2, 2, ISO);
        Mask3D p3 = Mask3D.stack(List.of(Mask.empty(4, 2), p), ISO);
        assertEquals(0.0, Metrics.dice(p3, e3));
        assertEquals(0.0, Metrics.precision(p3, e3));
        assertEquals(1.0, Metrics.recall(p3, e3));
    }

    @Test
    void identicalMasksScoreOne() {
        Mask m = mask("0110", "1111", "0010");
        assertEquals(1.0, Metrics.dice(m, m));
        assertEquals(1.0, Metrics.precision(m, m));
        assertEquals(1.0, Metrics.recall(m, m));
    }

    @Test
    void mismatchedShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.overlap(Mask.empty(4, 3), Mask.empty(3, 4)));
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.overlap(Mask3D.empty(4, 3, 2, ISO), Mask3D.empty(4, 3, 3, ISO)));
    }

    @Test
    void negativeCountsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Overlap(1, -1, 0));
        assertTrue(e.getMessage().contains("fp=-1"), e.getMessage());
    }

    @Test
    void aggregateSumsCountsBeforeScoring() {
        // A well segmented large lesion and a completely missed small one.
        Overlap big = new Overlap(90, 10, 0);
        Overlap missed = new Overlap(0, 0, 10);
        Overlap sum = Metrics.aggregate(List.of(big, missed));
        assertEquals(new Overlap(90, 10, 10), sum);
        assertEquals(0.9, sum.precision(), EPS);
        assertEquals(0.9, sum.recall(), EPS);
        assertEquals(0.9, sum.f1(), EPS);
        // The mean of per-lesion Dice weighs the small miss as much as the large lesion.
        assertEquals((180.0 / 190.0 + 0.0) / 2, Metrics.meanStd(big.dice(), missed.dice()).mean(), EPS);
        assertEquals(Overlap.ZERO, Metrics.aggregate(List.of()));
    }

    @Test
    void volumeAndVolumeErrors() {
        VoxelSpacing s = new VoxelSpacing(1, 1, 5); // 5 mm³ per voxel, 200 voxels = 1 mL
        boolean[] all = new boolean[200];
        java.util.Arrays.fill(all, true);
        Mask3D truth = Mask3D.of(10, 10, 2, s, all);
        boolean[] three = new boolean[200];
        java.util.Arrays.fill(three, 0, 150, true);
        Mask3D pred = Mask3D.of(10, 10, 2, s, three);
        assertEquals(1.0, Metrics.volumeMl(truth), EPS);
        assertEquals(0.75, Metrics.volumeMl(pred), EPS);
        assertEquals(-0.25, Metrics.volumeErrorMl(pred, truth), EPS);
        assertEquals(-0.25, Metrics.relativeVolumeError(pred, truth), EPS);
        assertEquals(1.0 / 3.0, Metrics.relativeVolumeError(truth, pred), EPS);
        Mask3D empty = Mask3D.empty(10, 10, 2, s);
        assertEquals(-1.0, Metrics.relativeVolumeError(empty, truth), EPS);
        assertEquals(0.0, Metrics.relativeVolumeError(empty, empty));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.relativeVolumeError(pred, empty));
        assertTrue(e.getMessage().contains("150 voxels"), e.getMessage());
        // Volumes use each mask's own spacing: 1 voxel of 10 mm³ against 2 voxels of 5 mm³.
        Mask3D coarse = Mask3D.of(1, 1, 1, new VoxelSpacing(1, 1, 10), new boolean[] {true});
        Mask3D fine = Mask3D.of(2, 1, 1, s, new boolean[] {true, true});
        assertEquals(0.0, Metrics.relativeVolumeError(coarse, fine), EPS);
    }

    @Test
    void uniformThresholds() {
        double[] t = Metrics.uniformThresholds(5);
        assertEquals(5, t.length);
        assertEquals(0.0, t[0]);
        assertEquals(0.25, t[1], EPS);
        assertEquals(1.0, t[4]);
        assertThrows(IllegalArgumentException.class, () -> Metrics.uniformThresholds(1));
    }
}
