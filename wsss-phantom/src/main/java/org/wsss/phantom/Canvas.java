package org.wsss.phantom;

/**
 * A voxel grid in HU (x fastest, then y, then z) on which {@link Scene} primitives are painted
 * with partial-volume edges: a voxel takes the fraction {@code α = clamp(0.5 − d / f, 0, 1)} of a
 * primitive, where d is the signed distance of its centre to the surface (mm) and f the width of
 * the voxel's footprint along the surface normal. All work is on primitive arrays.
 */
final class Canvas {

    final int w;
    final int h;
    final int d;
    final double sx;
    final double sy;
    final double sz;
    /** Voxel coordinates of the mm origin (the lesion centre). */
    final double ox;
    final double oy;
    final double oz;
    final float[] hu;
    final float[] tex;
    private float[] dist;
    private float[] foot;
    private int[] stamp;
    private int stampId;
    private final double maxFoot;

    Canvas(int w, int h, int d, double sx, double sy, double sz, double ox, double oy, double oz) {
        this.w = w;
        this.h = h;
        this.d = d;
        this.sx = sx;
        this.sy = sy;
        this.sz = sz;
        this.ox = ox;
        this.oy = oy;
        this.oz = oz;
        this.hu = new float[w * h * d];
        this.tex = new float[w * h * d];
        this.maxFoot = sx + sy + sz;
    }

    void paint(Scene s) {
        java.util.Arrays.fill(hu, s.fillHu);
        java.util.Arrays.fill(tex, s.fillTex);
        for (Object p : s.primitives) {
            if (p instanceof Scene.Ellipsoid e) {
                paint(e);
            } else {
                paint((Scene.Tube) p);
            }
        }
    }

    private double footprint(double nx, double ny, double nz) {
        return Math.abs(nx) * sx + Math.abs(ny) * sy + Math.abs(nz) * sz;
    }

    private void blend(int i, double alpha, float value, float t) {
        if (alpha >= 1) {
            hu[i] = value;
            tex[i] = t;
        } else {
            hu[i] += (float) (alpha * (value - hu[i]));
            tex[i] += (float) (alpha * (t - tex[i]));
        }
    }

    private void paint(Scene.Ellipsoid e) {
        double[] c = e.centre(), m = e.rot(), ax = e.axes();
        double[] ext = new double[3];
        for (int i = 0; i < 3; i++) {
            ext[i] = Math.sqrt(Math.pow(m[i * 3] * ax[0], 2) + Math.pow(m[i * 3 + 1] * ax[1], 2)
                    + Math.pow(m[i * 3 + 2] * ax[2], 2)) + maxFoot;
        }
        int x0 = clampX(Math.floor(ox + (c[0] - ext[0]) / sx)), x1 = clampX(Math.ceil(ox + (c[0] + ext[0]) / sx));
        int y0 = clampY(Math.floor(oy + (c[1] - ext[1]) / sy)), y1 = clampY(Math.ceil(oy + (c[1] + ext[1]) / sy));
        int z0 = clampZ(Math.floor(oz + (c[2] - ext[2]) / sz)), z1 = clampZ(Math.ceil(oz + (c[2] + ext[2]) / sz));
        double ia = 1 / ax[0], ib = 1 / ax[1], ic = 1 / ax[2];
        double amin = Math.min(ax[0], Math.min(ax[1], ax[2]));
        double half = maxFoot / 2;
        // |grad k| lies in [1 / a_max, 1 / a_min], so k > kOut means d > half (untouched) and
        // k < kIn means d < -half (fully inside): per row, both are intervals of a quadratic in x.
        double kOut = 1 + half / amin, kIn = 1 - half / amin;
        // q = (u + v x): v is the same for every row.
        double v0 = m[0] * sx * ia, v1 = m[1] * sx * ib, v2 = m[2] * sx * ic;
        double qa = v0 * v0 + v1 * v1 + v2 * v2;
        for (int z = z0; z <= z1; z++) {
            double pz = (z - oz) * sz - c[2];
            for (int y = y0; y <= y1; y++) {
                double py = (y - oy) * sy - c[1];
                int row = (z * h + y) * w;
                double px0 = -ox * sx - c[0];
                double u0 = (m[0] * px0 + m[3] * py + m[6] * pz) * ia;
                double u1 = (m[1] * px0 + m[4] * py + m[7] * pz) * ib;
                double u2 = (m[2] * px0 + m[5] * py + m[8] * pz) * ic;
                double qb = 2 * (u0 * v0 + u1 * v1 + u2 * v2), qc = u0 * u0 + u1 * u1 + u2 * u2;
                double disc = qb * qb - 4 * qa * (qc - kOut * kOut);
                if (disc < 0) {
                    continue;
                }
                double sq = Math.sqrt(disc);
                int xa = Math.max(x0, (int) Math.floor((-qb - sq) / (2 * qa)));
                int xb = Math.min(x1, (int) Math.ceil((-qb + sq) / (2 * qa)));
                int ia0 = Integer.MAX_VALUE, ia1 = Integer.MIN_VALUE;
                if (kIn > 0) {
                    double di = qb * qb - 4 * qa * (qc - kIn * kIn);
                    if (di >= 0) {
                        double si = Math.sqrt(di);
                        ia0 = (int) Math.ceil((-qb - si) / (2 * qa));
                        ia1 = (int) Math.floor((-qb + si) / (2 * qa));
                    }
                }
                for (int x = xa; x <= xb; x++) {
                    if (x >= ia0 && x <= ia1) {
                        hu[row + x] = e.hu();
                        tex[row + x] = e.tex();
                        continue;
                    }
                    double px = (x - ox) * sx - c[0];
                    double qx = (m[0] * px + m[3] * py + m[6] * pz) * ia;
                    double qy = (m[1] * px + m[4] * py + m[7] * pz) * ib;
                    double qz = (m[2] * px + m[5] * py + m[8] * pz) * ic;
                    double k = Math.sqrt(qx * qx + qy * qy + qz * qz);
                    if (k < 1e-9) {
                        blend(row + x, 1, e.hu(), e.tex());
                        continue;
                    }
                    // Gradient of k in local coordinates; d ≈ (k − 1) / |∇k|.
                    double gx = qx * ia / k, gy = qy * ib / k, gz = qz * ic / k;
                    double g = Math.sqrt(gx * gx + gy * gy + gz * gz);
                    double dd = (k - 1) / g;
                    if (dd >= half) {
                        continue;
                    }
                    if (dd <= -half) {
                        blend(row + x, 1, e.hu(), e.tex());
                        continue;
                    }
                    double nx = (m[0] * gx + m[1] * gy + m[2] * gz) / g;
                    double ny = (m[3] * gx + m[4] * gy + m[5] * gz) / g;
                    double nz = (m[6] * gx + m[7] * gy + m[8] * gz) / g;
                    double a = 0.5 - dd / footprint(nx, ny, nz);
                    if (a > 0) {
                        blend(row + x, Math.min(1, a), e.hu(), e.tex());
                    }
                }
            }
        }
    }

