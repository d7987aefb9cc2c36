package org.wsss.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.WsssIoException;

/**
 * Reads and writes single-file NIfTI-1 images ({@code .nii}, and {@code .nii.gz} through
 * {@code java.util.zip}), and converts them to and from the SDK's {@link Mask3D} and
 * {@link Volume}. The evaluation writes its 3D masks (Sec. 2.3 of the paper stacks the per-slice
 * masks into one) and reads reference volumes through this class.
 *
 * <h2>Axes</h2>
 * The SDK's voxel (x, y, z) — column x, row y, slice z in slice-index order — is stored at NIfTI
 * index (i = x, j = y, k = z), with no flip of any axis, so a mask of a DeepLesion series has
 * {@code dim} = (image width, image height, number of slices) and the file's data is in exactly
 * the order {@link Mask3D} stores its bits (x fastest, then y, then z).
 *
 * <h2>Orientation written</h2>
 * The SDK does not know the patient orientation, so the writer records the plain grid: a
 * voxel-to-world transform that is the diagonal of the spacing with no offset,
 * {@code (x, y, z) ↦ (x·sx, y·sy, z·sz)} mm. It is written twice, identically, with code 1
 * ({@code NIFTI_XFORM_SCANNER_ANAT}): as the qform (quaternion 0, 0, 0, qfac 1, offset 0) and as
 * the sform (rows {@code [sx 0 0 0]}, {@code [0 sy 0 0]}, {@code [0 0 sz 0]}). Code 1 rather than
 * 0 because with code 0 readers fall back to their own guess (nibabel, for one, flips x and
 * centres the image), and the same file would mean different things in different tools. The
 * transform is not a claim about the true anatomical direction: image rows of an axial CT run
 * towards the patient's back, which a true RAS+ affine would express with a negative y.
 *
 * <h2>Reading</h2>
 * Either byte order is read (detected by {@code sizeof_hdr} = 348 appearing swapped); gzip is
 * detected by its magic bytes, not by the file name. Supported: magic {@code "n+1"},
 * datatypes uint8, int16, int32, float32, float64, uint16, {@code dim[0]} 1..7 with every size
 * past the third equal to 1 (so 4D files with one time point are read), {@code vox_offset} ≥ 352.
 * Header extensions are skipped. The data must be exactly as long as the header's dims say.
 * Anything else gives a {@link WsssIoException} naming the file and what is wrong.
 *
 * <h2>Writing</h2>
 * Little-endian, magic {@code "n+1"}, {@code vox_offset} 352, no extensions (the 4 extension
 * bytes are zero); a name ending in {@code .gz} is gzip-compressed. A write goes to a temporary
 * file in the target's directory and is then moved over the target atomically (where the file
 * system can), so a reader never sees half a file.
 *
 * <h2>Deviations from the paper</h2>
 * None: the paper does not say how masks are stored; NIfTI-1 is what medical imaging tools read.
 */
public final class Nifti {

    /** {@code NIFTI_UNITS_MM}: spatial unit code for millimetres in {@code xyzt_units}. */
    public static final int UNITS_MM = 2;
    /** {@code NIFTI_XFORM_SCANNER_ANAT}: the qform/sform code this writer uses. */
    public static final int XFORM_SCANNER_ANAT = 1;

    static final int HEADER_SIZE = 348;
    static final int VOX_OFFSET = 352;
    private static final int MAX_DIM = 7;

    private Nifti() {
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a {@code .nii} or {@code .nii.gz} file.
     *
     * @throws WsssIoException if the file is missing, unreadable, truncated, not single-file
     *     NIfTI-1, of an unsupported datatype or shape, or its data length differs from the header's
     */
    public static NiftiImage read(Path file) {
        return read(file, org.wsss.api.ReadLimits.defaults());
    }

    /**
     * As {@link #read(Path)}, reading at most what {@code limits.volumeVoxels()} voxels of the
     * widest datatype (8 bytes) and a header take, from the file and from its decompression: a
     * device, a FIFO or a gzip bomb gives a {@code WsssIoException} naming the file and the limit.
     */
    public static NiftiImage read(Path file, org.wsss.api.ReadLimits limits) {
        Objects.requireNonNull(file, "file");
        byte[] bytes = readAll(file, limits);
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new WsssIoException(file, e.getMessage(), e);
        }
    }

