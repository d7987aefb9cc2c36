package org.wsss.api;

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
}
