package org.wsss.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.wsss.api.VoxelSpacing;

/**
 * A single-file NIfTI-1 image of up to three spatial dimensions, immutable: the header fields
 * that matter for CT volumes and masks, and the voxel data. Read and written by {@link Nifti}.
 *
 * <p>Voxel (i, j, k) is NIfTI's index order: i fastest, then j, then k, exactly as the file
 * stores it. {@link Nifti} maps the SDK's voxel (x, y, z) to (i = x, j = y, k = z) with no
 * flip. Voxels are held as their raw stored values ({@link #raw(int, int, int)}); the scaled
 * value {@link #value(int, int, int)} applies {@code scl_slope} and {@code scl_inter}.
 *
 * <p>Kept fields: {@code dim}, {@code datatype}, {@code pixdim[0..7]}, {@code scl_slope},
 * {@code scl_inter}, {@code qform_code}, {@code sform_code}, {@code quatern_b/c/d},
 * {@code qoffset_x/y/z}, {@code srow_x/y/z}, {@code xyzt_units} and {@code descrip}.
 * Everything else in the header (intent, cal_min/max, slice timing, aux_file, extensions)
 * is not kept; the writer writes it as zero.
 *
 * <p>Scaling: as the NIfTI-1 standard says, a {@code scl_slope} of 0 means "no scaling"; a
 * non-finite slope is treated the same way (as nibabel does), and a non-finite
 * {@code scl_inter} counts as 0.
 */
public final class NiftiImage {

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle F32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle F64 = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final int ndim;
    private final int nx;
    private final int ny;
    private final int nz;
    private final NiftiDataType dataType;
    private final float[] pixdim;
    private final float sclSlope;
    private final float sclInter;
    private final int qformCode;
    private final int sformCode;
    private final float[] quatern;
    private final float[] qoffset;
    private final float[] srowX;
    private final float[] srowY;
    private final float[] srowZ;
    private final int xyztUnits;
    private final String descrip;
    /** Voxel data, little-endian, i fastest. */
    private final byte[] data;

    private NiftiImage(Builder b, boolean copyData) {
        this.ndim = b.ndim;
        this.nx = b.nx;
        this.ny = b.ny;
        this.nz = b.nz;
        this.dataType = b.dataType;
        this.pixdim = b.pixdim.clone();
        this.sclSlope = b.sclSlope;
        this.sclInter = b.sclInter;
        this.qformCode = b.qformCode;
        this.sformCode = b.sformCode;
        this.quatern = b.quatern.clone();
        this.qoffset = b.qoffset.clone();
        this.srowX = b.srowX.clone();
        this.srowY = b.srowY.clone();
        this.srowZ = b.srowZ.clone();
        this.xyztUnits = b.xyztUnits;
        this.descrip = b.descrip;
        this.data = copyData ? b.data.clone() : b.data;
    }

    /**
     * A builder for an {@code nx × ny × nz} image of {@code type}, all voxels 0, {@code dim[0]} = 3,
     * {@code pixdim} all 1, no scaling ({@code scl_slope} 1, {@code scl_inter} 0),
     * no transform (both codes 0), units unknown, empty description.
     */
    public static Builder builder(int nx, int ny, int nz, NiftiDataType type) {
        return new Builder(nx, ny, nz, type);
    }

    /** A builder holding all of this image's fields and voxels. */
    public Builder toBuilder() {
        Builder b = new Builder(nx, ny, nz, dataType);
        b.ndim = ndim;
        b.pixdim = pixdim.clone();
        b.sclSlope = sclSlope;
        b.sclInter = sclInter;
        b.qformCode = qformCode;
        b.sformCode = sformCode;
        b.quatern = quatern.clone();
        b.qoffset = qoffset.clone();
        b.srowX = srowX.clone();
        b.srowY = srowY.clone();
        b.srowZ = srowZ.clone();
        b.xyztUnits = xyztUnits;
        b.descrip = descrip;
        b.data = data.clone();
        return b;
    }

