package org.wsss.api;

/** Which in-plane neighbours of a pixel count as touching it (for {@link ComponentLabels}). */
public enum Connectivity2D {
    /** The 4 pixels sharing an edge. */
    FOUR,
    /** The 8 pixels sharing an edge or a corner. */
    EIGHT
}
