package org.wsss.io;

import org.wsss.api.Mask3D;

/** Moves SDK-grid masks and label maps onto a file's own grid (shared by the NIfTI and npz inputs). */
final class Grids {

    private Grids() {
    }

    /** {@code mask} as labels on the SDK grid: {@code label} where set, 0 elsewhere. */
    static byte[] labels(Mask3D mask, AxialGrid grid, int label) {
        if (mask.width() != grid.size(0) || mask.height() != grid.size(1) || mask.depth() != grid.size(2)) {
            throw new IllegalArgumentException("mask of " + mask.width() + "x" + mask.height() + "x" + mask.depth()
                    + " does not match the volume's " + grid.size(0) + "x" + grid.size(1) + "x" + grid.size(2));
        }
        byte[] out = new byte[grid.size(0) * grid.size(1) * grid.size(2)];
        // visit the set voxels only: a lesion is a small part of its volume
        for (long i = mask.nextSet(0); i >= 0; i = mask.nextSet(i + 1)) {
            out[(int) i] = (byte) label;
        }
        return out;
    }

    /** SDK-ordered labels → file-ordered labels (the same array when the grids coincide). */
    static byte[] toFileOrder(AxialGrid grid, byte[] sdk) {
        int w = grid.size(0), h = grid.size(1), d = grid.size(2);
        if (sdk.length != (long) w * h * d) {
            throw new IllegalArgumentException(sdk.length + " labels for a grid of " + w + "x" + h + "x" + d);
        }
        if (grid.isIdentity()) {
            return sdk;
        }
        int[] fd = grid.fileDims();
        int[] fa = grid.fileAxis();
        boolean[] fl = grid.flipped();
        long[] fileStride = {1, fd[0], (long) fd[0] * fd[1]};
        // file offset of SDK step +1 along each SDK axis, and of SDK voxel (0, 0, 0)
        long[] step = new long[3];
        long start = 0;
        for (int c = 0; c < 3; c++) {
            long st = fileStride[fa[c]];
            step[c] = fl[c] ? -st : st;
            if (fl[c]) {
                start += (fd[fa[c]] - 1) * st;
            }
        }
        byte[] out = new byte[sdk.length];
        int n = 0;
        for (int z = 0; z < d; z++) {
            long oz = start + z * step[2];
            for (int y = 0; y < h; y++) {
                long o = oz + y * step[1];
                for (int x = 0; x < w; x++, o += step[0]) {
                    out[(int) o] = sdk[n++];
                }
            }
        }
        return out;
    }

    /**
     * File voxel index of SDK voxel (x, y, z) = {@code m[3] + x·m[0] + y·m[1] + z·m[2]}: the
     * strides of {@link #toFileOrder} for one voxel at a time.
     */
    static long[] sdkToFile(AxialGrid grid) {
        int[] fd = grid.fileDims();
        int[] fa = grid.fileAxis();
        boolean[] fl = grid.flipped();
        long[] fileStride = {1, fd[0], (long) fd[0] * fd[1]};
        long[] m = new long[4];
        for (int c = 0; c < 3; c++) {
            long st = fileStride[fa[c]];
            m[c] = fl[c] ? -st : st;
            if (fl[c]) {
                m[3] += (fd[fa[c]] - 1) * st;
            }
        }
        return m;
    }

    /**
     * {@code mask} as a uint8 {0, 1} NIfTI-1 image on the file's grid with {@code template}'s
     * geometry: its set voxels mapped one by one, so a lesion mask of a large volume costs one
     * voxel array, not several.
     */
    static NiftiImage toFileGrid(AxialGrid grid, NiftiImage template, Mask3D mask, String descrip) {
        int w = grid.size(0), h = grid.size(1);
        if (mask.width() != w || mask.height() != h || mask.depth() != grid.size(2)) {
            throw new IllegalArgumentException("mask of " + mask.width() + "x" + mask.height() + "x" + mask.depth()
                    + " does not match the volume's " + w + "x" + h + "x" + grid.size(2));
        }
        NiftiImage.Builder b = fileBuilder(grid, template, descrip);
        long[] map = sdkToFile(grid);
        int plane = w * h;
        for (long i = mask.nextSet(0); i >= 0; i = mask.nextSet(i + 1)) {
            int x = (int) (i % w), y = (int) (i % plane / w), z = (int) (i / plane);
            b.setRaw((int) (map[3] + x * map[0] + y * map[1] + z * map[2]), 1);
        }
        return b.buildUncopied();
    }

