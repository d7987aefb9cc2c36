package org.wsss.propagation;

import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.SliceSegmenter;
import org.wsss.propagation.baseline.GrabCut3de;
import org.wsss.propagation.baseline.GrabCut3deConfig;
import org.wsss.grabcut.opencv.GrabCutConfig;
import org.wsss.grabcut.seeds.CnnSeedsConfig;
import org.wsss.propagation.inference.CnnSliceMethod;
import org.wsss.propagation.inference.InferenceConfig;
import org.wsss.propagation.inference.SlicePropagatedSegmenter;

/**
 * Entry point of the 3D lesion segmenters of Sec. 2.3 and 3.3: a {@link org.wsss.api.LesionCase}
 * (a volume and a RECIST mark) to a {@link org.wsss.api.Mask3D} on the case's slice grid.
 *
 * <pre>{@code
 * LesionSegmenter s = LesionSegmenters.grabCut3de();
 * Mask3D lesion = s.segment(lesionCase);
 * double ml = lesion.volumeMl();
 *
 * // With a trained network (wsss-hnn), and its probabilities for PR curves:
 * SlicePropagatedSegmenter wsss = LesionSegmenters.hnnGc(model);
 * LesionSegmentation out = wsss.segmentWithProbabilities(lesionCase);
 * }</pre>
 */
public final class LesionSegmenters {

    private LesionSegmenters() {
    }

    /** GrabCut-3DE (Sec. 3.3): GrabCut on every slice seeded from the propagated RECIST alone. */
    public static LesionSegmenter grabCut3de(GrabCut3deConfig config) {
        return new GrabCut3de(config);
    }

    /** GrabCut-3DE with {@code parts} in place of its default parts (see {@link Components}). */
    public static LesionSegmenter grabCut3de(GrabCut3deConfig config, Components parts) {
        return new GrabCut3de(config, parts);
    }

    /** {@link #grabCut3de(GrabCut3deConfig)} with {@link GrabCut3deConfig#defaults()}. */
    public static LesionSegmenter grabCut3de() {
        return grabCut3de(GrabCut3deConfig.defaults());
    }

    /**
     * 3D inference with a slice model, mask = Ŷ ≥ threshold on every slice ("HNN" / "WSSS-k" of
     * Table 3); see {@link SlicePropagatedSegmenter}. {@code model} is usually an
     * {@link org.wsss.hnn.model.HnnModel}.
     */
    public static SlicePropagatedSegmenter hnn(SliceSegmenter model, InferenceConfig config) {
        return new SlicePropagatedSegmenter(model, config, SlicePropagatedSegmenter.Mode.CNN);
    }

    /** {@link #hnn(SliceSegmenter, InferenceConfig)} with {@code parts} in place of the default parts. */
    public static SlicePropagatedSegmenter hnn(SliceSegmenter model, InferenceConfig config, Components parts) {
        return new SlicePropagatedSegmenter(model, config, SlicePropagatedSegmenter.Mode.CNN, parts);
    }

    /** {@link #hnn(SliceSegmenter, InferenceConfig)} with {@link InferenceConfig#defaults()}. */
    public static SlicePropagatedSegmenter hnn(SliceSegmenter model) {
        return hnn(model, InferenceConfig.defaults());
    }

    /**
     * 3D inference with the "-GC" post-processing of Sec. 3.2 on every slice: seeds S(Ŷ, R̂, R)
     * and GrabCut ("WSSS-7-GC" of Table 3); see {@link SlicePropagatedSegmenter}.
     */
    public static SlicePropagatedSegmenter hnnGc(SliceSegmenter model, InferenceConfig config) {
        return new SlicePropagatedSegmenter(model, config, SlicePropagatedSegmenter.Mode.GRABCUT);
    }

    /** {@link #hnnGc(SliceSegmenter, InferenceConfig)} with {@code parts} in place of the default parts. */
    public static SlicePropagatedSegmenter hnnGc(SliceSegmenter model, InferenceConfig config, Components parts) {
        return new SlicePropagatedSegmenter(model, config, SlicePropagatedSegmenter.Mode.GRABCUT, parts);
    }

    /** {@link #hnnGc(SliceSegmenter, InferenceConfig)} with {@link InferenceConfig#gcDefaults()}. */
    public static SlicePropagatedSegmenter hnnGc(SliceSegmenter model) {
        return hnnGc(model, InferenceConfig.gcDefaults());
    }

    /**
     * The network alone on the RECIST slice (Table 2's "CNN" column): Ŷ ≥ 0.5 on the mark's
     * training ROI. See {@link CnnSliceMethod}.
     */
    public static CnnSliceMethod recistSliceCnn(SliceSegmenter model) {
        return new CnnSliceMethod(model, false, 0.5, CnnSeedsConfig.defaults(), GrabCutConfig.defaults());
    }

    /**
     * The network with the "-GC" post-processing of Sec. 3.2 on the RECIST slice (Table 2's
     * "CNN-GC" column): seeds from Ŷ and R, then GrabCut. See {@link CnnSliceMethod}.
     */
    public static CnnSliceMethod recistSliceCnnGc(SliceSegmenter model) {
        return new CnnSliceMethod(model, true, 0.5, CnnSeedsConfig.defaults(), GrabCutConfig.defaults());
    }
}
