package org.wsss.phantom;

/** Small 3-vector and 3×3 rotation helpers on plain arrays (row-major matrices). */
final class Vec {

    private Vec() {
    }

    static double[] v(double x, double y, double z) {
        return new double[] {x, y, z};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    static double[] addScaled(double[] a, double[] b, double s) {
        return new double[] {a[0] + b[0] * s, a[1] + b[1] * s, a[2] + b[2] * s};
    }

    static double[] normalize(double[] a) {
        return scale(a, 1 / norm(a));
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** A unit vector perpendicular to unit {@code a}. */
    static double[] perpendicular(double[] a) {
        double[] t = Math.abs(a[2]) < 0.9 ? v(0, 0, 1) : v(1, 0, 0);
        return normalize(cross(a, t));
    }

    /** Rotation about z by {@code a}, then about y by {@code b}, then about x by {@code c}: Rz·Ry·Rx. */
    static double[] rotation(double a, double b, double c) {
        double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b), cc = Math.cos(c), sc = Math.sin(c);
        double[] rz = {ca, -sa, 0, sa, ca, 0, 0, 0, 1};
        double[] ry = {cb, 0, sb, 0, 1, 0, -sb, 0, cb};
        double[] rx = {1, 0, 0, 0, cc, -sc, 0, sc, cc};
        return mul(rz, mul(ry, rx));
    }

    static double[] mul(double[] a, double[] b) {
        double[] o = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                o[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
            }
        }
        return o;
    }

    /** m · p. */
    static double[] apply(double[] m, double[] p) {
        return new double[] {m[0] * p[0] + m[1] * p[1] + m[2] * p[2], m[3] * p[0] + m[4] * p[1] + m[5] * p[2],
                m[6] * p[0] + m[7] * p[1] + m[8] * p[2]};
    }

    /** mᵀ · p. */
    static double[] applyT(double[] m, double[] p) {
        return new double[] {m[0] * p[0] + m[3] * p[1] + m[6] * p[2], m[1] * p[0] + m[4] * p[1] + m[7] * p[2],
                m[2] * p[0] + m[5] * p[1] + m[8] * p[2]};
    }

    static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};
}