    /** {@code dim[0]}: number of dimensions in the header, 1..7; dimensions past the third are 1. */
    public int ndim() {
        return ndim;
    }

    /** {@code dim[1]}: size along i. */
    public int nx() {
        return nx;
    }

    /** {@code dim[2]}: size along j. */
    public int ny() {
        return ny;
    }

    /** {@code dim[3]}: size along k. */
    public int nz() {
        return nz;
    }

    /** Number of voxels. */
    public int voxelCount() {
        return nx * ny * nz;
    }

    /** Voxel type. */
    public NiftiDataType dataType() {
        return dataType;
    }

    /** A copy of {@code pixdim[0..7]}; {@code pixdim[0]} is qfac, {@code pixdim[1..3]} the voxel size. */
    public float[] pixdim() {
        return pixdim.clone();
    }

    /**
     * Voxel spacing in mm from {@code pixdim[1..3]} and the spatial unit of {@code xyzt_units}
     * (mm, m or µm; an unknown unit, 0, is taken as mm as most CT tools write it). Each float is
     * read as the shortest decimal that prints it (0.7f gives 0.7, not 0.699999988).
     *
     * @throws IllegalArgumentException if a spacing is not finite and positive, or the spatial
     *     unit code is not one of 0..3
     */
    public VoxelSpacing spacing() {
        int unit = xyztUnits & 0x07;
        double toMm = switch (unit) {
            case 0, Nifti.UNITS_MM -> 1.0;
            case 1 -> 1000.0; // metres
            case 3 -> 0.001; // micrometres
            default -> throw new IllegalArgumentException("NIfTI spatial unit code " + unit
                    + " is not one of unknown 0, m 1, mm 2, um 3");
        };
        try {
            return new VoxelSpacing(shortest(pixdim[1]) * toMm, shortest(pixdim[2]) * toMm, shortest(pixdim[3]) * toMm);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("NIfTI pixdim[1..3] = (" + pixdim[1] + ", " + pixdim[2] + ", "
                    + pixdim[3] + ") is not a valid voxel spacing: " + e.getMessage(), e);
        }
    }

