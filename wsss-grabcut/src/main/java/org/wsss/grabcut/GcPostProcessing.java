package org.wsss.grabcut;

import java.util.Objects;
import org.wsss.api.Mask;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Recist;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.Window;
import org.wsss.grabcut.opencv.GrabCutConfig;
import org.wsss.grabcut.seeds.CnnSeeds;
import org.wsss.grabcut.seeds.CnnSeedsConfig;

/**
 * The "-GC" post-processing of Sec. 3.2: a network's probability map and the RECIST of its
 * slice turned into seeds ({@link CnnSeeds}, with R̂ = R) and refined by GrabCut. Used on the
 * RECIST slice (Table 2's CNN-GC column) and, with a propagated mark, on any slice (WSSS-7-GC).
 *
 * <pre>{@code
 * ProbabilityMap p = network.predict(slice, recist);        // wsss-hnn
 * Mask refined = GcPostProcessing.refine(slice, recist, p, lesion.window());
 * }</pre>
 *
 * The mask's provenance is GrabCut's, whose parent is the seeds', whose parent is the map's; a
 * seed fallback (no confident CNN foreground on the mark) is noted there.
 */
public final class GcPostProcessing {

    private GcPostProcessing() {
    }

    /** {@link #refine(Slice, Recist, ProbabilityMap, Window, CnnSeedsConfig, GrabCutConfig)} with defaults. */
    public static Mask refine(Slice slice, Recist recist, ProbabilityMap cnn, Window window) {
        return refine(slice, recist, cnn, window, CnnSeedsConfig.defaults(), GrabCutConfig.defaults());
    }

    /**
     * The GrabCut mask of {@code slice} seeded from {@code cnn} and {@code recist}: slice-sized,
     * empty outside the seed ROI, deterministic.
     *
     * @throws IllegalArgumentException if the mark does not fit the slice or the map does not
     *     overlap the mark's context ROI
     */
    public static Mask refine(Slice slice, Recist recist, ProbabilityMap cnn, Window window, CnnSeedsConfig seeds,
                              GrabCutConfig grabCut) {
        Objects.requireNonNull(cnn, "cnn");
        SeedMap s = SeedGenerators.cnn(seeds).generate(SeedInput.of(slice, recist).withPrior(cnn));
        return MaskRefiners.grabCut(grabCut).refine(slice, s, window);
    }
}
