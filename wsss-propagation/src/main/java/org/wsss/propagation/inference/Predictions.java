package org.wsss.propagation.inference;

import java.util.ArrayList;
import java.util.List;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.SliceSegmenter;
import org.wsss.api.Window;
import org.wsss.hnn.model.HnnModel;

/**
 * Runs a slice model on one ROI of several slices: an {@link HnnModel} in batches on the
 * unclipped ROI (zero padding outside the slice, as in training), any other
 * {@link SliceSegmenter} slice by slice on the ROI clipped to the slice (its contract).
 */
final class Predictions {

    private Predictions() {
    }

    static List<ProbabilityMap> predict(SliceSegmenter model, List<Slice> slices, Roi roi, Window window) {
        if (model instanceof HnnModel hnn) {
            List<HnnModel.Request> req = new ArrayList<>(slices.size());
            for (Slice s : slices) {
                req.add(new HnnModel.Request(s, roi, window));
            }
            return hnn.predictAll(req);
        }
        List<ProbabilityMap> out = new ArrayList<>(slices.size());
        for (Slice s : slices) {
            out.add(model.predict(s, roi.clip(s.width(), s.height()), window));
        }
        return out;
    }
}
