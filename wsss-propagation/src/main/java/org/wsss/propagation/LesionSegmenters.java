package org.wsss.propagation;

import org.wsss.api.LesionSegmenter;
import org.wsss.propagation.baseline.GrabCut3de;
import org.wsss.propagation.baseline.GrabCut3deConfig;

/**
 * Entry point of the 3D lesion segmenters of Sec. 2.3 and 3.3: a {@link org.wsss.api.LesionCase}
 * (a volume and a RECIST mark) to a {@link org.wsss.api.Mask3D} on the case's slice grid.
 *
 * <pre>{@code
 * LesionSegmenter s = LesionSegmenters.grabCut3de();
 * Mask3D lesion = s.segment(lesionCase);
 * double ml = lesion.volumeMl();
 * }</pre>
 */
public final class LesionSegmenters {

    private LesionSegmenters() {
    }

    /** GrabCut-3DE (Sec. 3.3): GrabCut on every slice seeded from the propagated RECIST alone. */
    public static LesionSegmenter grabCut3de(GrabCut3deConfig config) {
        return new GrabCut3de(config);
    }

    /** {@link #grabCut3de(GrabCut3deConfig)} with {@link GrabCut3deConfig#defaults()}. */
    public static LesionSegmenter grabCut3de() {
        return grabCut3de(GrabCut3deConfig.defaults());
    }
}
