package org.wsss.io;

import java.util.Optional;

/**
 * The NIfTI-1 voxel types this package reads and writes, with their header {@code datatype}
 * code and {@code bitpix}. Masks are written as {@link #UINT8}, CT volumes as {@link #INT16}
 * (integer HU) or {@link #FLOAT32}; the others are read (and written back unchanged) because
 * they cost nothing extra.
 */
public enum NiftiDataType {
    /** {@code DT_UINT8}, code 2. */
    UINT8(2, 8, 0, 255, true),
    /** {@code DT_INT16}, code 4. */
    INT16(4, 16, Short.MIN_VALUE, Short.MAX_VALUE, true),
    /** {@code DT_INT32}, code 8. */
    INT32(8, 32, Integer.MIN_VALUE, Integer.MAX_VALUE, true),
    /** {@code DT_FLOAT32}, code 16. */
    FLOAT32(16, 32, -Float.MAX_VALUE, Float.MAX_VALUE, false),
    /** {@code DT_FLOAT64}, code 64. */
    FLOAT64(64, 64, -Double.MAX_VALUE, Double.MAX_VALUE, false),
    /** {@code DT_UINT16}, code 512. */
    UINT16(512, 16, 0, 65535, true);

    private final int code;
    private final int bitpix;
    private final double min;
    private final double max;
    private final boolean integer;

    NiftiDataType(int code, int bitpix, double min, double max, boolean integer) {
        this.code = code;
        this.bitpix = bitpix;
        this.min = min;
        this.max = max;
        this.integer = integer;
    }

    /** The header's {@code datatype} code. */
    public int code() {
        return code;
    }

    /** The header's {@code bitpix}: bits per voxel. */
    public int bitpix() {
        return bitpix;
    }

    /** Bytes per voxel. */
    public int bytes() {
        return bitpix / 8;
    }

    /** Whether values are integers. */
    public boolean isInteger() {
        return integer;
    }

    /** Whether {@code v} can be stored without change: in range and, for integer types, integral. */
    public boolean canHold(double v) {
        if (integer) {
            return v >= min && v <= max && v == Math.rint(v);
        }
        if (this == FLOAT32) {
            return Double.isNaN(v) || Double.isInfinite(v) || (double) (float) v == v;
        }
        return true;
    }

    /** The type with header code {@code code}, if this package supports it. */
    public static Optional<NiftiDataType> fromCode(int code) {
        for (NiftiDataType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