    private void paint(Scene.Tube t) {
        if (stamp == null) {
            stamp = new int[w * h * d];
            dist = new float[w * h * d];
            foot = new float[w * h * d];
        }
        int id = ++stampId;
        double[][] p = t.points();
        double[] r = t.radii();
        // Pass 1: the smallest signed distance over all segments, once per voxel.
        for (int s = 0; s + 1 < p.length; s++) {
            double[] a = p[s], b = p[s + 1];
            double ra = r[s], rb = r[s + 1];
            double bx = b[0] - a[0], by = b[1] - a[1], bz = b[2] - a[2];
            double len2 = bx * bx + by * by + bz * bz;
            double pad = Math.max(ra, rb) + maxFoot;
            int x0 = clampX(Math.floor(ox + (Math.min(a[0], b[0]) - pad) / sx));
            int x1 = clampX(Math.ceil(ox + (Math.max(a[0], b[0]) + pad) / sx));
            int y0 = clampY(Math.floor(oy + (Math.min(a[1], b[1]) - pad) / sy));
            int y1 = clampY(Math.ceil(oy + (Math.max(a[1], b[1]) + pad) / sy));
            int z0 = clampZ(Math.floor(oz + (Math.min(a[2], b[2]) - pad) / sz));
            int z1 = clampZ(Math.ceil(oz + (Math.max(a[2], b[2]) + pad) / sz));
            if (x0 > x1 || y0 > y1 || z0 > z1 || x1 < 0 || y1 < 0 || z1 < 0) {
                continue;
            }
            for (int z = z0; z <= z1; z++) {
                double pz = (z - oz) * sz - a[2];
                for (int y = y0; y <= y1; y++) {
                    double py = (y - oy) * sy - a[1];
                    int row = (z * h + y) * w;
                    for (int x = x0; x <= x1; x++) {
                        double px = (x - ox) * sx - a[0];
                        double u = len2 > 0 ? (px * bx + py * by + pz * bz) / len2 : 0;
                        u = u < 0 ? 0 : u > 1 ? 1 : u;
                        double dx = px - u * bx, dy = py - u * by, dz = pz - u * bz;
                        double l = Math.sqrt(dx * dx + dy * dy + dz * dz);
                        double dd = l - (ra + u * (rb - ra));
                        int i = row + x;
                        if (stamp[i] != id || dd < dist[i]) {
                            stamp[i] = id;
                            dist[i] = (float) dd;
                            foot[i] = (float) (l > 1e-9 ? footprint(dx / l, dy / l, dz / l) : maxFoot);
                        }
                    }
                }
            }
        }
        // Pass 2: blend each stamped voxel once.
        for (int s = 0; s + 1 < p.length; s++) {
            double[] a = p[s], b = p[s + 1];
            double pad = Math.max(r[s], r[s + 1]) + maxFoot;
            int x0 = clampX(Math.floor(ox + (Math.min(a[0], b[0]) - pad) / sx));
            int x1 = clampX(Math.ceil(ox + (Math.max(a[0], b[0]) + pad) / sx));
            int y0 = clampY(Math.floor(oy + (Math.min(a[1], b[1]) - pad) / sy));
            int y1 = clampY(Math.ceil(oy + (Math.max(a[1], b[1]) + pad) / sy));
            int z0 = clampZ(Math.floor(oz + (Math.min(a[2], b[2]) - pad) / sz));
            int z1 = clampZ(Math.ceil(oz + (Math.max(a[2], b[2]) + pad) / sz));
            for (int z = z0; z <= z1; z++) {
                for (int y = y0; y <= y1; y++) {
                    int row = (z * h + y) * w;
                    for (int x = x0; x <= x1; x++) {
                        int i = row + x;
                        if (stamp[i] == id) {
                            stamp[i] = -id;
                            double alpha = 0.5 - dist[i] / foot[i];
                            if (alpha > 0) {
                                blend(i, Math.min(1, alpha), t.hu(), t.tex());
                            }
                        }
                    }
                }
            }
        }
    }

    private int clampX(double v) {
        return (int) Math.max(0, Math.min(w - 1, v));
    }

    private int clampY(double v) {
        return (int) Math.max(0, Math.min(h - 1, v));
    }

    private int clampZ(double v) {
        return (int) Math.max(0, Math.min(d - 1, v));
    }
}