    /**
     * The double nearest the shortest decimal that reads back as {@code f}: the header stores
     * 0.7 mm as the float 0.699999988…, and this turns it back into 0.7, so a spacing that was a
     * short decimal survives a round trip exactly.
     */
    private static double shortest(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    /** {@code scl_slope} as stored. */
    public float sclSlope() {
        return sclSlope;
    }

    /** {@code scl_inter} as stored. */
    public float sclInter() {
        return sclInter;
    }

    /** Whether reading applies a slope/intercept other than the identity. */
    public boolean isScaled() {
        return effectiveSlope() != 1.0 || effectiveInter() != 0.0;
    }

    /** {@code qform_code}. */
    public int qformCode() {
        return qformCode;
    }

    /** {@code sform_code}. */
    public int sformCode() {
        return sformCode;
    }

    /** {@code quatern_b}. */
    public float quaternB() {
        return quatern[0];
    }

    /** {@code quatern_c}. */
    public float quaternC() {
        return quatern[1];
    }

    /** {@code quatern_d}. */
    public float quaternD() {
        return quatern[2];
    }

    /** {@code qoffset_x}. */
    public float qoffsetX() {
        return qoffset[0];
    }

    /** {@code qoffset_y}. */
    public float qoffsetY() {
        return qoffset[1];
    }

    /** {@code qoffset_z}. */
    public float qoffsetZ() {
        return qoffset[2];
    }

    /** A copy of {@code srow_x[0..3]}. */
    public float[] srowX() {
        return srowX.clone();
    }

    /** A copy of {@code srow_y[0..3]}. */
    public float[] srowY() {
        return srowY.clone();
    }

    /** A copy of {@code srow_z[0..3]}. */
    public float[] srowZ() {
        return srowZ.clone();
    }

    /** {@code xyzt_units}: spatial unit in bits 0-2 (2 = mm), temporal unit in bits 3-5. */
    public int xyztUnits() {
        return xyztUnits;
    }

    /** {@code descrip}: at most 79 ASCII characters. */
    public String descrip() {
        return descrip;
    }

    /** Raw stored value of voxel (i, j, k). */
    public double raw(int i, int j, int k) {
        return rawAt(index(i, j, k));
    }

    /** Scaled value of voxel (i, j, k): {@code slope · raw + inter} (see the class comment). */
    public double value(int i, int j, int k) {
        return valueAt(index(i, j, k));
    }

    /** Raw stored value at linear index {@code n} (i fastest, then j, then k). */
    public double rawAt(int n) {
        if (n < 0 || n >= voxelCount()) {
            throw new IndexOutOfBoundsException("voxel index " + n + " outside 0.." + (voxelCount() - 1));
        }
        int o = n * dataType.bytes();
        return switch (dataType) {
            case UINT8 -> data[o] & 0xFF;
            case INT16 -> (short) I16.get(data, o);
            case UINT16 -> ((short) I16.get(data, o)) & 0xFFFF;
            case INT32 -> (int) I32.get(data, o);
            case FLOAT32 -> (float) F32.get(data, o);
            case FLOAT64 -> (double) F64.get(data, o);
        };
    }

    /** Scaled value at linear index {@code n}. */
    public double valueAt(int n) {
        double r = rawAt(n);
        double s = effectiveSlope();
        double c = effectiveInter();
        return s == 1.0 && c == 0.0 ? r : r * s + c;
    }

    /** A copy of all raw values as doubles, i fastest. */
    public double[] rawValues() {
        double[] out = new double[voxelCount()];
        for (int n = 0; n < out.length; n++) {
            out[n] = rawAt(n);
        }
        return out;
    }

    /** A copy of all scaled values as doubles, i fastest. */
    public double[] values() {
        double[] out = new double[voxelCount()];
        for (int n = 0; n < out.length; n++) {
            out[n] = valueAt(n);
        }
        return out;
    }

    /** The voxel data as the file stores it, little-endian; not copied, callers must not change it. */
    byte[] dataBytes() {
        return data;
    }

    private double effectiveSlope() {
        return sclSlope == 0f || !Float.isFinite(sclSlope) ? 1.0 : sclSlope;
    }

    private double effectiveInter() {
        return sclSlope == 0f || !Float.isFinite(sclSlope) || !Float.isFinite(sclInter) ? 0.0 : sclInter;
    }

    private int index(int i, int j, int k) {
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
            throw new IndexOutOfBoundsException("voxel (" + i + ", " + j + ", " + k + ") outside " + nx + "x" + ny
                    + "x" + nz);
        }
        return (k * ny + j) * nx + i;
    }

    /** Equal when every kept header field and every data byte are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NiftiImage m && m.ndim == ndim && m.nx == nx && m.ny == ny && m.nz == nz
                && m.dataType == dataType && Arrays.equals(m.pixdim, pixdim)
                && Float.compare(m.sclSlope, sclSlope) == 0 && Float.compare(m.sclInter, sclInter) == 0
                && m.qformCode == qformCode && m.sformCode == sformCode && Arrays.equals(m.quatern, quatern)
                && Arrays.equals(m.qoffset, qoffset) && Arrays.equals(m.srowX, srowX)
                && Arrays.equals(m.srowY, srowY) && Arrays.equals(m.srowZ, srowZ) && m.xyztUnits == xyztUnits
                && m.descrip.equals(descrip) && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ndim, nx, ny, nz, dataType, Arrays.hashCode(pixdim), descrip) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NiftiImage[" + nx + "x" + ny + "x" + nz + ", " + dataType + ", pixdim " + pixdim[1] + "x" + pixdim[2]
                + "x" + pixdim[3] + ", slope " + sclSlope + ", inter " + sclInter + ", qform " + qformCode
                + ", sform " + sformCode + "]";
    }

    /** Mutable builder; not thread-safe. Each setter validates its argument. */
    public static final class Builder {
        private final int nx;
        private final int ny;
        private final int nz;
        private final NiftiDataType dataType;
        private final int byteCount;
        /** Allocated on first use, so that a reader's builder never holds a second copy. */
        private byte[] data;
        private int ndim = 3;
        private float[] pixdim = {1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f};
        private float sclSlope = 1f;
        private float sclInter = 0f;
        private int qformCode;
        private int sformCode;
        private float[] quatern = new float[3];
        private float[] qoffset = new float[3];
        private float[] srowX = new float[4];
        private float[] srowY = new float[4];
        private float[] srowZ = new float[4];
        private int xyztUnits;
        private String descrip = "";

