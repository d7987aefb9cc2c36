package org.wsss.hnn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.wsss.api.LesionCase;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Roi;

/**
 * Fully supervised training examples from cases whose exact 3D mask is known (the phantom's, or
 * a user's annotated lesions): the pretraining data of {@link org.wsss.hnn.Hnn#pretrained()}.
 *
 * <p>Every stored slice on which the lesion appears gives one example, and so do up to
 * {@code margin} slices past each end of the lesion, whose target is all background: the
 * network then learns what a slice just beyond the lesion looks like, which the weak labels of
 * Sec. 2.3 never show it. Every example uses the ROI of the case's RECIST mark
 * ({@link RoiSampler#recistRoi}) on every slice, the crop 3D inference feeds the network.
 *
 * <p><b>Deviations from the paper.</b> The paper trains from RECIST marks only, from scratch (its
 * HNN from ImageNet weights). Pretraining on synthetic ground truth is this SDK's addition; WSSS
 * training then fine-tunes on the user's RECIST marks ({@code WsssConfig.init}).
 */
public final class SupervisedExamples {

    private SupervisedExamples() {
    }

    /**
     * The examples of {@code cases}, in case order, slices ascending.
     *
     * @param margin slices past each end of the lesion to add as all-background examples, ≥ 0
     * @throws IllegalArgumentException if a case has no ground truth (naming it) or margin &lt; 0
     */
    public static List<TrainingExample> of(List<? extends LesionCase> cases, int margin) {
        return of(cases, margin, List.of());
    }

    /**
     * The examples of {@code cases} for a 2.5D network: each with the images at
     * {@code contextOffsetsMm} around its slice ({@link LesionCase#context}).
     *
     * @throws IllegalArgumentException as {@link #of(List, int)}
     */
    public static List<TrainingExample> of(List<? extends LesionCase> cases, int margin, List<Double> contextOffsetsMm) {
        Objects.requireNonNull(cases, "cases");
        Objects.requireNonNull(contextOffsetsMm, "contextOffsetsMm");
        if (margin < 0) {
            throw new IllegalArgumentException("margin must be >= 0, got " + margin);
        }
        List<TrainingExample> out = new ArrayList<>();
        for (LesionCase c : cases) {
            Mask3D gt = c.groundTruth().orElseThrow(() -> new IllegalArgumentException(
                    "lesion " + c.id() + " has no ground-truth mask to pretrain on"));
            int[] idx = c.sliceIndices();
            int first = -1, last = -1;
            for (int z = 0; z < gt.depth(); z++) {
                if (gt.slice(z).count() > 0) {
                    first = first < 0 ? z : first;
                    last = z;
                }
            }
            if (first < 0) {
                continue;
            }
            Roi roi = RoiSampler.recistRoi(c.recist());
            for (int z = Math.max(0, first - margin); z <= Math.min(gt.depth() - 1, last + margin); z++) {
                Mask m = gt.slice(z);
                out.add(TrainingExample.supervised(c.slice(idx[z]), roi, c.window(), m)
                        .withContext(c.context(idx[z], contextOffsetsMm)));
            }
        }
        return out;
    }
}
