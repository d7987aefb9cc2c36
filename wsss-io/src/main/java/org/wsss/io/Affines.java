package org.wsss.io;

/** 4×4 voxel-to-world transforms as NIfTI defines them (rows, last row 0 0 0 1). */
final class Affines {

    private Affines() {
    }

    /**
     * The qform transform ("method 2" of the NIfTI-1 header): rotation from the quaternion
     * (b, c, d; a = √(1 − b² − c² − d²)), voxel sizes {@code pixdim[1..3]}, {@code qfac} =
     * {@code pixdim[0]} (−1 flips k; 0 is read as 1), offset {@code q[3..5]}.
     */
    static double[][] fromQuaternion(double[] q, double[] pixdim) {
        double b = q[0], c = q[1], d = q[2];
        double aa = 1.0 - (b * b + c * c + d * d);
        double a;
        if (aa < 1e-7) {
            // NIfTI: a 180° rotation; renormalise (b, c, d) and take a = 0.
            double n = Math.sqrt(b * b + c * c + d * d);
            b /= n;
            c /= n;
            d /= n;
            a = 0;
        } else {
            a = Math.sqrt(aa);
        }
        double qfac = pixdim[0] < 0 ? -1 : 1;
        double x = pixdim[1], y = pixdim[2], z = pixdim[3] * qfac;
        return new double[][] {
            {(a * a + b * b - c * c - d * d) * x, 2 * (b * c - a * d) * y, 2 * (b * d + a * c) * z, q[3]},
            {2 * (b * c + a * d) * x, (a * a + c * c - b * b - d * d) * y, 2 * (c * d - a * b) * z, q[4]},
            {2 * (b * d - a * c) * x, 2 * (c * d + a * b) * y, (a * a + d * d - c * c - b * b) * z, q[5]},
            {0, 0, 0, 1}};
    }

    /** {@code m · (p, 1)}, the first three components. */
    static double[] apply(double[][] m, double[] p) {
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) {
            r[i] = m[i][0] * p[0] + m[i][1] * p[1] + m[i][2] * p[2] + m[i][3];
        }
        return r;
    }

    /** Length of column {@code i} of the 3×3 part: the world step of one voxel along axis i. */
    static double columnNorm(double[][] m, int i) {
        return Math.sqrt(m[0][i] * m[0][i] + m[1][i] * m[1][i] + m[2][i] * m[2][i]);
    }

    /**
     * The inverse of an affine transform.
     *
     * @throws IllegalArgumentException if the 3×3 part is singular
     */
    static double[][] inverse(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2];
        double d = m[1][0], e = m[1][1], f = m[1][2];
        double g = m[2][0], h = m[2][1], k = m[2][2];
        double det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
        if (!(Math.abs(det) > 1e-12) || !Double.isFinite(det)) {
            throw new IllegalArgumentException("the voxel-to-world transform is singular (determinant " + det + ")");
        }
        double[][] r = {
            {(e * k - f * h) / det, (c * h - b * k) / det, (b * f - c * e) / det, 0},
            {(f * g - d * k) / det, (a * k - c * g) / det, (c * d - a * f) / det, 0},
            {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det, 0},
            {0, 0, 0, 1}};
        for (int i = 0; i < 3; i++) {
            r[i][3] = -(r[i][0] * m[0][3] + r[i][1] * m[1][3] + r[i][2] * m[2][3]);
        }
        return r;
    }
}
