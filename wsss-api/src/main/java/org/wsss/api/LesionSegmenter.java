package org.wsss.api;

/**
 * Segments a whole lesion in 3D from its case (a volume and a RECIST mark): the end product of
 * Sec. 2.3. The mask lies on the grid {@link LesionCase#sliceIndices()} of the case, z = 0 being
 * its first stored slice, and carries provenance that chains back to the RECIST.
 *
 * <pre>{@code
 * // The RECIST-slice mask of an initial-mask method, alone on its slice.
 * LesionSegmenter flat = c -> {
 *     Slice key = c.slice(c.recist().sliceIndex());
 *     Mask m = method.segment(key, c.recist(), c.window());
 *     Mask3D.Builder b = Mask3D.builder(key.width(), key.height(), c.sliceIndices().length, c.spacing());
 *     return b.setSlice(c.zOf(c.recist().sliceIndex()), m).provenance(m.provenance()).build();
 * };
 * }</pre>
 */
@FunctionalInterface
public interface LesionSegmenter {

    /** The 3D mask of the lesion of {@code lesion}. */
    Mask3D segment(LesionCase lesion);
}
