package org.wsss.grabcut.crf;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.wsss.api.Mask;
import org.wsss.api.MaskRefiner;
import org.wsss.api.Provenance;
import org.wsss.api.Roi;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.Window;
import org.wsss.grabcut.refine.RoiImages;

/**
 * The DCRF baseline of Sec. 3.1: a fully connected two-label CRF ({@link DenseCrf}) on the seed
 * ROI, with the unary from the seed labels (each label's lesion probability from
 * {@link DenseCrfConfig}), a smoothness kernel on pixel position and an appearance kernel on
 * position and windowed intensity (0..255). The mask is where the lesion marginal exceeds the
 * background marginal, inside the ROI only.
 *
 * <p>Features are in ROI pixel coordinates, so the result moves with the lesion.
 *
 * <p><b>Deviations from the paper.</b> See {@link DenseCrf} (normalised kernels). The paper
 * feeds "bboxi" as the unary; the probabilities given to each seed class are parameters here.
 */
public final class DenseCrfRefiner implements MaskRefiner {

    private final DenseCrfConfig config;

    /** A dense CRF refiner with {@code config}. */
    public DenseCrfRefiner(DenseCrfConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "dense-crf";
    }

    @Override
    public Mask refine(Slice slice, SeedMap seeds, Window window) {
        Objects.requireNonNull(window, "window");
        Roi roi = RoiImages.checkedRoi(slice, seeds);
        int w = roi.width(), h = roi.height(), n = w * h;
        float[] gray = RoiImages.windowedFloats(slice, roi, window);
        byte[] ordinals = seeds.toOrdinals();
        float[] unary = new float[2 * n];
        double[] pf = new double[4];
        pf[SeedLabel.BACKGROUND.ordinal()] = config.backgroundSeedProbability();
        pf[SeedLabel.PROBABLE_BACKGROUND.ordinal()] = config.probableBackgroundSeedProbability();
        pf[SeedLabel.PROBABLE_FOREGROUND.ordinal()] = config.probableForegroundSeedProbability();
        pf[SeedLabel.FOREGROUND.ordinal()] = config.foregroundSeedProbability();
        for (int i = 0; i < n; i++) {
            double p = pf[ordinals[i]];
            unary[2 * i] = (float) -Math.log(1 - p);
            unary[2 * i + 1] = (float) -Math.log(p);
        }
        float[] pos = new float[2 * n];
        float[] bil = new float[3 * n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                pos[2 * i] = (float) (x / config.gaussianSigmaPx());
                pos[2 * i + 1] = (float) (y / config.gaussianSigmaPx());
                bil[3 * i] = (float) (x / config.bilateralSigmaPx());
                bil[3 * i + 1] = (float) (y / config.bilateralSigmaPx());
                bil[3 * i + 2] = (float) (gray[i] / config.bilateralSigmaIntensity());
            }
        }
        DenseCrf crf = new DenseCrf(n, 2, unary)
                .addKernel(pos, 2, config.gaussianWeight())
                .addKernel(bil, 3, config.bilateralWeight());
        float[] q = crf.inference(config.iterations());
        boolean[] fg = new boolean[n];
        for (int i = 0; i < n; i++) {
            fg[i] = q[2 * i + 1] > q[2 * i];
        }
        Map<String, String> params = new HashMap<>(config.asParameters());
        params.put("window", "[" + window.lower() + ", " + window.upper() + "]");
        return RoiImages.toSliceMask(slice, roi, fg, Provenance.of(name(), params).withParent(seeds.provenance()));
    }
}