        private Builder(int nx, int ny, int nz, NiftiDataType type) {
            Objects.requireNonNull(type, "type");
            if (nx < 1 || ny < 1 || nz < 1) {
                throw new IllegalArgumentException("NIfTI dims must be >= 1, got " + nx + "x" + ny + "x" + nz);
            }
            long bytes = (long) nx * ny * nz * type.bytes();
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("NIfTI image " + nx + "x" + ny + "x" + nz + " of " + type + " needs "
                        + bytes + " bytes, more than one Java array holds");
            }
            this.nx = nx;
            this.ny = ny;
            this.nz = nz;
            this.dataType = type;
            this.byteCount = (int) bytes;
        }

        /** {@code dim[0]}, 1..7; below 3 the missing sizes must be 1, above 3 the extra sizes are 1. */
        public Builder ndim(int n) {
            if (n < 1 || n > 7) {
                throw new IllegalArgumentException("NIfTI dim[0] must be 1..7, got " + n);
            }
            if ((n < 3 && nz != 1) || (n < 2 && ny != 1)) {
                throw new IllegalArgumentException("NIfTI dim[0] = " + n + " but the image is " + nx + "x" + ny + "x"
                        + nz);
            }
            this.ndim = n;
            return this;
        }

        /** {@code pixdim[0..7]} (8 values, copied). */
        public Builder pixdim(float[] p) {
            this.pixdim = copy8("pixdim", p, 8);
            return this;
        }

        /** Sets {@code pixdim[1..3]} to the spacing in mm and the spatial unit to mm. */
        public Builder spacing(VoxelSpacing s) {
            pixdim[1] = (float) s.x();
            pixdim[2] = (float) s.y();
            pixdim[3] = (float) s.z();
            xyztUnits = (xyztUnits & ~0x07) | Nifti.UNITS_MM;
            return this;
        }

        /** {@code scl_slope} and {@code scl_inter}. */
        public Builder scaling(float slope, float inter) {
            this.sclSlope = slope;
            this.sclInter = inter;
            return this;
        }

        /** {@code qform_code} and {@code quatern_b/c/d}, {@code qoffset_x/y/z}. */
        public Builder qform(int code, float b, float c, float d, float ox, float oy, float oz) {
            this.qformCode = checkShort("qform_code", code);
            this.quatern = new float[] {b, c, d};
            this.qoffset = new float[] {ox, oy, oz};
            return this;
        }

        /** {@code sform_code} and {@code srow_x/y/z} (4 values each, copied). */
        public Builder sform(int code, float[] x, float[] y, float[] z) {
            this.sformCode = checkShort("sform_code", code);
            this.srowX = copy8("srow_x", x, 4);
            this.srowY = copy8("srow_y", y, 4);
            this.srowZ = copy8("srow_z", z, 4);
            return this;
        }

        /** {@code xyzt_units}, 0..255. */
        public Builder xyztUnits(int u) {
            if (u < 0 || u > 255) {
                throw new IllegalArgumentException("NIfTI xyzt_units must be 0..255, got " + u);
            }
            this.xyztUnits = u;
            return this;
        }

