package org.wsss.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.WsssIoException;

/**
 * A CT volume read from a NIfTI-1 or NIfTI-2 file ({@code .nii} or {@code .nii.gz}) for
 * segmentation: the voxels in HU on the SDK's axial grid ({@link AxialGrid}), and what is needed
 * to put a mask back on the file's own grid and affine ({@link #toFileGrid}).
 *
 * <h2>What is read</h2>
 * <ul>
 * <li>NIfTI-1 ({@code sizeof_hdr} 348, magic {@code n+1}) and NIfTI-2 (540, {@code n+2}), either
 *     byte order, gzip detected by its magic bytes; header extensions skipped.</li>
 * <li>Every integer and float datatype: int8, uint8, int16, uint16, int32, uint32, int64, uint64,
 *     float32, float64; values scaled by {@code scl_slope}/{@code scl_inter} when the slope is
 *     non-zero. Complex, RGB and 128-bit types are refused.</li>
 * <li>3D images, or 4D..7D with every size past the third equal to 1.</li>
 * <li>The voxel-to-world transform: the sform when {@code sform_code} &gt; 0, else the qform when
 *     {@code qform_code} &gt; 0, else the diagonal of {@code pixdim} (NIfTI's "method 1"). Codes
 *     must be 0..5 (unknown, scanner, aligned, Talairach, MNI, template); another code is an error.
 *     Spacing is the length of each voxel axis in that transform, in mm (spatial units m and µm
 *     are converted; unknown units are taken as mm).</li>
 * </ul>
 * The header's sizes are checked against the file and against {@code maxVoxels} before any
 * voxel array is allocated, so a corrupt or hostile header fails with a message, not an
 * {@link OutOfMemoryError}.
 *
 * <h2>Deviations from the paper</h2>
 * None (the paper reads DeepLesion PNGs). Oblique volumes are segmented on their nearest axial
 * grid without resampling; the mask is written back on the file's exact grid.
 */
public final class NiftiVolume {

    /** Default largest volume read, in voxels: 1024 × 1024 × 1024. */
    public static final long DEFAULT_MAX_VOXELS = 1L << 30;

    private final Path file;
    private final Volume volume;
    private final VolumeGeometry geometry;

    private NiftiVolume(Path file, Volume volume, VolumeGeometry geometry) {
        this.file = file;
        this.volume = volume;
        this.geometry = geometry;
    }

    /**
     * Reads {@code file} with {@link #DEFAULT_MAX_VOXELS}.
     *
     * @throws WsssIoException naming the file and what is wrong
     */
    public static NiftiVolume read(Path file) {
        return read(file, DEFAULT_MAX_VOXELS);
    }

    /**
     * Reads {@code file}, refusing volumes of more than {@code maxVoxels} voxels (or more than the
     * heap can hold) before allocating them.
     *
     * @throws WsssIoException naming the file and what is wrong
     */
    public static NiftiVolume read(Path file, long maxVoxels) {
        return (NiftiVolume) read(file, maxVoxels, true);
    }

    /**
     * Reads only the header of {@code file}: the geometry, with no voxel read (a {@code .nii.gz}
     * is decompressed only as far as its header).
     *
     * @throws WsssIoException naming the file and what is wrong with the header
     */
    public static VolumeGeometry readGeometry(Path file) {
        return (VolumeGeometry) read(file, Long.MAX_VALUE, false);
    }

