package org.wsss.grabcut;

import org.wsss.api.SeedGenerator;
import org.wsss.grabcut.seeds.BoxIConfig;
import org.wsss.grabcut.seeds.BoxISeeds;
import org.wsss.grabcut.seeds.BoxSeeds;
import org.wsss.grabcut.seeds.CnnSeeds;
import org.wsss.grabcut.seeds.CnnSeedsConfig;
import org.wsss.grabcut.seeds.GrabCutRConfig;
import org.wsss.grabcut.seeds.GrabCutRSeeds;
import org.wsss.grabcut.seeds.RecistDConfig;
import org.wsss.grabcut.seeds.RecistDSeeds;

/**
 * The seed generators of Sec. 2.1 and 3.1, as static factories. Every generator is stateless,
 * thread-safe and deterministic, and places its seed map on a context ROI of twice the tight
 * RECIST box per side, clipped to the slice. {@link #cnn} and {@link #cnnPropagated} combine the
 * mark with a network's probability map (Sec. 2.3, 3.2); the geometry behind all of them is
 * public in {@link org.wsss.grabcut.seeds.SeedGeometry}.
 */
public final class SeedGenerators {

    private SeedGenerators() {
    }

    /** GrabCut-R seeds S(R) of Sec. 2.1 (50% BG ring, 10% FG around the axes, 40% PFG / PBG). */
    public static SeedGenerator grabcutR(GrabCutRConfig config) {
        return new GrabCutRSeeds(config);
    }

    /** GrabCut-R seeds with the paper's values. */
    public static SeedGenerator grabcutR() {
        return grabcutR(GrabCutRConfig.defaults());
    }

    /** Box seeds of the GrabCut baseline: the tight box PFG, the rest of the ROI BG. */
    public static SeedGenerator box() {
        return new BoxSeeds(2.0);
    }

    /** Box-i seeds (GrabCut-i, DCRF): the central 20% of the box FG, the rest of the box PFG, outside BG. */
    public static SeedGenerator boxI() {
        return boxI(BoxIConfig.defaults());
    }

    /** Box-i seeds with {@code config}. */
    public static SeedGenerator boxI(BoxIConfig config) {
        return new BoxISeeds(config);
    }

    /** RECIST-D: the axes dilated to 20% of the box area as FG, the rest BG. */
    public static SeedGenerator recistD() {
        return recistD(RecistDConfig.defaults());
    }

    /** RECIST-D with {@code config}. */
    public static SeedGenerator recistD(RecistDConfig config) {
        return new RecistDSeeds(config);
    }

    /**
     * CNN-guided seeds of the "-GC" post-processing (Sec. 3.2) and of Sec. 2.3: the mark and a
     * probability map ({@link org.wsss.api.SeedInput#prior()}, required); the original mark is
     * optional. See {@link CnnSeeds}.
     */
    public static SeedGenerator cnn(CnnSeedsConfig config) {
        return new CnnSeeds(config, false);
    }

    /** {@link #cnn(CnnSeedsConfig)} with {@link CnnSeedsConfig#defaults()}. */
    public static SeedGenerator cnn() {
        return cnn(CnnSeedsConfig.defaults());
    }

    /**
     * Off-slice seeds S(Ŷ, R̂, R) of Sec. 2.3: as {@link #cnn(CnnSeedsConfig)}, but the input
     * must also carry the RECIST-slice mark R ({@link org.wsss.api.SeedInput#reference()}), so
     * every seed map made for slice-propagated training names the mark it came from.
     */
    public static SeedGenerator cnnPropagated(CnnSeedsConfig config) {
        return new CnnSeeds(config, true);
    }

    /** {@link #cnnPropagated(CnnSeedsConfig)} with {@link CnnSeedsConfig#defaults()}. */
    public static SeedGenerator cnnPropagated() {
        return cnnPropagated(CnnSeedsConfig.defaults());
    }
}
