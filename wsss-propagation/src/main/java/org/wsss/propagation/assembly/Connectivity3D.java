package org.wsss.propagation.assembly;

import org.wsss.api.Connectivity2D;

/**
 * Which neighbours of a voxel count as touching it. With thick CT slices a lesion's outline
 * shifts between slices; {@link #SIX} asks that consecutive cross-sections overlap (share a
 * pixel), {@link #TWENTY_SIX} is content with diagonal contact.
 */
public enum Connectivity3D {
    /** The 6 voxels sharing a face: 4-connected in plane, overlap across slices. */
    SIX(Connectivity2D.FOUR, 0),
    /** The 26 voxels sharing a face, an edge or a corner: 8-connected in plane and across slices. */
    TWENTY_SIX(Connectivity2D.EIGHT, 1);

    private final Connectivity2D inPlane;
    private final int crossSliceReach;

    Connectivity3D(Connectivity2D inPlane, int crossSliceReach) {
        this.inPlane = inPlane;
        this.crossSliceReach = crossSliceReach;
    }

    /** The connectivity this one induces within one slice. */
    public Connectivity2D inPlane() {
        return inPlane;
    }

    /**
     * Chebyshev radius, in pixels, of the in-plane window on the next slice that a pixel
     * touches: 0 (only the pixel straight above or below) for {@link #SIX}, 1 for {@link #TWENTY_SIX}.
     */
    public int crossSliceReach() {
        return crossSliceReach;
    }
}