    private static Object read(Path file, long maxVoxels, boolean voxels) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = open(file)) {
            return parse(file, in, maxVoxels, voxels);
        } catch (NoSuchFileException e) {
            throw new WsssIoException(file, "file not found", e);
        } catch (EOFException e) {
            throw new WsssIoException(file, "truncated: " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new WsssIoException(file, "corrupt gzip stream: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WsssIoException(file, "cannot read: " + e, e);
        } catch (IllegalArgumentException e) {
            throw new WsssIoException(file, e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int a = raw.read(), b = raw.read();
        raw.reset();
        return a == 0x1F && b == 0x8B ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** The voxels in HU on the SDK's axial grid, with the spacing in mm. */
    public Volume volume() {
        return volume;
    }

    /** The file's geometry: grid map, voxel-to-world transform, spacing. */
    public VolumeGeometry geometry() {
        return geometry;
    }

    /** {@code mask} (on {@link #volume()}'s grid) as a uint8 {0, 1} image on the file's grid and affine. */
    public NiftiImage toFileGrid(Mask3D mask) {
        return geometry.toFileGrid(mask);
    }

    // ---------------------------------------------------------------- parsing

    private static final int[] SUPPORTED = {2, 4, 8, 16, 64, 256, 512, 768, 1024, 1280};

    static Object parse(Path file, InputStream in, long maxVoxels, boolean voxels) throws IOException {
        byte[] first = in.readNBytes(348);
        if (first.length < 348) {
            throw new EOFException(first.length + " bytes, shorter than any NIfTI header");
        }
        ByteBuffer h = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN);
        int size = h.getInt(0);
        if (size != 348 && size != 540) {
            h.order(ByteOrder.BIG_ENDIAN);
            size = h.getInt(0);
        }
        if (size != 348 && size != 540) {
            throw new IllegalArgumentException("not a NIfTI file: sizeof_hdr is " + h.order(ByteOrder.LITTLE_ENDIAN)
                    .getInt(0) + " (348 for NIfTI-1, 540 for NIfTI-2, in either byte order)");
        }
        Header hd;
        long read;
        if (size == 348) {
            hd = nifti1(h, first);
            read = 348;
        } else {
            byte[] rest = in.readNBytes(540 - 348);
            if (rest.length < 540 - 348) {
                throw new EOFException("NIfTI-2 header cut at " + (348 + rest.length) + " of 540 bytes");
            }
            byte[] all = new byte[540];
            System.arraycopy(first, 0, all, 0, 348);
            System.arraycopy(rest, 0, all, 348, rest.length);
            hd = nifti2(ByteBuffer.wrap(all).order(h.order()), all);
            read = 540;
        }
        long count = hd.dims[0] * hd.dims[1] * hd.dims[2];
        int[] dims = {(int) hd.dims[0], (int) hd.dims[1], (int) hd.dims[2]};
        double[][] affine = hd.affine();
        AxialGrid grid = AxialGrid.fromAffine(dims, affine);
        double unit = hd.unitToMm();
        VoxelSpacing spacing = new VoxelSpacing(hd.mm(Affines.columnNorm(affine, grid.fileAxis()[0]) * unit),
                hd.mm(Affines.columnNorm(affine, grid.fileAxis()[1]) * unit),
                hd.mm(Affines.columnNorm(affine, grid.fileAxis()[2]) * unit));
        VolumeGeometry geometry = new VolumeGeometry(grid, scaleAffine(affine, unit), spacing, hd.template());
        if (!voxels) {
            return geometry;
        }
        if (count > maxVoxels) {
            throw new IllegalArgumentException("volume of " + hd.dims[0] + "x" + hd.dims[1] + "x" + hd.dims[2] + " = "
                    + count + " voxels is larger than the limit of " + maxVoxels);
        }
        long heap = Runtime.getRuntime().maxMemory();
        // The HU floats plus one slice in flight; refuse what the heap cannot hold at all.
        if (count * 4 > heap) {
            throw new IllegalArgumentException("volume of " + count + " voxels needs " + count * 4 / (1 << 20)
                    + " MB as HU floats, more than the Java heap's " + heap / (1 << 20) + " MB (raise -Xmx)");
        }
        long skip = hd.voxOffset - read;
        if (skip < 0) {
            throw new IllegalArgumentException("vox_offset " + hd.voxOffset + " lies inside the header");
        }
        in.skipNBytes(skip);

        Volume volume = readVoxels(in, hd, grid, spacing);
        if (in.read() != -1) {
            throw new IllegalArgumentException("data length mismatch: more bytes follow the " + count + " voxels of "
                    + dims[0] + "x" + dims[1] + "x" + dims[2] + " the header announces");
        }
        return new NiftiVolume(file, volume, geometry);
    }

    private static double[][] scaleAffine(double[][] a, double unit) {
        double[][] c = new double[4][4];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 4; k++) {
                c[r][k] = a[r][k] * unit;
            }
        }
        c[3][3] = 1;
        return c;
    }

    /** Streams the voxels into SDK-ordered slices, scaling on the way. */
    private static Volume readVoxels(InputStream in, Header hd, AxialGrid grid, VoxelSpacing spacing)
            throws IOException {
        int w = grid.size(0), hgt = grid.size(1), d = grid.size(2);
        int[] fd = grid.fileDims();
        // SDK stride and start for each file axis, so that the file's own order is walked once.
        long[] stride = new long[3];
        long start = 0;
        long[] sdkStride = {1, w, (long) w * hgt};
        int[] fa = grid.fileAxis();
        boolean[] fl = grid.flipped();
        for (int c = 0; c < 3; c++) {
            int a = fa[c];
            stride[a] = fl[c] ? -sdkStride[c] : sdkStride[c];
            if (fl[c]) {
                start += (fd[a] - 1) * sdkStride[c];
            }
        }
        float[][] slices = new float[d][w * hgt];
        int bpv = hd.bytesPerVoxel();
        ByteBuffer buf = ByteBuffer.allocate(bpv * Math.min(fd[0], 1 << 16)).order(hd.order);
        boolean scaled = hd.slope != 0 && Double.isFinite(hd.slope) && Double.isFinite(hd.inter)
                && !(hd.slope == 1 && hd.inter == 0);
        int plane = w * hgt;
        long idxK = start;
        for (int k = 0; k < fd[2]; k++, idxK += stride[2]) {
            long idxJ = idxK;
            for (int j = 0; j < fd[1]; j++, idxJ += stride[1]) {
                long idx = idxJ;
                int i = 0;
                while (i < fd[0]) {
                    int n = Math.min(fd[0] - i, buf.capacity() / bpv);
                    buf.clear().limit(n * bpv);
                    int got = in.readNBytes(buf.array(), 0, n * bpv);
                    if (got < n * bpv) {
                        throw new EOFException("the data ends at voxel (" + (i + got / bpv) + ", " + j + ", " + k
                                + ") of " + fd[0] + "x" + fd[1] + "x" + fd[2]);
                    }
                    for (int q = 0; q < n; q++, i++, idx += stride[0]) {
                        double v = hd.value(buf, q * bpv);
                        if (scaled) {
                            v = v * hd.slope + hd.inter;
                        }
                        float f = (float) v;
                        if (!Float.isFinite(f)) {
                            throw new IllegalArgumentException("voxel (" + i + ", " + j + ", " + k + ") is " + v
                                    + "; HU values must be finite floats");
                        }
                        slices[(int) (idx / plane)][(int) (idx % plane)] = f;
                    }
                }
            }
        }
        List<Slice> out = new ArrayList<>(d);
        for (int z = 0; z < d; z++) {
            out.add(Slice.of(w, hgt, slices[z], spacing));
            slices[z] = null;
        }
        return Volume.of(out, spacing);
    }

    private static Header nifti1(ByteBuffer h, byte[] b) {
        String magic = new String(b, 344, 4, StandardCharsets.ISO_8859_1);
        if (magic.equals("ni1\0")) {
            throw new IllegalArgumentException("two-file NIfTI (.hdr/.img, magic \"ni1\") is not supported; "
                    + "convert it to a single .nii");
        }
        if (!magic.equals("n+1\0")) {
            throw new IllegalArgumentException("bad NIfTI-1 magic, expected \"n+1\"");
        }
        Header hd = new Header(h.order());
        hd.singlePrecision = true;
        int ndim = h.getShort(40);
        long[] dim = new long[8];
        for (int d = 1; d <= 7; d++) {
            dim[d] = h.getShort(40 + 2 * d);
        }
        hd.setDims(ndim, dim);
        hd.datatype = h.getShort(70);
        hd.bitpix = h.getShort(72);
        for (int i = 0; i < 8; i++) {
            hd.pixdim[i] = h.getFloat(76 + 4 * i);
        }
        float vo = h.getFloat(108);
        if (!(vo >= 348) || vo != Math.rint(vo)) {
            throw new IllegalArgumentException("vox_offset " + vo + " is not a whole number >= 348");
        }
        hd.voxOffset = (long) vo;
        hd.slope = h.getFloat(112);
        hd.inter = h.getFloat(116);
        hd.units = b[123] & 0x07;
        hd.qformCode = h.getShort(252);
        hd.sformCode = h.getShort(254);
        for (int i = 0; i < 6; i++) {
            hd.quatern[i] = h.getFloat(256 + 4 * i);
        }
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 4; k++) {
                hd.srow[r][k] = h.getFloat(280 + 16 * r + 4 * k);
            }
        }
        hd.check();
        return hd;
    }

    private static Header nifti2(ByteBuffer h, byte[] b) {
        String magic = new String(b, 4, 8, StandardCharsets.ISO_8859_1);
        if (magic.startsWith("ni2\0")) {
            throw new IllegalArgumentException("two-file NIfTI-2 (magic \"ni2\") is not supported; convert it to a"
                    + " single .nii");
        }
        if (!magic.startsWith("n+2\0")) {
            throw new IllegalArgumentException("bad NIfTI-2 magic, expected \"n+2\"");
        }
        Header hd = new Header(h.order());
        hd.datatype = h.getShort(12);
        hd.bitpix = h.getShort(14);
        long[] dim = new long[8];
        for (int d = 1; d <= 7; d++) {
            dim[d] = h.getLong(16 + 8 * d);
        }
        hd.setDims(h.getLong(16), dim);
        for (int i = 0; i < 8; i++) {
            hd.pixdim[i] = h.getDouble(104 + 8 * i);
        }
        hd.voxOffset = h.getLong(168);
        if (hd.voxOffset < 540) {
            throw new IllegalArgumentException("vox_offset " + hd.voxOffset + " is less than 540");
        }
        hd.slope = h.getDouble(176);
        hd.inter = h.getDouble(184);
        hd.qformCode = h.getInt(344);
        hd.sformCode = h.getInt(348);
        for (int i = 0; i < 6; i++) {
            hd.quatern[i] = h.getDouble(352 + 8 * i);
        }
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 4; k++) {
                hd.srow[r][k] = h.getDouble(400 + 32 * r + 8 * k);
            }
        }
        hd.units = h.getInt(500) & 0x07;
        hd.check();
        return hd;
    }

    /** The header fields this reader uses, from either version. */
    private static final class Header {
        final ByteOrder order;
        final long[] dims = new long[3];
        int ndim;
        int datatype;
        int bitpix;
        final double[] pixdim = new double[8];
        long voxOffset;
        double slope;
        double inter;
        int units;
        int qformCode;
        int sformCode;
        final double[] quatern = new double[6];
        final double[][] srow = new double[3][4];
        boolean singlePrecision;

        Header(ByteOrder order) {
            this.order = order;
        }

        void setDims(long n, long[] dim) {
            if (n < 1 || n > 7) {
                throw new IllegalArgumentException("dim[0] is " + n + ", must be 1..7");
            }
            ndim = (int) n;
            for (int d = 1; d <= 3; d++) {
                dims[d - 1] = d <= n ? dim[d] : 1;
            }
            for (int d = 1; d <= n; d++) {
                if (dim[d] < 1) {
                    throw new IllegalArgumentException("dim[" + d + "] is " + dim[d] + ", must be >= 1");
                }
                if (d > 3 && dim[d] != 1) {
                    throw new IllegalArgumentException("dim[" + d + "] is " + dim[d] + "; only 3D volumes (sizes past"
                            + " the third equal to 1) are read");
                }
                if (d <= 3 && dim[d] > Integer.MAX_VALUE / 2) {
                    throw new IllegalArgumentException("dim[" + d + "] is " + dim[d] + ", too large");
                }
            }
        }

        void check() {
            boolean known = false;
            for (int s : SUPPORTED) {
                known |= s == datatype;
            }
            if (!known) {
                throw new IllegalArgumentException("unsupported datatype " + datatype + " (read: int8 256, uint8 2,"
                        + " int16 4, uint16 512, int32 8, uint32 768, int64 1024, uint64 1280, float32 16,"
                        + " float64 64)");
            }
            if (bitpix != bytesPerVoxel() * 8) {
                throw new IllegalArgumentException("bitpix " + bitpix + " does not match datatype " + datatype);
            }
            checkCode("qform_code", qformCode);
            checkCode("sform_code", sformCode);
        }

        private static void checkCode(String name, int code) {
            if (code < 0 || code > 5) {
                throw new IllegalArgumentException("unknown " + name + " " + code + " (NIfTI defines 0 unknown,"
                        + " 1 scanner, 2 aligned, 3 Talairach, 4 MNI, 5 template)");
            }
        }

        int bytesPerVoxel() {
            return switch (datatype) {
                case 2, 256 -> 1;
                case 4, 512 -> 2;
                case 8, 16, 768 -> 4;
                default -> 8;
            };
        }

        double value(ByteBuffer b, int at) {
            return switch (datatype) {
                case 2 -> b.get(at) & 0xFF;
                case 256 -> b.get(at);
                case 4 -> b.getShort(at);
                case 512 -> b.getShort(at) & 0xFFFF;
                case 8 -> b.getInt(at);
                case 768 -> b.getInt(at) & 0xFFFFFFFFL;
                case 1024 -> (double) b.getLong(at);
                case 1280 -> {
                    long v = b.getLong(at);
                    yield v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
                }
                case 16 -> b.getFloat(at);
                default -> b.getDouble(at);
            };
        }

        /**
         * A NIfTI-1 length as the shortest decimal of its float (0.83f is 0.83 mm, not
         * 0.8299999833), so a volume read from NIfTI has the spacing it was written with.
         */
        double mm(double v) {
            return singlePrecision ? Double.parseDouble(Float.toString((float) v)) : v;
        }

        double unitToMm() {
            return switch (units) {
                case 1 -> 1000.0;
                case 3 -> 0.001;
                default -> 1.0;
            };
        }

        double[][] affine() {
            if (sformCode > 0) {
                double[][] a = new double[4][4];
                for (int r = 0; r < 3; r++) {
                    a[r] = srow[r].clone();
                }
                a[3] = new double[] {0, 0, 0, 1};
                return a;
            }
            for (int i = 1; i <= 3; i++) {
                if (!(Math.abs(pixdim[i]) > 0) || !Double.isFinite(pixdim[i])) {
                    throw new IllegalArgumentException("pixdim[" + i + "] is " + pixdim[i]
                            + "; with sform_code 0 the voxel sizes must be non-zero");
                }
            }
            if (qformCode > 0) {
                return Affines.fromQuaternion(quatern, pixdim);
            }
            return new double[][] {{Math.abs(pixdim[1]), 0, 0, 0}, {0, Math.abs(pixdim[2]), 0, 0},
                {0, 0, Math.abs(pixdim[3]), 0}, {0, 0, 0, 1}};
        }

        /** An empty uint8 image carrying the header's geometry, for masks written back. */
        NiftiImage template() {
            float[] pd = new float[8];
            for (int i = 0; i < 8; i++) {
                pd[i] = (float) pixdim[i];
            }
            float[][] s = new float[3][4];
            for (int r = 0; r < 3; r++) {
                for (int k = 0; k < 4; k++) {
                    s[r][k] = (float) srow[r][k];
                }
            }
            return NiftiImage.builder(1, 1, 1, NiftiDataType.UINT8).pixdim(pd)
                    .qform(qformCode, (float) quatern[0], (float) quatern[1], (float) quatern[2], (float) quatern[3],
                            (float) quatern[4], (float) quatern[5])
                    .sform(sformCode, s[0], s[1], s[2]).xyztUnits(units).build();
        }
    }
}
