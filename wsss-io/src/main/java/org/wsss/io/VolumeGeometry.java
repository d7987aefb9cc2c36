package org.wsss.io;

import java.util.Objects;
import org.wsss.api.Mask3D;
import org.wsss.api.VoxelSpacing;

/**
 * Where a volume of the user's lies: its file grid mapped onto the SDK's axial grid
 * ({@link AxialGrid}), its voxel-to-world transform (RAS+, mm) and its spacing. Reading marks
 * given in world millimetres and writing masks back on the input's own grid and affine both go
 * through it. Immutable.
 */
public final class VolumeGeometry {

    private final AxialGrid grid;
    private final double[][] affine;
    private final double[][] inverse;
    private final VoxelSpacing spacing;
    private final NiftiImage template;

    VolumeGeometry(AxialGrid grid, double[][] affine, VoxelSpacing spacing, NiftiImage template) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.affine = copy(affine);
        this.inverse = Affines.inverse(affine);
        this.spacing = Objects.requireNonNull(spacing, "spacing");
        this.template = Objects.requireNonNull(template, "template");
    }

    /**
     * The geometry of a volume already on the SDK grid (a DeepLesion series, a FLARE case), written
     * as radiologists view axial CT: columns towards the patient's left, rows towards the back,
     * slices towards the head, i.e. the RAS+ transform diag(−sx, −sy, sz), stored as qform and
     * sform with code 1 (scanner).
     */
    public static VolumeGeometry lps(int width, int height, int depth, VoxelSpacing s) {
        float sx = (float) s.x(), sy = (float) s.y(), sz = (float) s.z();
        NiftiImage t = NiftiImage.builder(1, 1, 1, NiftiDataType.UINT8)
                .pixdim(new float[] {1f, sx, sy, sz, 1f, 1f, 1f, 1f}).xyztUnits(Nifti.UNITS_MM)
                // quaternion (0, 0, 1): 180° about z, i.e. x and y reversed
                .qform(Nifti.XFORM_SCANNER_ANAT, 0f, 0f, 1f, 0f, 0f, 0f)
                .sform(Nifti.XFORM_SCANNER_ANAT, new float[] {-sx, 0, 0, 0}, new float[] {0, -sy, 0, 0},
                        new float[] {0, 0, sz, 0})
                .build();
        double[][] a = {{-s.x(), 0, 0, 0}, {0, -s.y(), 0, 0}, {0, 0, s.z(), 0}, {0, 0, 0, 1}};
        return new VolumeGeometry(AxialGrid.identity(width, height, depth), a, s, t);
    }

    /**
     * The geometry of a volume whose voxel (i, j, k) is SDK voxel (x, y, z) = (i, j, k) and lies at
     * {@code rasAffine} · (i, j, k, 1) in the world (RAS+, mm): a series read from a format that
     * states its own orientation (DICOM: Image Orientation and Position, turned from LPS to RAS).
     * Written as an sform with code 1 (scanner) and no qform, so viewers place masks exactly
     * where the sform says, oblique or not.
     *
     * @param rasAffine rows of a 4×4 voxel-to-world matrix, last row (0, 0, 0, 1)
     * @throws IllegalArgumentException on a matrix that is not 4×4 affine, not finite or singular
     */
    public static VolumeGeometry ofAffine(int width, int height, int depth, VoxelSpacing s, double[][] rasAffine) {
        Objects.requireNonNull(s, "spacing");
        if (rasAffine == null || rasAffine.length != 4 || rasAffine[3] == null || rasAffine[3][0] != 0
                || rasAffine[3][1] != 0 || rasAffine[3][2] != 0 || rasAffine[3][3] != 1) {
            throw new IllegalArgumentException("affine must be 4x4 with last row (0, 0, 0, 1)");
        }
        float[][] rows = new float[3][4];
        for (int r = 0; r < 3; r++) {
            if (rasAffine[r] == null || rasAffine[r].length != 4) {
                throw new IllegalArgumentException("affine row " + r + " must hold 4 values");
            }
            for (int c = 0; c < 4; c++) {
                if (!Double.isFinite(rasAffine[r][c])) {
                    throw new IllegalArgumentException("affine value (" + r + ", " + c + ") is " + rasAffine[r][c]);
                }
                rows[r][c] = (float) rasAffine[r][c];
            }
        }
        double det = rasAffine[0][0] * (rasAffine[1][1] * rasAffine[2][2] - rasAffine[1][2] * rasAffine[2][1])
                - rasAffine[0][1] * (rasAffine[1][0] * rasAffine[2][2] - rasAffine[1][2] * rasAffine[2][0])
                + rasAffine[0][2] * (rasAffine[1][0] * rasAffine[2][1] - rasAffine[1][1] * rasAffine[2][0]);
        if (!(Math.abs(det) > 1e-12)) {
            throw new IllegalArgumentException("affine is singular (determinant " + det + ")");
        }
        NiftiImage t = NiftiImage.builder(1, 1, 1, NiftiDataType.UINT8)
                .pixdim(new float[] {det < 0 ? -1f : 1f, (float) s.x(), (float) s.y(), (float) s.z(), 1f, 1f, 1f, 1f})
                .xyztUnits(Nifti.UNITS_MM)
                .sform(Nifti.XFORM_SCANNER_ANAT, rows[0], rows[1], rows[2])
                .build();
        return new VolumeGeometry(AxialGrid.identity(width, height, depth), rasAffine, s, t);
    }

    /** How the file's grid maps onto the SDK's. */
    public AxialGrid grid() {
        return grid;
    }

    /** Voxel spacing on the SDK grid, mm. */
    public VoxelSpacing spacing() {
        return spacing;
    }

    /** SDK grid width, height, depth. */
    public int[] sdkDims() {
        return new int[] {grid.size(0), grid.size(1), grid.size(2)};
    }

    /** The file's voxel-to-world transform (RAS+, mm), rows of a 4×4 matrix (copied). */
    public double[][] affine() {
        return copy(affine);
    }

    /** A world point (RAS+, mm) as continuous voxel coordinates of the file. */
    public double[] worldToFileVoxel(double x, double y, double z) {
        return Affines.apply(inverse, new double[] {x, y, z});
    }

    /** A world point (RAS+, mm) as continuous (x, y, z) on the SDK grid. */
    public double[] worldToSdk(double x, double y, double z) {
        return grid.toSdk(worldToFileVoxel(x, y, z));
    }

    /** Continuous (x, y, z) on the SDK grid as a world point (RAS+, mm). */
    public double[] sdkToWorld(double x, double y, double z) {
        return Affines.apply(affine, grid.toFile(new double[] {x, y, z}));
    }

    /**
     * A label map on the SDK grid (one value per voxel, x fastest) as a uint8 image on the file's
     * own grid with the file's pixdim, qform, sform and units, so any viewer lays it over the input.
     *
     * @throws IllegalArgumentException if the labels do not match the grid
     */
    public NiftiImage toFileGrid(byte[] sdkLabels, String descrip) {
        return Grids.toFileGrid(grid, template, sdkLabels, descrip);
    }

    /** {@code mask} (on the SDK grid) as a uint8 {0, 1} image on the file's grid. */
    public NiftiImage toFileGrid(Mask3D mask) {
        return Grids.toFileGrid(grid, template, mask, Grids.describe(mask));
    }

    /** Labels already in the file's voxel order (file axis 0 fastest) as a uint8 image with the file's geometry. */
    public NiftiImage fileImage(byte[] fileLabels, String descrip) {
        return Grids.fileImage(grid, template, fileLabels, descrip);
    }

    /** SDK-ordered labels in the file's voxel order (file axis 0 fastest). */
    public byte[] toFileOrder(byte[] sdkLabels) {
        return Grids.toFileOrder(grid, sdkLabels);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[4][];
        for (int r = 0; r < 4; r++) {
            c[r] = m[r].clone();
        }
        return c;
    }
}