        /** {@code descrip}: at most 79 printable ASCII characters. */
        public Builder descrip(String d) {
            Objects.requireNonNull(d, "descrip");
            if (d.length() > 79) {
                throw new IllegalArgumentException("NIfTI descrip holds at most 79 characters, got " + d.length());
            }
            for (int i = 0; i < d.length(); i++) {
                char c = d.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    throw new IllegalArgumentException("NIfTI descrip must be printable ASCII, character " + i
                            + " is U+" + String.format("%04X", (int) c));
                }
            }
            this.descrip = d;
            return this;
        }

        /**
         * Sets the raw value at linear index {@code n} (i fastest).
         *
         * @throws IllegalArgumentException if the type cannot hold {@code v} exactly
         */
        public Builder setRaw(int n, double v) {
            if (n < 0 || n >= nx * ny * nz) {
                throw new IndexOutOfBoundsException("voxel index " + n + " outside 0.." + (nx * ny * nz - 1));
            }
            if (!dataType.canHold(v)) {
                throw new IllegalArgumentException("NIfTI " + dataType + " cannot hold " + v + " (voxel ("
                        + n % nx + ", " + n / nx % ny + ", " + n / nx / ny + "))");
            }
            int o = n * dataType.bytes();
            byte[] data = data();
            switch (dataType) {
                case UINT8 -> data[o] = (byte) (int) v;
                case INT16, UINT16 -> I16.set(data, o, (short) (int) v);
                case INT32 -> I32.set(data, o, (int) v);
                case FLOAT32 -> F32.set(data, o, (float) v);
                case FLOAT64 -> F64.set(data, o, v);
                default -> throw new AssertionError(dataType);
            }
            return this;
        }

        /** Sets the raw value of voxel (i, j, k). */
        public Builder setRaw(int i, int j, int k, double v) {
            if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
                throw new IndexOutOfBoundsException("voxel (" + i + ", " + j + ", " + k + ") outside " + nx + "x"
                        + ny + "x" + nz);
            }
            return setRaw((k * ny + j) * nx + i, v);
        }

        /**
         * Builds an image that takes {@code bytes} (little-endian, i fastest, of the exact length)
         * as its data without a copy; the caller must not touch them afterwards. Saves a copy of a
         * volume that was just read.
         */
        NiftiImage buildWithData(byte[] bytes) {
            if (bytes.length != byteCount) {
                throw new IllegalArgumentException("NIfTI data of " + nx + "x" + ny + "x" + nz + " " + dataType
                        + " needs " + byteCount + " bytes, got " + bytes.length);
            }
            checkNdim();
            this.data = bytes;
            NiftiImage img = new NiftiImage(this, false);
            this.data = null;
            return img;
        }

        /** The image; later builder changes do not reach it. */
        public NiftiImage build() {
            checkNdim();
            data();
            return new NiftiImage(this, true);
        }

        /** As {@link #build()}, handing over the voxel array uncopied: the builder must not be used after. */
        NiftiImage buildUncopied() {
            checkNdim();
            data();
            return new NiftiImage(this, false);
        }

        private byte[] data() {
            if (data == null) {
                data = new byte[byteCount];
            }
            return data;
        }

        private void checkNdim() {
            if ((ndim < 3 && nz != 1) || (ndim < 2 && ny != 1)) {
                throw new IllegalArgumentException("NIfTI dim[0] = " + ndim + " but the image is " + nx + "x" + ny
                        + "x" + nz);
            }
        }

        private static float[] copy8(String name, float[] v, int n) {
            if (v.length != n) {
                throw new IllegalArgumentException("NIfTI " + name + " needs " + n + " values, got " + v.length);
            }
            return v.clone();
        }

        private static int checkShort(String name, int v) {
            if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                throw new IllegalArgumentException("NIfTI " + name + " must fit a 16-bit integer, got " + v);
            }
            return v;
        }
    }
}
