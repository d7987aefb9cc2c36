package org.wsss.io;

import java.util.Arrays;

/**
 * How a file's voxel grid maps onto the SDK's axial grid: which file axis becomes the SDK's
 * column x, row y and slice z, and which of them run backwards. The SDK segments axial slices
 * shown as a radiologist reads them (columns towards the patient's left, rows towards the
 * back, slices towards the head: "LPS"), so a volume stored in any axis order is permuted and
 * flipped onto that grid when read, and every mask is mapped back onto the file's own grid
 * when written. No voxel is resampled: the map is exact both ways.
 *
 * <p>The orientation comes from the file's voxel-to-world transform (NIfTI world is RAS+):
 * each voxel axis is assigned the world axis its direction is closest to.
 *
 * <h2>Deviations from the paper</h2>
 * None; the paper's DeepLesion slices are already axial. An oblique volume (voxel axes not
 * along the world axes) is segmented on its nearest axial slices without resampling.
 *
 * @param fileDims the file's sizes along its axes 0, 1, 2
 * @param fileAxis {@code fileAxis[c]} is the file axis that becomes SDK axis c (0 = x, 1 = y, 2 = z)
 * @param flipped {@code flipped[c]}: SDK axis c runs against that file axis
 */
public record AxialGrid(int[] fileDims, int[] fileAxis, boolean[] flipped) {

    /** Checks that {@code fileAxis} is a permutation and the sizes are positive; copies the arrays. */
    public AxialGrid {
        fileDims = fileDims.clone();
        fileAxis = fileAxis.clone();
        flipped = flipped.clone();
        if (fileDims.length != 3 || fileAxis.length != 3 || flipped.length != 3) {
            throw new IllegalArgumentException("an axial grid has three axes");
        }
        boolean[] seen = new boolean[3];
        for (int c = 0; c < 3; c++) {
            if (fileDims[c] < 1) {
                throw new IllegalArgumentException("file size along axis " + c + " is " + fileDims[c]);
            }
            int a = fileAxis[c];
            if (a < 0 || a > 2 || seen[a]) {
                throw new IllegalArgumentException("fileAxis " + Arrays.toString(fileAxis) + " is not a permutation"
                        + " of 0, 1, 2");
            }
            seen[a] = true;
        }
    }

    /** The file's grid taken as it is (file axis i = SDK axis i, nothing flipped). */
    public static AxialGrid identity(int nx, int ny, int nz) {
        return new AxialGrid(new int[] {nx, ny, nz}, new int[] {0, 1, 2}, new boolean[3]);
    }

    /**
     * The grid of a file whose voxel-to-world transform (RAS+, mm) has the 3×3 part
     * {@code m[row][col]} (column i = the world step of one voxel along file axis i).
     *
     * @throws IllegalArgumentException if a column is zero or not finite, or two voxel axes are
     *     closest to the same world axis (or equally close to two), naming the axes
     */
    public static AxialGrid fromAffine(int[] fileDims, double[][] m) {
        int[] worldOf = new int[3];
        int[] sign = new int[3];
        for (int i = 0; i < 3; i++) {
            double n = Math.sqrt(m[0][i] * m[0][i] + m[1][i] * m[1][i] + m[2][i] * m[2][i]);
            if (!(n > 0) || !Double.isFinite(n)) {
                throw new IllegalArgumentException("voxel axis " + i + " has world step (" + m[0][i] + ", " + m[1][i]
                        + ", " + m[2][i] + "): the orientation is degenerate");
            }
            int best = 0;
            for (int w = 1; w < 3; w++) {
                if (Math.abs(m[w][i]) > Math.abs(m[best][i])) {
                    best = w;
                }
            }
            for (int w = 0; w < 3; w++) {
                // Two world axes equally close (a 45° rotation) leave no nearest axial slice.
                if (w != best && Math.abs(Math.abs(m[w][i]) - Math.abs(m[best][i])) < 1e-6 * n) {
                    throw new IllegalArgumentException("voxel axis " + i + " lies halfway between two world axes;"
                            + " resample the volume to an axis-aligned grid first");
                }
            }
            worldOf[i] = best;
            sign[i] = m[best][i] > 0 ? 1 : -1;
        }
        int[] fileAxis = new int[3];
        boolean[] flipped = new boolean[3];
        boolean[] seen = new boolean[3];
        // RAS+ world -> SDK axes: x = towards the left (-R), y = towards the back (-A), z = towards the head (+S).
        int[] wanted = {-1, -1, 1};
        for (int i = 0; i < 3; i++) {
            int c = worldOf[i];
            if (seen[c]) {
                throw new IllegalArgumentException("voxel axes point along the same world axis "
                        + "RAS".charAt(c) + "; the orientation is degenerate");
            }
            seen[c] = true;
            fileAxis[c] = i;
            flipped[c] = sign[i] != wanted[c];
        }
        return new AxialGrid(fileDims, fileAxis, flipped);
    }

    @Override
    public int[] fileDims() {
        return fileDims.clone();
    }

    @Override
    public int[] fileAxis() {
        return fileAxis.clone();
    }

    @Override
    public boolean[] flipped() {
        return flipped.clone();
    }

    /** The SDK grid's size along axis c (0 = width, 1 = height, 2 = depth). */
    public int size(int c) {
        return fileDims[fileAxis[c]];
    }

    /** Whether the file is already on the SDK grid. */
    public boolean isIdentity() {
        return fileAxis[0] == 0 && fileAxis[1] == 1 && fileAxis[2] == 2 && !flipped[0] && !flipped[1] && !flipped[2];
    }

    /** File voxel coordinates (continuous, axis 0..2) → SDK (x, y, z). */
    public double[] toSdk(double[] file) {
        double[] s = new double[3];
        for (int c = 0; c < 3; c++) {
            int a = fileAxis[c];
            s[c] = flipped[c] ? fileDims[a] - 1 - file[a] : file[a];
        }
        return s;
    }

    /** SDK (x, y, z) → file voxel coordinates (continuous). */
    public double[] toFile(double[] sdk) {
        double[] f = new double[3];
        for (int c = 0; c < 3; c++) {
            int a = fileAxis[c];
            f[a] = flipped[c] ? fileDims[a] - 1 - sdk[c] : sdk[c];
        }
        return f;
    }

    /** E.g. {@code file axes (2, 0, 1), flipped x}; for messages and provenance. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("file axes (").append(fileAxis[0]).append(", ").append(fileAxis[1])
                .append(", ").append(fileAxis[2]).append(')');
        String f = (flipped[0] ? "x" : "") + (flipped[1] ? "y" : "") + (flipped[2] ? "z" : "");
        return f.isEmpty() ? sb.toString() : sb.append(", flipped ").append(f).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AxialGrid g && Arrays.equals(fileDims, g.fileDims) && Arrays.equals(fileAxis, g.fileAxis)
                && Arrays.equals(flipped, g.flipped);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fileDims) * 31 + Arrays.hashCode(fileAxis) * 7 + Arrays.hashCode(flipped);
    }
}
