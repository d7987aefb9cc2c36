package org.wsss.grabcut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsss.api.Mask;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.Window;

/** "-GC" of Sec. 3.2 on a noisy blob: a CNN map that is too small gets its boundary from GrabCut. */
class GcPostProcessingTest {

    static final int W = 96, CX = 48, CY = 50, A = 16, B = 11;

    /** A map that is 0.95 on the blob shrunk to 70% of its axes, 0.4 out to 130%, 0 beyond. */
    static ProbabilityMap undersized() {
        float[] p = new float[W * W];
        for (int y = 0; y < W; y++) {
            for (int x = 0; x < W; x++) {
                double dx = (x - CX) / (double) A, dy = (y - CY) / (double) B, r = Math.sqrt(dx * dx + dy * dy);
                p[y * W + x] = r <= 0.7 ? 0.95f : r <= 1.3 ? 0.4f : 0f;
            }
        }
        return ProbabilityMap.of(Roi.full(W, W), p, Provenance.of("test-cnn", Map.of()));
    }

    @Test
    void grabCutRecoversTheBoundaryTheCnnMissed() {
        Slice s = SyntheticSlices.blob(W, W, CX, CY, A, B, 11);
        Recist r = SyntheticSlices.recist(CX, CY, A, B);
        Mask truth = SyntheticSlices.truth(W, W, CX, CY, A, B);
        ProbabilityMap cnn = undersized();
        Mask refined = GcPostProcessing.refine(s, r, cnn, Window.DEFAULT);
        double before = SyntheticSlices.dice(cnn.threshold(W, W, 0.5), truth);
        double after = SyntheticSlices.dice(refined, truth);
        // The 0.5-thresholded map is the 70% ellipse: Dice 2·0.49/1.49 ≈ 0.66. The true boundary lies
        // in the uncertain band, and the blob is 130 HU above its background with 18 HU noise,
        // which GrabCut separates almost exactly.
        assertTrue(before < 0.7, "before " + before);
        assertTrue(after > 0.9, "after " + after);
        assertEquals(refined, GcPostProcessing.refine(s, r, cnn, Window.DEFAULT));

        Provenance p = refined.provenance();
        assertEquals("grabcut", p.method());
        assertEquals("cnn", p.parent().method());
        assertEquals("test-cnn", p.parent().parent().method());
        assertTrue(p.parent().notes().stream().noneMatch(n -> n.startsWith("fallback")), p.toString());
    }
}
