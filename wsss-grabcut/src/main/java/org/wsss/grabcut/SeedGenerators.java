package org.wsss.grabcut;

import org.wsss.api.SeedGenerator;
import org.wsss.grabcut.seeds.BoxIConfig;
import org.wsss.grabcut.seeds.BoxISeeds;
import org.wsss.grabcut.seeds.BoxSeeds;
import org.wsss.grabcut.seeds.GrabCutRConfig;
import org.wsss.grabcut.seeds.GrabCutRSeeds;
import org.wsss.grabcut.seeds.RecistDConfig;
import org.wsss.grabcut.seeds.RecistDSeeds;

/**
 * The seed generators of Sec. 2.1 and 3.1, as static factories. Every generator is stateless,
 * thread-safe and deterministic, and places its seed map on a context ROI of twice the tight
 * RECIST box per side, clipped to the slice. The geometry behind them is public in
 * {@link org.wsss.grabcut.seeds.SeedGeometry}, for seeders that combine a RECIST with a
 * network's probability map (Sec. 2.3, 3.2).
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
}
