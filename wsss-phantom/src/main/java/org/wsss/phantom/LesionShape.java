package org.wsss.phantom;

/**
 * An irregular 3D lesion: a randomly oriented ellipsoid whose radius is perturbed by a sum of
 * zonal spherical harmonics (Legendre polynomials of degree 2–5 about random axes, which by
 * the addition theorem span the spherical harmonics of those degrees) and, for spiculated
 * lesions, by narrow cone-shaped spikes. The surface is star-shaped about the centre, so the
 * distance from the centre to the surface along any ray is closed-form.
 *
 * <p>Coordinates are mm relative to the lesion centre; {@code world = rot · local}.
 */
final class LesionShape {

    /** How a category's lesions tend to look. */
    record Style(double minAspect, double maxAspect, double lobulation, double spiculatedChance,
            double flattenedChance, double elongatedChance, double maxTiltDeg) {
    }

    private static final int FIB = 600;

    private final double[] rot;
    private double a;
    private double b;
    private double c;
    private final double[] lobes; // per term: dx, dy, dz, amplitude, degree
    private final double[] spikes; // per spike: dx, dy, dz, cos half-angle, length
    private final boolean spiculated;
    private double minAxis;
    // Half-extents of the surface along world x, y, z, and the largest in-plane radius.
    private double extX;
    private double extY;
    private double extZ;
    private double rxy;

    private LesionShape(double[] rot, double a, double b, double c, double[] lobes, double[] spikes) {
        this.rot = rot;
        this.a = a;
        this.b = b;
        this.c = c;
        this.lobes = lobes;
        this.spikes = spikes;
        this.spiculated = spikes.length > 0;
    }

    /** A random shape whose largest axial diameter through the centre is {@code diameterMm}. */
    static LesionShape random(Rand r, double diameterMm, Style s) {
        double aspect = r.uniform(s.minAspect(), s.maxAspect());
        double zf;
        double u = r.uniform();
        if (u < s.flattenedChance()) {
            zf = r.uniform(0.45, 0.75);
        } else if (u < s.flattenedChance() + s.elongatedChance()) {
            zf = r.uniform(1.25, 1.8);
        } else {
            zf = r.uniform(0.75, 1.2);
        }
        double tilt = Math.toRadians(s.maxTiltDeg());
        double[] rot = Vec.rotation(r.uniform(0, 2 * Math.PI), r.uniform(-tilt, tilt), r.uniform(-tilt, tilt));
        int terms = 0;
        double[] lobes = new double[4 * 2 * 5];
        for (int deg = 2; deg <= 5; deg++) {
            for (int k = 0; k < 2; k++) {
                double[] d = r.unitVector();
                double amp = r.gaussian() * s.lobulation() / (deg - 1);
                lobes[terms * 5] = d[0];
                lobes[terms * 5 + 1] = d[1];
                lobes[terms * 5 + 2] = d[2];
                lobes[terms * 5 + 3] = amp;
                lobes[terms * 5 + 4] = deg;
                terms++;
            }
        }
        double[] spikes = new double[0];
        if (r.chance(s.spiculatedChance())) {
            int n = r.nextInt(6, 14);
            spikes = new double[5 * n];
            for (int k = 0; k < n; k++) {
                double[] d = r.unitVector();
                d[2] *= 0.5; // spicules radiate mostly in-plane, as seen on axial CT
                d = Vec.normalize(d);
                spikes[k * 5] = d[0];
                spikes[k * 5 + 1] = d[1];
                spikes[k * 5 + 2] = d[2];
                spikes[k * 5 + 3] = Math.cos(Math.toRadians(r.uniform(5, 10)));
                spikes[k * 5 + 4] = r.uniform(0.3, 0.9);
            }
        }
        LesionShape shape = new LesionShape(rot, 1, aspect, zf * Math.sqrt(aspect), lobes, spikes);
        shape.calibrate(diameterMm);
        return shape;
    }

    /** Whether the shape has spicules. */
    boolean spiculated() {
        return spiculated;
    }

    /** Radius factor r(u) for a unit direction u in normalised local space. */
    double radial(double ux, double uy, double uz) {
        double r = 1;
        double[] l = lobes;
        // Terms come in pairs of degree 2, 3, 4, 5 (see random()); unrolled for speed.
        for (int k = 0; k < 40; k += 5) {
            double t = ux * l[k] + uy * l[k + 1] + uz * l[k + 2];
            double t2 = t * t;
            double p;
            if (k < 10) {
                p = 1.5 * t2 - 0.5;
            } else if (k < 20) {
                p = (2.5 * t2 - 1.5) * t;
            } else if (k < 30) {
                p = (4.375 * t2 - 3.75) * t2 + 0.375;
            } else {
                p = ((7.875 * t2 - 8.75) * t2 + 1.875) * t;
            }
            r += l[k + 3] * p;
        }
        if (r < 0.35) {
            r = 0.35;
        }
        for (int k = 0; k < spikes.length; k += 5) {
            double t = ux * spikes[k] + uy * spikes[k + 1] + uz * spikes[k + 2];
            double cs = spikes[k + 3];
            if (t > cs) {
                double x = (t - cs) / (1 - cs);
                r += spikes[k + 4] * x * x;
            }
        }
        return r;
    }