    /**
     * Reads a binary mask: every voxel's scaled value must be 0 or 1.
     *
     * @throws WsssIoException as {@link #read(Path)}, or if a voxel is neither 0 nor 1 or the
     *     spacing is not valid
     */
    public static Mask3D readMask(Path file) {
        NiftiImage img = read(file);
        try {
            return toMask3D(img);
        } catch (IllegalArgumentException e) {
            throw new WsssIoException(file, e.getMessage(), e);
        }
    }

    /**
     * Reads a CT volume in HU (scaled values).
     *
     * @throws WsssIoException as {@link #read(Path)}, or if a value is not finite or the
     *     spacing is not valid
     */
    public static Volume readVolume(Path file) {
        NiftiImage img = read(file);
        try {
            return toVolume(img);
        } catch (IllegalArgumentException e) {
            throw new WsssIoException(file, e.getMessage(), e);
        }
    }

    private static byte[] readAll(Path file, org.wsss.api.ReadLimits limits) {
        byte[] raw;
        // A device (/dev/zero) never ends and a FIFO may block forever: regular files only.
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new WsssIoException(file, "not a regular file", null);
        }
        long max = maxFileBytes(limits);
        try {
            long size = Files.size(file);
            if (size > max) {
                throw new WsssIoException(file, org.wsss.api.ReadLimits.over("file size", size, "volumeVoxels (x 8 bytes)",
                        max), null);
            }
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WsssIoException(file, "file not found", e);
        } catch (IOException e) {
            throw new WsssIoException(file, "cannot read: " + e, e);
        }
        if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                // read at most the limit: a gzip bomb stops here, not at the end of the heap
                byte[] data = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
                if (data.length > max) {
                    throw new WsssIoException(file, "decompressed content is over " + max + " bytes, the most a"
                            + " NIfTI image within the limit volumeVoxels = " + limits.volumeVoxels() + " holds"
                            + " (--limit volumeVoxels=N raises it)", null);
                }
                return data;
            } catch (EOFException e) {
                throw new WsssIoException(file, "truncated gzip stream (" + raw.length + " compressed bytes)", e);
            } catch (ZipException e) {
                throw new WsssIoException(file, "corrupt gzip stream: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new WsssIoException(file, "cannot decompress: " + e, e);
            } catch (OutOfMemoryError e) {
                // readAllBytes signals content past the largest Java array this way.
                throw new WsssIoException(file, "decompressed content is too large to hold: " + e.getMessage(), e);
            }
        }
        return raw;
    }

    /** The largest file (or decompressed content) read: header and extensions plus 8 bytes per voxel. */
    private static long maxFileBytes(org.wsss.api.ReadLimits limits) {
        long voxels = limits.volumeVoxels();
        return Math.min(Integer.MAX_VALUE - 8L, voxels > (Long.MAX_VALUE >> 4) ? Long.MAX_VALUE : voxels * 8 + (1 << 20));
    }

    /** Parses a whole uncompressed file; problems are {@link IllegalArgumentException}s. */
    static NiftiImage parse(byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new IllegalArgumentException("truncated: " + bytes.length + " bytes, a NIfTI-1 header needs "
                    + HEADER_SIZE);
        }
        ByteBuffer h = ByteBuffer.wrap(bytes, 0, HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int sizeofHdr = h.getInt(0);
        if (sizeofHdr != HEADER_SIZE) {
            if (Integer.reverseBytes(sizeofHdr) == HEADER_SIZE) {
                h.order(ByteOrder.BIG_ENDIAN);
            } else if (sizeofHdr == 540 || Integer.reverseBytes(sizeofHdr) == 540) {
                throw new IllegalArgumentException("NIfTI-2 (sizeof_hdr 540) is not supported, only NIfTI-1");
            } else {
                throw new IllegalArgumentException("not a NIfTI-1 file: sizeof_hdr is " + sizeofHdr
                        + " (expected 348 in either byte order)");
            }
        }
        String magic = new String(bytes, 344, 4, StandardCharsets.ISO_8859_1);
        if (magic.equals("ni1\0")) {
            throw new IllegalArgumentException("two-file NIfTI (magic \"ni1\", .hdr/.img) is not supported,"
                    + " only single-file \"n+1\"");
        }
        if (!magic.equals("n+1\0")) {
            throw new IllegalArgumentException("bad magic " + printable(magic) + ", expected \"n+1\"");
        }

        int ndim = h.getShort(40);
        if (ndim < 1 || ndim > MAX_DIM) {
            throw new IllegalArgumentException("dim[0] is " + ndim + ", must be 1.." + MAX_DIM);
        }
        int[] dim = {1, 1, 1};
        for (int d = 1; d <= ndim; d++) {
            int n = h.getShort(40 + 2 * d);
            if (n < 1) {
                throw new IllegalArgumentException("dim[" + d + "] is " + n + ", must be >= 1");
            }
            if (d <= 3) {
                dim[d - 1] = n;
            } else if (n != 1) {
                throw new IllegalArgumentException("dim[" + d + "] is " + n + "; only 3D images (dims past the"
                        + " third equal to 1) are supported");
            }
        }
        int code = h.getShort(70);
        NiftiDataType type = NiftiDataType.fromCode(code).orElseThrow(() -> new IllegalArgumentException(
                "unsupported datatype " + code + " (supported: uint8 2, int16 4, int32 8, float32 16,"
                        + " float64 64, uint16 512)"));
        int bitpix = h.getShort(72);
        if (bitpix != type.bitpix()) {
            throw new IllegalArgumentException("bitpix " + bitpix + " does not match datatype " + type + " ("
                    + type.bitpix() + " bits)");
        }
        float[] pixdim = new float[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = h.getFloat(76 + 4 * i);
        }
        float voxOffsetF = h.getFloat(108);
        if (!(voxOffsetF >= VOX_OFFSET) || voxOffsetF != Math.rint(voxOffsetF) || voxOffsetF > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("vox_offset " + voxOffsetF + " is not a whole number >= " + VOX_OFFSET);
        }
        long voxOffset = (long) voxOffsetF;
        long need = (long) dim[0] * dim[1] * dim[2] * type.bytes();
        long have = bytes.length - voxOffset;
        if (have != need) {
            String what = have < need ? "truncated" : "data length mismatch";
            throw new IllegalArgumentException(what + ": header dims " + dim[0] + "x" + dim[1] + "x" + dim[2] + " of "
                    + type + " need " + need + " data bytes after vox_offset " + voxOffset + ", file holds "
                    + Math.max(have, 0));
        }

        NiftiImage.Builder b = NiftiImage.builder(dim[0], dim[1], dim[2], type)
                .ndim(ndim)
                .pixdim(pixdim)
                .scaling(h.getFloat(112), h.getFloat(116))
                .qform(h.getShort(252), h.getFloat(256), h.getFloat(260), h.getFloat(264),
                        h.getFloat(268), h.getFloat(272), h.getFloat(276))
                .sform(h.getShort(254), floats(h, 280), floats(h, 296), floats(h, 312))
                .xyztUnits(bytes[123] & 0xFF)
                .descrip(descrip(bytes));

        byte[] data = new byte[(int) need];
        System.arraycopy(bytes, (int) voxOffset, data, 0, data.length);
        if (h.order() == ByteOrder.BIG_ENDIAN) {
            swap(data, type.bytes());
        }
        return b.buildWithData(data);
    }

    private static float[] floats(ByteBuffer h, int at) {
        float[] v = new float[4];
        for (int i = 0; i < 4; i++) {
            v[i] = h.getFloat(at + 4 * i);
        }
        return v;
    }

    /** {@code descrip} up to its first NUL; bytes outside printable ASCII become '?'. */
    private static String descrip(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 148; i < 148 + 79; i++) {
            int c = bytes[i] & 0xFF;
            if (c == 0) {
                break;
            }
            sb.append(c >= 0x20 && c <= 0x7E ? (char) c : '?');
        }
        return sb.toString();
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c <= 0x7E) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb.append('"').toString();
    }

    private static void swap(byte[] data, int width) {
        if (width == 1) {
            return;
        }
        for (int o = 0; o < data.length; o += width) {
            for (int a = o, z = o + width - 1; a < z; a++, z--) {
                byte t = data[a];
                data[a] = data[z];
                data[z] = t;
            }
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code image} to {@code file}, gzip-compressed when the name ends in {@code .gz},
     * atomically replacing any existing file.
     *
     * @throws WsssIoException if the file cannot be written (the message names it)
     */
    public static void write(NiftiImage image, Path file) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(file, "file");
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new WsssIoException(file, "cannot write: directory " + dir + " does not exist", null);
        }
        AtomicFiles.write(file, out -> {
            OutputStream o = gzip ? gzip(out, image.dataType() == NiftiDataType.UINT8) : out;
            o.write(header(image));
            o.write(image.dataBytes());
            if (o instanceof GZIPOutputStream g) {
                g.finish();
            }
        });
    }

    /**
     * A gzip stream; masks and label maps ({@code fast}: uint8, mostly zeros) are deflated at
     * level 1, about 3 times faster than the default level 6 on a lesion mask of a CT volume,
     * with files still a small fraction of the raw size (docs/nifti-csv.md).
     */
    private static GZIPOutputStream gzip(OutputStream out, boolean fast) throws java.io.IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                if (fast) {
                    def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                }
            }
        };
    }

    /** Writes {@code mask} as a uint8 {0, 1} image ({@link #fromMask3D(Mask3D)}). */
    public static void writeMask(Mask3D mask, Path file) {
        write(fromMask3D(mask), file);
    }

    /** Writes {@code volume} as {@code type} ({@link #fromVolume(Volume, NiftiDataType)}). */
    public static void writeVolume(Volume volume, NiftiDataType type, Path file) {
        write(fromVolume(volume, type), file);
    }

    /** The 348-byte header plus the 4 zero extension bytes, little-endian. */
    static byte[] header(NiftiImage img) {
        ByteBuffer h = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, HEADER_SIZE);
        h.putShort(40, (short) img.ndim());
        int[] sizes = {img.nx(), img.ny(), img.nz()};
        for (int d = 1; d <= MAX_DIM; d++) {
            // Unused sizes are written as 1, as nibabel does: some tools multiply all seven.
            h.putShort(40 + 2 * d, (short) (d <= 3 ? sizes[d - 1] : 1));
        }
        h.putShort(70, (short) img.dataType().code());
        h.putShort(72, (short) img.dataType().bitpix());
        float[] pixdim = img.pixdim();
        for (int i = 0; i < 8; i++) {
            h.putFloat(76 + 4 * i, pixdim[i]);
        }
        h.putFloat(108, VOX_OFFSET);
        h.putFloat(112, img.sclSlope());
        h.putFloat(116, img.sclInter());
        h.put(123, (byte) img.xyztUnits());
        byte[] d = img.descrip().getBytes(StandardCharsets.US_ASCII);
        h.put(148, d);
        h.putShort(252, (short) img.qformCode());
        h.putShort(254, (short) img.sformCode());
        float[] q = {img.quaternB(), img.quaternC(), img.quaternD(), img.qoffsetX(), img.qoffsetY(), img.qoffsetZ()};
        for (int i = 0; i < 6; i++) {
            h.putFloat(256 + 4 * i, q[i]);
        }
        putFloats(h, 280, img.srowX());
        putFloats(h, 296, img.srowY());
        putFloats(h, 312, img.srowZ());
        h.put(344, new byte[] {'n', '+', '1', 0});
        return h.array();
    }

    private static void putFloats(ByteBuffer h, int at, float[] v) {
        for (int i = 0; i < v.length; i++) {
            h.putFloat(at + 4 * i, v[i]);
        }
    }

    // ---------------------------------------------------------------- conversions

    /**
     * The mask as a uint8 image of 0 and 1: {@code dim} = (width, height, depth), voxel (x, y, z)
     * at (i, j, k) = (x, y, z), {@code pixdim} and units (mm) from the spacing, the grid transform
     * of the class comment, no scaling, {@code descrip} "wsss mask " and the provenance's method.
     */
    public static NiftiImage fromMask3D(Mask3D mask) {
        NiftiImage.Builder b = grid(NiftiImage.builder(mask.width(), mask.height(), mask.depth(),
                NiftiDataType.UINT8), mask.spacing());
        boolean[] v = mask.toArray();
        for (int n = 0; n < v.length; n++) {
            if (v[n]) {
                b.setRaw(n, 1);
            }
        }
        return b.descrip(describe("wsss mask " + mask.provenance().method())).build();
    }

    /**
     * The image as a mask, true where the scaled value is 1.
     *
     * @throws IllegalArgumentException if a voxel's value is neither 0 nor 1 (a label map must be
     *     thresholded by the caller, not guessed at here) or {@link NiftiImage#spacing()} fails
     */
    public static Mask3D toMask3D(NiftiImage img) {
        VoxelSpacing spacing = img.spacing();
        int nx = img.nx();
        int ny = img.ny();
        Mask3D.Builder b = Mask3D.builder(nx, ny, img.nz(), spacing);
        int n = img.voxelCount();
        for (int i = 0; i < n; i++) {
            double v = img.valueAt(i);
            if (v == 1.0) {
                b.set(i % nx, i / nx % ny, i / nx / ny);
            } else if (v != 0.0) {
                throw new IllegalArgumentException("mask voxel (" + i % nx + ", " + i / nx % ny + ", " + i / nx / ny
                        + ") is " + v + "; a binary mask holds only 0 and 1");
            }
        }
        return b.build();
    }

    /**
     * The volume as {@link NiftiDataType#INT16} (every HU value must be a whole number in
     * −32768..32767) or {@link NiftiDataType#FLOAT32}, with {@code scl_slope} 1, {@code scl_inter}
     * 0, spacing and grid transform as for masks, {@code descrip} "wsss volume HU".
     *
     * @throws IllegalArgumentException for another type, or a value int16 cannot hold (naming the voxel)
     */
    public static NiftiImage fromVolume(Volume volume, NiftiDataType type) {
        if (type != NiftiDataType.INT16 && type != NiftiDataType.FLOAT32) {
            throw new IllegalArgumentException("volumes are written as INT16 or FLOAT32, not " + type);
        }
        int w = volume.width();
        int hgt = volume.height();
        NiftiImage.Builder b = grid(NiftiImage.builder(w, hgt, volume.depth(), type), volume.spacing());
        for (int z = 0; z < volume.depth(); z++) {
            float[] hu = volume.slice(z).toArray();
            int base = z * w * hgt;
            for (int p = 0; p < hu.length; p++) {
                if (!type.canHold(hu[p])) {
                    throw new IllegalArgumentException("volume voxel (" + p % w + ", " + p / w + ", " + z + ") is "
                            + hu[p] + " HU, which " + type + " cannot hold; write FLOAT32");
                }
                b.setRaw(base + p, hu[p]);
            }
        }
        return b.scaling(1f, 0f).descrip("wsss volume HU").build();
    }

    /**
     * The image as a volume of scaled values in HU, slice k of the file = slice z = k.
     *
     * @throws IllegalArgumentException if a scaled value is not finite or does not fit a float,
     *     naming the voxel, or {@link NiftiImage#spacing()} fails
     */
    public static Volume toVolume(NiftiImage img) {
        VoxelSpacing spacing = img.spacing();
        int nx = img.nx();
        int ny = img.ny();
        List<Slice> slices = new ArrayList<>(img.nz());
        float[] hu = new float[nx * ny];
        for (int k = 0; k < img.nz(); k++) {
            int base = k * nx * ny;
            for (int p = 0; p < hu.length; p++) {
                float v = (float) img.valueAt(base + p);
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("voxel (" + p % nx + ", " + p / nx + ", " + k + ") is "
                            + img.valueAt(base + p) + "; HU values must be finite floats");
                }
                hu[p] = v;
            }
            slices.add(Slice.of(nx, ny, hu, spacing));
        }
        return Volume.of(slices, spacing);
    }

    /** Sets spacing, mm units and the plain diagonal qform and sform with code 1. */
    private static NiftiImage.Builder grid(NiftiImage.Builder b, VoxelSpacing s) {
        float sx = (float) s.x();
        float sy = (float) s.y();
        float sz = (float) s.z();
        return b.pixdim(new float[] {1f, sx, sy, sz, 1f, 1f, 1f, 1f})
                .xyztUnits(UNITS_MM)
                .qform(XFORM_SCANNER_ANAT, 0f, 0f, 0f, 0f, 0f, 0f)
                .sform(XFORM_SCANNER_ANAT, new float[] {sx, 0f, 0f, 0f}, new float[] {0f, sy, 0f, 0f},
                        new float[] {0f, 0f, sz, 0f});
    }

    private static String describe(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 79; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return sb.toString();
    }
}
