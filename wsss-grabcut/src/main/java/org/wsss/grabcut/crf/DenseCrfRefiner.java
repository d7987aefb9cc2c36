package org.wsss.grabcut.crf;

import java.util.Arrays;
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
 * <p>The appearance kernel's widths are measured per lesion ({@link DenseCrfConfig}): the
 * lesion size is the short side of the bounding box of the FG and PFG seeds, and the image
 * noise σ is 1.4826 × the median absolute difference of horizontally and vertically
 * neighbouring windowed pixels of the ROI, divided by √2 (the spread of one pixel's noise,
 * little moved by edges, which are few among all neighbour pairs). The intensity feature is
 * taken relative to the ROI's median gray level, so with the default (purely scaled) widths a
 * change of contrast and brightness that keeps the ROI inside the window leaves the features,
 * and so the mask, unchanged up to rounding. Both measured widths are in the mask's provenance.
 *
 * <p>Features are in ROI pixel coordinates, so the result moves with the lesion.
 *
 * <p><b>Deviations from the paper.</b> See {@link DenseCrf} (normalised kernels) and
 * {@link DenseCrfConfig} (widths scaled with the lesion's size and the image noise instead of
 * fixed). The paper feeds "bboxi" as the unary; the probabilities given to each seed class are
 * parameters here.
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
        double sigmaPx = config.appearanceSigmaPx(lesionSizePx(ordinals, w, h));
        double sigmaGray = config.appearanceSigmaGray(noiseSigma(gray, w, h));
        float reference = median(gray.clone());
        float[] pos = new float[2 * n];
        float[] bil = new float[3 * n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                pos[2 * i] = (float) (x / config.gaussianSigmaPx());
                pos[2 * i + 1] = (float) (y / config.gaussianSigmaPx());
                bil[3 * i] = (float) (x / sigmaPx);
                bil[3 * i + 1] = (float) (y / sigmaPx);
                bil[3 * i + 2] = (float) ((gray[i] - reference) / sigmaGray);
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
        params.put("appearanceSigmaPx", Double.toString(sigmaPx));
        params.put("appearanceSigmaGray", Double.toString(sigmaGray));
        return RoiImages.toSliceMask(slice, roi, fg, Provenance.of(name(), params).withParent(seeds.provenance()));
    }

    /** Short side of the bounding box of the FG and PFG seeds, in pixels; 0 when there are none. */
    static int lesionSizePx(byte[] ordinals, int w, int h) {
        int fg = SeedLabel.FOREGROUND.ordinal(), pfg = SeedLabel.PROBABLE_FOREGROUND.ordinal();
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = ordinals[y * w + x];
                if (o == fg || o == pfg) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? 0 : Math.min(x1 - x0 + 1, y1 - y0 + 1);
    }

    /**
     * Robust noise σ of a {@code w × h} image: 1.4826 × median |difference of neighbours| / √2,
     * over horizontal and vertical pairs; 0 for a single pixel.
     */
    static double noiseSigma(float[] img, int w, int h) {
        int pairs = (w - 1) * h + w * (h - 1);
        if (pairs <= 0) {
            return 0;
        }
        float[] d = new float[pairs];
        int k = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (x + 1 < w) {
                    d[k++] = Math.abs(img[i + 1] - img[i]);
                }
                if (y + 1 < h) {
                    d[k++] = Math.abs(img[i + w] - img[i]);
                }
            }
        }
        return 1.4826 * median(d) / Math.sqrt(2);
    }

    /** The median of {@code v} (sorted in place; the mean of the middle two for an even count). */
    static float median(float[] v) {
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5f * (v[m - 1] + v[m]);
    }
}
