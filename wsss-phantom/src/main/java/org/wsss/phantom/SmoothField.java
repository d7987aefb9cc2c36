package org.wsss.phantom;

/**
 * A smooth random field of roughly unit standard deviation: Gaussian values on a coarse grid
 * (spacing {@code g} mm) interpolated trilinearly. Used for tissue texture and lesion
 * heterogeneity; one evaluation costs eight array reads.
 */
final class SmoothField {

    // Trilinear interpolation of i.i.d. unit values has a mean variance of (2/3)^3 over a cell.
    private static final double NORM = 1 / Math.pow(2.0 / 3.0, 1.5);

    private final double g;
    private final double x0;
    private final double y0;
    private final double z0;
    private final int nx;
    private final int ny;
    private final int nz;
    private final float[] v;

    SmoothField(Rand r, double[] lo, double[] hi, double g) {
        this.g = g;
        this.x0 = lo[0] - g;
        this.y0 = lo[1] - g;
        this.z0 = lo[2] - g;
        this.nx = (int) Math.ceil((hi[0] - lo[0]) / g) + 3;
        this.ny = (int) Math.ceil((hi[1] - lo[1]) / g) + 3;
        this.nz = (int) Math.ceil((hi[2] - lo[2]) / g) + 3;
        this.v = new float[nx * ny * nz];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.gaussian() * NORM);
        }
    }

    double at(double x, double y, double z) {
        double fx = (x - x0) / g, fy = (y - y0) / g, fz = (z - z0) / g;
        int ix = clamp((int) fx, nx), iy = clamp((int) fy, ny), iz = clamp((int) fz, nz);
        double tx = Math.min(1, Math.max(0, fx - ix)), ty = Math.min(1, Math.max(0, fy - iy)),
                tz = Math.min(1, Math.max(0, fz - iz));
        int i = (iz * ny + iy) * nx + ix;
        int sy = nx, sz = nx * ny;
        double c00 = v[i] + tx * (v[i + 1] - v[i]);
        double c10 = v[i + sy] + tx * (v[i + sy + 1] - v[i + sy]);
        double c01 = v[i + sz] + tx * (v[i + sz + 1] - v[i + sz]);
        double c11 = v[i + sz + sy] + tx * (v[i + sz + sy + 1] - v[i + sz + sy]);
        double c0 = c00 + ty * (c10 - c00), c1 = c01 + ty * (c11 - c01);
        return c0 + tz * (c1 - c0);
    }

    /**
     * Values at x = {@code xStart + i · dx} (i &lt; n) on the row (y, z), into {@code out}: the
     * (y, z) interpolation is done once per grid column, not per sample.
     */
    void row(double xStart, double dx, int n, double y, double z, float[] out, float[] cols) {
        double fy = (y - y0) / g, fz = (z - z0) / g;
        int iy = clamp((int) fy, ny), iz = clamp((int) fz, nz);
        double ty = Math.min(1, Math.max(0, fy - iy)), tz = Math.min(1, Math.max(0, fz - iz));
        int sy = nx, sz = nx * ny;
        int base = (iz * ny + iy) * nx;
        for (int ix = 0; ix < nx; ix++) {
            int i = base + ix;
            double c0 = v[i] + ty * (v[i + sy] - v[i]);
            double c1 = v[i + sz] + ty * (v[i + sz + sy] - v[i + sz]);
            cols[ix] = (float) (c0 + tz * (c1 - c0));
        }
        for (int k = 0; k < n; k++) {
            double fx = (xStart + k * dx - x0) / g;
            int ix = clamp((int) fx, nx);
            double tx = Math.min(1, Math.max(0, fx - ix));
            out[k] = (float) (cols[ix] + tx * (cols[ix + 1] - cols[ix]));
        }
    }

    /** Grid columns, the size of the scratch array {@link #row} needs. */
    int columns() {
        return nx;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i > n - 2 ? n - 2 : i;
    }
}
