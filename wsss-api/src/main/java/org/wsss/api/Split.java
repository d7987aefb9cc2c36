package org.wsss.api;

/** DeepLesion's {@code Train_Val_Test}: 1 train, 2 validation, 3 test. */
public enum Split {
    /** 1. */
    TRAIN(1),
    /** 2. */
    VALIDATION(2),
    /** 3. */
    TEST(3);

    private final int code;

    Split(int code) {
        this.code = code;
    }

    /** DeepLesion's code. */
    public int code() {
        return code;
    }

    /**
     * The split of a DeepLesion code.
     *
     * @throws IllegalArgumentException for any code but 1, 2, 3
     */
    public static Split ofCode(int code) {
        return switch (code) {
            case 1 -> TRAIN;
            case 2 -> VALIDATION;
            case 3 -> TEST;
            default -> throw new IllegalArgumentException("unknown Train_Val_Test " + code + " (expected 1, 2 or 3)");
        };
    }
}
