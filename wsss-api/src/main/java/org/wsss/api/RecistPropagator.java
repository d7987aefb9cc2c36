package org.wsss.api;

import java.util.Optional;

/**
 * Estimates the RECIST R̂ on a slice off the RECIST slice (Sec. 2.3, "RECIST Propagation").
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * // Keeps R unchanged within 10 mm of the RECIST slice, nothing beyond.
 * RecistPropagator slab = (r, target, spacing) -> {
 *     double d = Math.abs(target - r.sliceIndex()) * spacing.z();
 *     return d <= 10 ? Optional.of(r.withSliceIndex(target)) : Optional.empty();
 * };
 * }</pre>
 */
@FunctionalInterface
public interface RecistPropagator {

    /**
     * R̂ on slice {@code targetSlice}, or empty past the lesion's estimated extent.
     *
     * @param recist the RECIST-slice mark R
     * @param targetSlice index of the slice to propagate to
     * @param spacing voxel spacing (z is the slice interval)
     */
    Optional<Recist> propagate(Recist recist, int targetSlice, VoxelSpacing spacing);
}
