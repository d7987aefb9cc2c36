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
        boolean[] v = mask.toArray();
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i]) {
                out[i] = (byte) label;
            }
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
        NiftiImage.Builder b = NiftiImage.builder(d[0], d[1], d[2], NiftiDataType.UINT8)
                .pixdim(template.pixdim())
                .qform(template.qformCode(), template.quaternB(), template.quaternC(), template.quaternD(),
                        template.qoffsetX(), template.qoffsetY(), template.qoffsetZ())
                .sform(template.sformCode(), template.srowX(), template.srowY(), template.srowZ())
                .xyztUnits(template.xyztUnits()).scaling(1f, 0f).descrip(descrip);
        for (int n = 0; n < file.length; n++) {
            if (file[n] != 0) {
                b.setRaw(n, file[n] & 0xFF);
            }
        }
        return b.build();
    }

    /**
     * The label map of lesion masks already on a file grid: for each label in ascending order, its
     * mask's non-zero voxels not yet taken by a lower label.
     *
     * @throws org.wsss.api.WsssIoException if a mask cannot be read
     * @throws IllegalArgumentException if a mask's dims differ from {@code fileDims}, naming the file
     */
    static byte[] combine(java.util.Map<Integer, java.nio.file.Path> masks, int[] fileDims) {
        byte[] out = new byte[fileDims[0] * fileDims[1] * fileDims[2]];
        for (java.util.Map.Entry<Integer, java.nio.file.Path> e : new java.util.TreeMap<>(masks).entrySet()) {
            NiftiImage m = Nifti.read(e.getValue());
            if (m.nx() != fileDims[0] || m.ny() != fileDims[1] || m.nz() != fileDims[2]) {
                throw new IllegalArgumentException(e.getValue() + " is " + m.nx() + "x" + m.ny() + "x" + m.nz()
                        + ", the volume " + fileDims[0] + "x" + fileDims[1] + "x" + fileDims[2]);
            }
            int label = e.getKey();
            if (label < 1 || label > 255) {
                throw new IllegalArgumentException("label " + label + " does not fit uint8 (1..255)");
            }
            for (int n = 0; n < out.length; n++) {
                if (out[n] == 0 && m.rawAt(n) != 0) {
                    out[n] = (byte) label;
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
