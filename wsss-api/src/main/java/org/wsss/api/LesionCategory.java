package org.wsss.api;

/**
 * The coarse lesion types of DeepLesion ({@code Coarse_lesion_type} 1..8, −1 = unknown).
 */
public enum LesionCategory {
    /** 1. */
    BONE(1, "Bone"),
    /** 2. */
    ABDOMEN(2, "AB"),
    /** 3. */
    MEDIASTINUM(3, "MD"),
    /** 4. */
    LIVER(4, "Liver"),
    /** 5. */
    LUNG(5, "Lung"),
    /** 6. */
    KIDNEY(6, "Kidney"),
    /** 7. */
    SOFT_TISSUE(7, "ST"),
    /** 8. */
    PELVIS(8, "Pelvis"),
    /** −1: not labelled. */
    UNKNOWN(-1, "Unknown");

    private final int code;
    private final String shortName;

    LesionCategory(int code, String shortName) {
        this.code = code;
        this.shortName = shortName;
    }

    /** DeepLesion's code. */
    public int code() {
        return code;
    }

    /** Column title used by the paper's Table 3. */
    public String shortName() {
        return shortName;
    }

    /**
     * The category of a DeepLesion code.
     *
     * @throws IllegalArgumentException for a code other than 1..8 or −1
     */
    public static LesionCategory ofCode(int code) {
        for (LesionCategory c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown Coarse_lesion_type " + code + " (expected 1..8 or -1)");
    }
}
