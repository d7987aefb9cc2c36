package org.wsss.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A trained model that maps a region of a slice to lesion probabilities (Ŷ = f(X; θ) of
 * Sec. 2.2). Implementations are thread-safe for concurrent {@code predict} calls.
 *
 * <pre>{@code
 * SliceSegmenter threshold = (slice, roi, window) -> {
 *     float[] p = new float[roi.area()];
 *     for (int y = 0; y < roi.height(); y++)
 *         for (int x = 0; x < roi.width(); x++)
 *             p[y * roi.width() + x] = window.apply(slice.get(roi.x() + x, roi.y() + y));
 *     return ProbabilityMap.of(roi, p, Provenance.of("window-threshold", Map.of()));
 * };
 * }</pre>
 */
@FunctionalInterface
public interface SliceSegmenter {

    /**
     * Lesion probability over {@code roi} (which lies inside the slice).
     *
     * @param window the HU window the model expects its input in
     */
    ProbabilityMap predict(Slice slice, Roi roi, Window window);

    /**
     * One ROI of one slice to segment. The ROI must overlap the slice but may reach past its
     * border: the crop a lesion near the edge was trained on.
     *
     * @throws IllegalArgumentException if the ROI does not overlap the slice
     */
    record Request(Slice slice, Roi roi, Window window) {
        /** Null checks; the ROI must overlap the slice. */
        public Request {
            Objects.requireNonNull(slice, "slice");
            Objects.requireNonNull(roi, "roi");
            Objects.requireNonNull(window, "window");
            roi.clip(slice.width(), slice.height());
        }
    }

    /**
     * Lesion probability for many ROIs, in order: what every pipeline of the SDK calls, so a
     * model that runs batches (or pads a ROI past the slice border, as the HNN does with zeros,
     * as in training) overrides this one method and every pipeline gets that behaviour, and a
     * wrapper that delegates it gets the wrapped model's output unchanged. The default clips
     * each ROI to its slice and calls {@link #predict} once per request.
     */
    default List<ProbabilityMap> predictAll(List<Request> requests) {
        List<ProbabilityMap> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            out.add(predict(r.slice(), r.roi().clip(r.slice().width(), r.slice().height()), r.window()));
        }
        return out;
    }
}
