package org.wsss.grabcut;

import org.wsss.api.MaskRefiner;
import org.wsss.grabcut.crf.DenseCrfConfig;
import org.wsss.grabcut.crf.DenseCrfRefiner;
import org.wsss.grabcut.opencv.GrabCutConfig;
import org.wsss.grabcut.opencv.GrabCutRefiner;
import org.wsss.grabcut.refine.IdentityRefiner;

/**
 * The mask refiners of Sec. 2.1 and 3.1, as static factories: OpenCV GrabCut, a dense CRF in
 * pure Java, and the identity. Every refiner is stateless, thread-safe and deterministic, and
 * returns a slice-sized mask that is empty outside the seed map's ROI.
 */
public final class MaskRefiners {

    private MaskRefiners() {
    }

    /** GrabCut (Eq. 1) through OpenCV, falling back to the FG + PFG seeds when it cannot run. */
    public static MaskRefiner grabCut(GrabCutConfig config) {
        return new GrabCutRefiner(config);
    }

    /** GrabCut with 5 iterations. */
    public static MaskRefiner grabCut() {
        return grabCut(GrabCutConfig.defaults());
    }

    /** A fully connected CRF with Gaussian edge potentials (Krähenbühl and Koltun 2011). */
    public static MaskRefiner denseCrf(DenseCrfConfig config) {
        return new DenseCrfRefiner(config);
    }

    /** A dense CRF with {@link DenseCrfConfig#defaults()}. */
    public static MaskRefiner denseCrf() {
        return denseCrf(DenseCrfConfig.defaults());
    }

    /** The FG + PFG seeds as the mask. */
    public static MaskRefiner identity() {
        return new IdentityRefiner();
    }
}
