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

    /** SDK-ordered labels → file-ordered labels. */
    static byte[] toFileOrder(AxialGrid grid, byte[] sdk) {
        int[] at = grid.fileIndexOfSdkVoxels();
        if (sdk.length != at.length) {
            throw new IllegalArgumentException(sdk.length + " labels for a grid of " + at.length + " voxels");
        }
        if (grid.isIdentity()) {
            return sdk.clone();
        }
        byte[] out = new byte[sdk.length];
        for (int n = 0; n < at.length; n++) {
            out[at[n]] = sdk[n];
        }
        return out;
    }

    /** Labels on the file's grid as a uint8 NIfTI-1 image with {@code template}'s geometry. */
    static NiftiImage toFileGrid(AxialGrid grid, NiftiImage template, byte[] sdkLabels, String descrip) {
        int[] d = grid.fileDims();
        for (int i = 0; i < 3; i++) {
            if (d[i] > Short.MAX_VALUE) {
                throw new IllegalArgumentException("dimension " + d[i] + " does not fit a NIfTI-1 mask");
            }
        }
        byte[] file = toFileOrder(grid, sdkLabels);
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
