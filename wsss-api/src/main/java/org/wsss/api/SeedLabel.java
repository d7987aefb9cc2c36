package org.wsss.api;

/**
 * The four seed classes of Sec. 2.1: hard background / foreground seeds that a refiner must
 * keep, and probable background / foreground where it estimates the label.
 */
public enum SeedLabel {
    /** Certain background (paper: BG). */
    BACKGROUND,
    /** Probable background (PBG). */
    PROBABLE_BACKGROUND,
    /** Probable foreground (PFG). */
    PROBABLE_FOREGROUND,
    /** Certain foreground (FG). */
    FOREGROUND;

    private static final SeedLabel[] VALUES = values();

    /** The label of ordinal {@code o}. */
    public static SeedLabel ofOrdinal(int o) {
        return VALUES[o];
    }

    /** Whether the label is one of the two foreground classes. */
    public boolean isForeground() {
        return this == FOREGROUND || this == PROBABLE_FOREGROUND;
    }

    /** Whether the label is a hard seed (BG or FG). */
    public boolean isHard() {
        return this == FOREGROUND || this == BACKGROUND;
    }
}