    /**
     * Evaluates the point p (mm from the centre). Writes {@code out[0]} = ρ − r(u) (negative
     * inside, in normalised units), {@code out[1]} = ρ / r(u) (0 at the centre, 1 on the
     * surface), {@code out[2]} = a conservative distance to the surface in mm, or 0 near a
     * spicule, where the radial estimate is unreliable.
     */
    void eval(double px, double py, double pz, double[] out) {
        double qx = rot[0] * px + rot[3] * py + rot[6] * pz;
        double qy = rot[1] * px + rot[4] * py + rot[7] * pz;
        double qz = rot[2] * px + rot[5] * py + rot[8] * pz;
        double nx = qx / a, ny = qy / b, nz = qz / c;
        double rho = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (rho < 1e-12) {
            out[0] = -1;
            out[1] = 0;
            out[2] = minAxis * 0.35;
            return;
        }
        double ux = nx / rho, uy = ny / rho, uz = nz / rho;
        double r = radial(ux, uy, uz);
        out[0] = rho - r;
        out[1] = rho / r;
        double d = Math.abs(rho - r) * minAxis;
        for (int k = 0; k < spikes.length; k += 5) {
            double t = ux * spikes[k] + uy * spikes[k + 1] + uz * spikes[k + 2];
            if (t > spikes[k + 3] - 0.03) {
                d = 0;
                break;
            }
        }
        out[2] = d;
    }

    /** Distance in mm from the centre to the surface along the world unit direction w. */
    double surfaceDistance(double[] w) {
        double[] q = Vec.applyT(rot, w);
        double nx = q[0] / a, ny = q[1] / b, nz = q[2] / c;
        double n = Math.sqrt(nx * nx + ny * ny + nz * nz);
        return radial(nx / n, ny / n, nz / n) / n;
    }

    /** Half-extent of the lesion along world x in mm. */
    double extentX() {
        return extX;
    }

    /** Half-extent along world y in mm. */
    double extentY() {
        return extY;
    }

    /** Half-extent along world z in mm. */
    double extentZ() {
        return extZ;
    }

    /** Largest in-plane distance of the surface from the centre axis (any z) in mm. */
    double inPlaneRadius() {
        return rxy;
    }

    /** Scales the shape so that its largest axial chord through the centre is {@code d} mm. */
    private void calibrate(double d) {
        double best = 0;
        for (int i = 0; i < 360; i++) {
            double th = Math.PI * i / 360;
            double[] w = {Math.cos(th), Math.sin(th), 0};
            double[] mw = {-w[0], -w[1], 0};
            best = Math.max(best, surfaceDistance(w) + surfaceDistance(mw));
        }
        double s = d / best;
        a *= s;
        b *= s;
        c *= s;
        minAxis = Math.min(a, Math.min(b, c));
        extX = extY = extZ = rxy = 0;
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int i = 0; i < FIB + spikes.length / 5; i++) {
            double ux, uy, uz;
            if (i < FIB) {
                uz = 1 - 2 * (i + 0.5) / FIB;
                double rr = Math.sqrt(1 - uz * uz);
                ux = rr * Math.cos(golden * i);
                uy = rr * Math.sin(golden * i);
            } else {
                int k = (i - FIB) * 5;
                // Spike axis is a world-free direction in normalised local space.
                ux = spikes[k];
                uy = spikes[k + 1];
                uz = spikes[k + 2];
            }
            double r = radial(ux, uy, uz);
            double[] p = Vec.apply(rot, new double[] {a * ux * r, b * uy * r, c * uz * r});
            extX = Math.max(extX, Math.abs(p[0]));
            extY = Math.max(extY, Math.abs(p[1]));
            extZ = Math.max(extZ, Math.abs(p[2]));
            rxy = Math.max(rxy, Math.hypot(p[0], p[1]));
        }
        // Directions between samples may reach a little further.
        extX = extX * 1.05 + 0.5;
        extY = extY * 1.05 + 0.5;
        extZ = extZ * 1.05 + 0.5;
        rxy = rxy * 1.05 + 0.5;
    }
}
