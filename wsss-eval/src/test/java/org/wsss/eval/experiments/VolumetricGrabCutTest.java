package org.wsss.eval.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsss.api.LesionDataset;
import org.wsss.api.Progress;
import org.wsss.api.Split;
import org.wsss.eval.metrics.MeanStd;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import org.wsss.propagation.LesionSegmenters;

/** GrabCut-3DE through the volumetric evaluation on a few small phantom lesions. */
class VolumetricGrabCutTest {

    /** Every case in the test split; 64–96 px images, 2.5 / 5 mm slices, lesions of 8–20 mm. */
    static final PhantomConfig SMALL = new PhantomConfig(8, 11L, 0.6, 1.0, List.of(2.5, 5.0), 64, 96,
            PhantomConfig.defaults().categoryWeights(), 0.0, 0.0, 8, 25, 0.45, 0.2, 1.0, 8, 12, 20);

    @Test
    void grabCut3deOnSmallPhantomLesions() {
        LesionDataset data = Phantom.dataset(SMALL);
        Volumetric.Result r = Volumetric.run(data, Split.TEST,
                List.of(Volumetric.Method.binary("GrabCut-3DE", LesionSegmenters.grabCut3de())),
                Volumetric.Config.defaults(), 2, Progress.NONE);
        Volumetric.MethodResult g = r.method("GrabCut-3DE");
        assertEquals(8, r.lesions());
        assertEquals(0, g.failed(), r.failures().toString());
        MeanStd dice = g.categories().overall().orElseThrow();
        // Measured: mean 0.751, F1 0.785 on this seed; over seeds 1-8 of the same configuration the
        // mean ranged 0.740-0.873 and F1 0.735-0.878. The
        // floor sits below every seed measured, so only a real regression trips it.
        assertTrue(dice.mean() > 0.65, "mean 3D Dice " + dice);
        assertTrue(g.aggregate().f1() > 0.65, "aggregated F1 " + g.aggregate().f1());
        // The RECIST slice is segmented best (measured 0.893): seeds come from the mark itself there.
        assertTrue(g.byOffset().get(0).mean() > 0.8, "RECIST-slice Dice " + g.byOffset().get(0));
        assertEquals(8, g.byOffset().get(0).n());
    }
}
