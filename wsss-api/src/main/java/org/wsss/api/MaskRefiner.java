package org.wsss.api;

/**
 * Turns seeds into a binary mask on a slice: GrabCut (Eq. 1), a dense CRF, or the identity
 * (foreground seeds as the mask). Stateless, thread-safe, deterministic.
 *
 * <p>The result covers the whole slice; pixels outside the seed map's ROI are background. A
 * refiner that cannot run (an empty seed class, a tiny ROI) returns a defined fallback — the
 * hard foreground seeds — and says so in the mask's provenance notes, rather than throwing:
 * batch runs must go on.
 *
 * <pre>{@code
 * public final class IdentityRefiner implements MaskRefiner {
 *     public String name() { return "identity"; }
 *
 *     public Mask refine(Slice slice, SeedMap seeds, Window window) {
 *         return seeds.mask(slice.width(), slice.height(),
 *                         SeedLabel.FOREGROUND, SeedLabel.PROBABLE_FOREGROUND)
 *                 .withProvenance(Provenance.of(name(), Map.of()).withParent(seeds.provenance()));
 *     }
 * }
 * }</pre>
 */
public interface MaskRefiner {

    /** Stable id, e.g. {@code "grabcut"}. */
    String name();

    /**
     * Refines {@code seeds} on {@code slice}.
     *
     * @param window the HU window the refiner sees the image through
     * @throws IllegalArgumentException if the seed map's ROI lies outside the slice
     */
    Mask refine(Slice slice, SeedMap seeds, Window window);
}
