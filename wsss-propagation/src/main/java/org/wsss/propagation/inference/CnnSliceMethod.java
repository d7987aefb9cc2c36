package org.wsss.propagation.inference;

import java.util.List;
import java.util.Objects;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.Mask;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.SliceSegmenter;
import org.wsss.api.Window;
import org.wsss.grabcut.GcPostProcessing;
import org.wsss.grabcut.opencv.GrabCutConfig;
import org.wsss.grabcut.seeds.CnnSeedsConfig;
import org.wsss.hnn.train.RoiSampler;

/**
 * A trained slice model used on the RECIST slice, the "CNN" and "CNN-GC" columns of Table 2
 * (Sec. 3.2): Ŷ over the mark's training ROI ({@code RoiSampler.recistRoi(R)}), then either
 * Ŷ ≥ threshold, or the "-GC" post-processing ({@link GcPostProcessing}: seeds from Ŷ and R,
 * GrabCut). Both are {@link InitialMaskMethod}s, so they drop into any code that compares
 * RECIST-slice masks.
 *
 * <p>The CNN mask is every pixel of the ROI at or above the threshold, not only the component
 * under the mark (3D inference keeps that component; Table 2 scores the network's output as it
 * is). The "-GC" mask lies in the seed ROI (2× the mark's box). Thread-safe when the model is.
 *
 * <p>An {@link InitialMaskMethod} sees one slice, so a 2.5D model
 * ({@link SliceSegmenter#contextOffsetsMm()}) gets that slice in its context channels too, as if
 * the lesion went on unchanged above and below; 3D inference passes the real neighbours.
 */
public final class CnnSliceMethod implements InitialMaskMethod {

    private final SliceSegmenter model;
    private final boolean grabCut;
    private final double threshold;
    private final CnnSeedsConfig seeds;
    private final GrabCutConfig grabCutConfig;

    /**
     * A method over {@code model}.
     *
     * @param grabCut whether to post-process with GrabCut ("-GC")
     * @param threshold the CNN mask's threshold, in (0, 1) (unused with GrabCut)
     */
    public CnnSliceMethod(SliceSegmenter model, boolean grabCut, double threshold, CnnSeedsConfig seeds,
                          GrabCutConfig grabCutConfig) {
        this.model = Objects.requireNonNull(model, "model");
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("CnnSliceMethod threshold must lie in (0, 1), got " + threshold);
        }
        this.grabCut = grabCut;
        this.threshold = threshold;
        this.seeds = Objects.requireNonNull(seeds, "seeds");
        this.grabCutConfig = Objects.requireNonNull(grabCutConfig, "grabCutConfig");
    }

    @Override
    public String name() {
        return grabCut ? "cnn-gc" : "cnn";
    }

    /** Ŷ of the slice over the mark's training ROI. */
    public ProbabilityMap probabilities(Slice slice, Recist recist, Window window) {
        return model.predictAll(List.of(new SliceSegmenter.Request(slice, RoiSampler.recistRoi(recist), window))).get(0);
    }

    @Override
    public Mask segment(Slice slice, Recist recist, Window window) {
        ProbabilityMap p = probabilities(slice, recist, window);
        if (!grabCut) {
            return p.threshold(slice.width(), slice.height(), threshold);
        }
        return GcPostProcessing.refine(slice, recist, p, window, seeds, grabCutConfig);
    }

    @Override
    public String toString() {
        return name() + (grabCut ? "" : "[threshold " + threshold + "]");
    }
}