    /** Labels on the file's grid as a uint8 NIfTI-1 image with {@code template}'s geometry. */
    static NiftiImage toFileGrid(AxialGrid grid, NiftiImage template, byte[] sdkLabels, String descrip) {
        return fileImage(grid, template, toFileOrder(grid, sdkLabels), descrip);
    }

    /** Labels already in the file's voxel order as a uint8 NIfTI-1 image with {@code template}'s geometry. */
    static NiftiImage fileImage(AxialGrid grid, NiftiImage template, byte[] file, String descrip) {
        int[] d = grid.fileDims();
        for (int i = 0; i < 3; i++) {
            if (d[i] > Short.MAX_VALUE) {
                throw new IllegalArgumentException("dimension " + d[i] + " does not fit a NIfTI-1 mask");
            }
        }
        if (file.length != (long) d[0] * d[1] * d[2]) {
            throw new IllegalArgumentException(file.length + " labels for a grid of " + d[0] + "x" + d[1] + "x" + d[2]);
        }
        NiftiImage.Builder b = fileBuilder(grid, template, descrip);
        for (int n = 0; n < file.length; n++) {
            if (file[n] != 0) {
                b.setRaw(n, file[n] & 0xFF);
            }
        }
        return b.buildUncopied();
    }

    /** An empty uint8 image on the file's grid with {@code template}'s geometry. */
    private static NiftiImage.Builder fileBuilder(AxialGrid grid, NiftiImage template, String descrip) {
        int[] d = grid.fileDims();
        for (int i = 0; i < 3; i++) {
            if (d[i] > Short.MAX_VALUE) {
                throw new IllegalArgumentException("dimension " + d[i] + " does not fit a NIfTI-1 mask");
            }
        }
        return NiftiImage.builder(d[0], d[1], d[2], NiftiDataType.UINT8)
                .pixdim(template.pixdim())
                .qform(template.qformCode(), template.quaternB(), template.quaternC(), template.quaternD(),
                        template.qoffsetX(), template.qoffsetY(), template.qoffsetZ())
                .sform(template.sformCode(), template.srowX(), template.srowY(), template.srowZ())
                .xyztUnits(template.xyztUnits()).scaling(1f, 0f).descrip(descrip);
    }

    /**
     * The label map of lesion masks already on a file grid: for each label in ascending order, its
     * mask's non-zero voxels not yet taken by a lower label.
     *
     * @throws org.wsss.api.WsssIoException if a mask cannot be read
     * @throws IllegalArgumentException if a mask's dims differ from {@code fileDims}, naming the file
     */
    static byte[] combine(java.util.Map<Integer, java.nio.file.Path> masks, int[] fileDims) {
        return combine(masks, java.util.Map.of(), null, fileDims);
    }

