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
     * One ROI of one slice to segment, with the slices a 2.5D model reads around it. The ROI
     * must overlap the slice but may reach past its border: the crop a lesion near the edge was
     * trained on.
     *
     * @param context the images at {@link #contextOffsetsMm()} from the slice, in that order
     *     ({@link LesionCase#context}); empty for a model that reads one slice, or when no
     *     neighbours are known (a 2.5D model then repeats the slice itself)
     * @throws IllegalArgumentException if the ROI does not overlap the slice or a context slice
     *     has another size
     */
    record Request(Slice slice, Roi roi, Window window, List<Slice> context) {
        /** Null checks; the ROI must overlap the slice; the context matches the slice's size. */
        public Request {
            Objects.requireNonNull(slice, "slice");
            Objects.requireNonNull(roi, "roi");
            Objects.requireNonNull(window, "window");
            context = List.copyOf(context);
            roi.clip(slice.width(), slice.height());
            for (Slice c : context) {
                if (c.width() != slice.width() || c.height() != slice.height()) {
                    throw new IllegalArgumentException("context slice is " + c.width() + "x" + c.height()
                            + " but the slice is " + slice.width() + "x" + slice.height());
                }
            }
        }

        /** A request without neighbouring slices. */
        public Request(Slice slice, Roi roi, Window window) {
            this(slice, roi, window, List.of());
        }
    }

    /**
     * Offsets in mm along z (negative: towards lower slice indices) of the images this model
     * reads besides the slice itself, as extra input channels; empty (the default) for a model
     * that reads one slice. Pipelines pass them in {@link Request#context()}.
     */
    default List<Double> contextOffsetsMm() {
        return List.of();
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
