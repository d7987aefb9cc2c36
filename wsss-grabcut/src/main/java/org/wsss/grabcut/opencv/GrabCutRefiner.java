package org.wsss.grabcut.opencv;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import org.wsss.api.Mask;
import org.wsss.api.MaskRefiner;
import org.wsss.api.Provenance;
import org.wsss.api.Roi;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.Window;
import org.wsss.grabcut.internal.OpenCvGrabCut;
import org.wsss.grabcut.refine.RoiImages;

/**
 * GrabCut (Rother et al. 2004), Eq. 1 of the paper, as the refiner of Sec. 2.1 and 3.1:
 * OpenCV's {@code grabCut} initialised with the seed map, on the seed ROI windowed to 8 bits
 * and replicated to 3 channels (Sec. 3: "intensity-windowed properly"). The mask is the
 * pixels GrabCut labels FG or PFG, inside the ROI only.
 *
 * <p><b>Fallback.</b> OpenCV throws when a class (FG + PFG or BG + PBG) is empty, and its
 * 5-component colour models are degenerate with fewer than 5 samples per class or on a ROI
 * less than 2 pixels wide or high. Such inputs are detected beforehand (and any exception
 * OpenCV still throws is caught): the result is then the hard + probable foreground seeds, and
 * the provenance notes say why. No exception escapes for a seed map inside its slice.
 *
 * <p>Thread-safe: each call owns its native buffers (closed on return) and reseeds only its
 * own thread's OpenCV RNG.
 *
 * <p><b>Deviations from the paper.</b> None in the method; the RNG seed is fixed so that the
 * GMM initialisation is reproducible.
 */
public final class GrabCutRefiner implements MaskRefiner {

    private final GrabCutConfig config;

    /** GrabCut with {@code config}. */
    public GrabCutRefiner(GrabCutConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "grabcut";
    }

    @Override
    public Mask refine(Slice slice, SeedMap seeds, Window window) {
        Objects.requireNonNull(window, "window");
        Roi roi = RoiImages.checkedRoi(slice, seeds);
        Map<String, String> params = new HashMap<>(config.asParameters());
        params.put("window", "[" + window.lower() + ", " + window.upper() + "]");
        Provenance p = Provenance.of(name(), params).withSeed(config.rngSeed()).withParent(seeds.provenance());
        byte[] ordinals = seeds.toOrdinals();
        String reason = cannotRun(roi, seeds);
        if (reason == null) {
            try {
                boolean[] fg = run(RoiImages.windowedBytes(slice, roi, window), ordinals, roi.width(), roi.height());
                return RoiImages.toSliceMask(slice, roi, fg, p);
            } catch (RuntimeException e) {
                reason = "OpenCV grabCut failed: " + e.getMessage();
            }
        }
        boolean[] fg = new boolean[ordinals.length];
        for (int i = 0; i < fg.length; i++) {
            fg[i] = SeedLabel.ofOrdinal(ordinals[i]).isForeground();
        }
        return RoiImages.toSliceMask(slice, roi, fg, p.withNote("fallback: FG + PFG seeds used as the mask; " + reason));
    }

    private boolean[] run(byte[] gray, byte[] ordinals, int w, int h) {
        try (Mat img = OpenCvGrabCut.toBgr(gray, w, h); Mat mask = OpenCvGrabCut.toGcMask(ordinals, w, h)) {
            OpenCvGrabCut.grabCut(img, mask, config.iterations(), config.rngSeed());
            return OpenCvGrabCut.foreground(mask);
        }
    }

    /** Why OpenCV would throw on these seeds, or {@code null} when it can run. */
    static String cannotRun(Roi roi, SeedMap seeds) {
        if (roi.width() < 2 || roi.height() < 2) {
            return "ROI " + roi.width() + "x" + roi.height() + " is too small for GrabCut";
        }
        int fg = seeds.count(SeedLabel.FOREGROUND) + seeds.count(SeedLabel.PROBABLE_FOREGROUND);
        int bg = seeds.count(SeedLabel.BACKGROUND) + seeds.count(SeedLabel.PROBABLE_BACKGROUND);
        int min = OpenCvGrabCut.MIN_SAMPLES_PER_CLASS;
        if (fg < min) {
            return "only " + fg + " foreground (FG + PFG) seeds, GrabCut needs at least " + min;
        }
        if (bg < min) {
            return "only " + bg + " background (BG + PBG) seeds, GrabCut needs at least " + min;
        }
        return null;
    }

    /** The id and the configuration, e.g. for provenance. */
    @Override
    public String toString() {
        return name() + " " + config;
    }
}
