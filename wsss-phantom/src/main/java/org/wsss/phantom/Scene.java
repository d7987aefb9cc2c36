package org.wsss.phantom;

import java.util.ArrayList;
import java.util.List;

/**
 * The anatomy around a lesion: a background value and a list of solid primitives painted in
 * order, later over earlier. Coordinates are mm relative to the lesion centre. Each primitive
 * carries a mean HU and a texture amplitude (HU standard deviation of the low-frequency tissue
 * texture added later).
 */
final class Scene {

    /** A solid ellipsoid: {@code world = centre + rot · local}, semi-axes in mm. */
    record Ellipsoid(double[] centre, double[] rot, double[] axes, float hu, float tex) {
    }

    /** A tube along a polyline, radius interpolated linearly between the points' radii. */
    record Tube(double[][] points, double[] radii, float hu, float tex) {
    }

    float fillHu;
    float fillTex;
    final List<Object> primitives = new ArrayList<>();

    void fill(double hu, double tex) {
        fillHu = (float) hu;
        fillTex = (float) tex;
    }

    void sphere(double[] c, double r, double hu, double tex) {
        primitives.add(new Ellipsoid(c, Vec.IDENTITY, new double[] {r, r, r}, (float) hu, (float) tex));
    }

    void ellipsoid(double[] c, double[] rot, double[] axes, double hu, double tex) {
        primitives.add(new Ellipsoid(c, rot, axes, (float) hu, (float) tex));
    }

    void tube(double[][] pts, double[] radii, double hu, double tex) {
        primitives.add(new Tube(pts, radii, (float) hu, (float) tex));
    }

    /** A tube of constant radius. */
    void tube(double[][] pts, double radius, double hu, double tex) {
        double[] r = new double[pts.length];
        java.util.Arrays.fill(r, radius);
        tube(pts, r, hu, tex);
    }

    /** A hollow tube: a wall of thickness {@code wall} around a lumen. */
    void hollowTube(double[][] pts, double radius, double wall, double wallHu, double lumenHu, double lumenTex) {
        tube(pts, radius, wallHu, 5);
        tube(pts, Math.max(0.5, radius - wall), lumenHu, lumenTex);
    }
}