    /**
     * As {@link #combine(java.util.Map, int[])}, with the masks of {@code inMemory} (label → mask on
     * the SDK grid of {@code grid}) taken from memory instead of their files.
     */
    static byte[] combine(java.util.Map<Integer, java.nio.file.Path> masks, java.util.Map<Integer, Mask3D> inMemory,
                          AxialGrid grid, int[] fileDims) {
        byte[] out = new byte[fileDims[0] * fileDims[1] * fileDims[2]];
        java.util.TreeMap<Integer, Object> all = new java.util.TreeMap<>(masks);
        all.putAll(inMemory);
        for (java.util.Map.Entry<Integer, Object> e : all.entrySet()) {
            int label = e.getKey();
            if (label < 1 || label > 255) {
                throw new IllegalArgumentException("label " + label + " does not fit uint8 (1..255)");
            }
            if (e.getValue() instanceof Mask3D mask) {
                long[] map = sdkToFile(grid);
                int w = grid.size(0), plane = w * grid.size(1);
                if (mask.width() != w || mask.height() != grid.size(1) || mask.depth() != grid.size(2)) {
                    throw new IllegalArgumentException("mask of label " + label + " is " + mask.width() + "x"
                            + mask.height() + "x" + mask.depth() + ", the volume " + w + "x" + grid.size(1) + "x"
                            + grid.size(2));
                }
                for (long i = mask.nextSet(0); i >= 0; i = mask.nextSet(i + 1)) {
                    int x = (int) (i % w), y = (int) (i % plane / w), z = (int) (i / plane);
                    int n = (int) (map[3] + x * map[0] + y * map[1] + z * map[2]);
                    if (out[n] == 0) {
                        out[n] = (byte) label;
                    }
                }
                continue;
            }
            java.nio.file.Path path = (java.nio.file.Path) e.getValue();
            NiftiImage m = Nifti.read(path);
            if (m.nx() != fileDims[0] || m.ny() != fileDims[1] || m.nz() != fileDims[2]) {
                throw new IllegalArgumentException(path + " is " + m.nx() + "x" + m.ny() + "x" + m.nz()
                        + ", the volume " + fileDims[0] + "x" + fileDims[1] + "x" + fileDims[2]);
            }
            if (m.dataType() == NiftiDataType.UINT8) {
                byte[] raw = m.dataBytes();
                for (int n = 0; n < out.length; n++) {
                    if (raw[n] != 0 && out[n] == 0) {
                        out[n] = (byte) label;
                    }
                }
            } else {
                for (int n = 0; n < out.length; n++) {
                    if (out[n] == 0 && m.rawAt(n) != 0) {
                        out[n] = (byte) label;
                    }
                }
            }
        }
        return out;
    }

    /** A NIfTI mask read onto the SDK's axial grid through its own affine: set where non-zero. */
    static Mask3D readSdkMask(java.nio.file.Path file) {
        VolumeGeometry g = NiftiVolume.readGeometry(file);
        NiftiImage img = Nifti.read(file);
        AxialGrid grid = g.grid();
        int[] fd = grid.fileDims();
        Mask3D.Builder b = Mask3D.builder(grid.size(0), grid.size(1), grid.size(2), g.spacing());
        if (img.dataType() == NiftiDataType.UINT8) {
            // a byte scan; only the set voxels are mapped (the SDK's masks are written uint8)
            byte[] raw = img.dataBytes();
            int plane = fd[0] * fd[1];
            int total = plane * fd[2];
            for (int n = 0; n < total; n++) {
                if (raw[n] != 0) {
                    double[] s = grid.toSdk(new double[] {n % fd[0], n / fd[0] % fd[1], n / plane});
                    b.set((int) s[0], (int) s[1], (int) s[2]);
                }
            }
            return b.build();
        }
        int n = 0;
        for (int k = 0; k < fd[2]; k++) {
            for (int j = 0; j < fd[1]; j++) {
                for (int i = 0; i < fd[0]; i++, n++) {
                    if (img.rawAt(n) != 0) {
                        double[] s = grid.toSdk(new double[] {i, j, k});
                        b.set((int) s[0], (int) s[1], (int) s[2]);
                    }
                }
            }
        }
        return b.build();
    }

    /** {@link Nifti#write} after creating the file's folder. */
    static void write(NiftiImage img, java.nio.file.Path file) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new org.wsss.api.WsssIoException(file, "cannot create its folder: " + e, e);
        }
        Nifti.write(img, file);
    }

    /** {@code wsss mask <method>}, cut to NIfTI's 79 printable characters. */
    static String describe(Mask3D mask) {
        String s = "wsss mask " + mask.provenance().method();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 79; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return sb.toString();
    }
}
