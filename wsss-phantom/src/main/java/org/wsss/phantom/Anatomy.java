package org.wsss.phantom;

import java.util.ArrayList;
import java.util.List;
import org.wsss.api.LesionCategory;

/**
 * Builds the anatomy around one lesion, by category, and the lesion's attenuation. Values are
 * those tabulated in {@link Phantom}'s javadoc. When asked for an adjacent structure, places one
 * whose HU lies within about 20 HU of the lesion's base HU so that its surface overlaps the
 * lesion's by 0.6–1.5 mm along an axial direction: vessel, bowel loop, organ edge, muscle,
 * another node or cyst. Other structures are kept clear of the lesion's bounding sphere.
 */
final class Anatomy {

    private final Rand r;
    private final LesionShape shape;
    private final LesionLook look;
    private final boolean enhanced;
    private final boolean adjacent;
    private final double[] lo;
    private final double[] hi;
    private final double reach;
    private final double bound;
    final Scene scene = new Scene();
    /** Kind of the adjacent similar-HU structure, or null. */
    String adjacency;

    private Anatomy(Rand r, LesionShape shape, LesionLook look, boolean enhanced, boolean adjacent, double[] lo,
            double[] hi) {
        this.r = r;
        this.shape = shape;
        this.look = look;
        this.enhanced = enhanced;
        this.adjacent = adjacent;
        this.lo = lo;
        this.hi = hi;
        double m = 0;
        for (int i = 0; i < 3; i++) {
            m += Math.max(lo[i] * lo[i], hi[i] * hi[i]);
        }
        this.reach = Math.sqrt(m) + 10;
        this.bound = Math.max(shape.extentX(), Math.max(shape.extentY(), shape.extentZ()));
    }

    /** The lesion look of a category (drawn before the shape, since cysts are rounder). */
    static LesionLook look(LesionCategory c, Rand r, boolean enhanced, boolean adjacent) {
        switch (c) {
            case LUNG: {
                if (!adjacent && r.chance(0.15)) {
                    return new LesionLook("part-solid nodule", r.uniform(-650, -350), 40)
                            .core(r.uniform(-50, 30), r.uniform(0.3, 0.6));
                }
                return new LesionLook("solid nodule", r.uniform(-10, 50), 10);
            }
            case LIVER: {
                if (r.chance(0.2)) {
                    return new LesionLook("cyst", r.uniform(0, 15), 3);
                }
                double liver = liverHu(r, enhanced);
                LesionLook l = new LesionLook("metastasis", liver - r.uniform(20, 60), 8);
                double u = r.uniform();
                if (u < 0.25) {
                    l.rim(r.uniform(15, 45), r.uniform(0.12, 0.25));
                } else if (u < 0.5) {
                    l.core(r.uniform(5, 25), r.uniform(0.3, 0.6));
                }
                return l;
            }
            case MEDIASTINUM: {
                LesionLook l = new LesionLook("lymph node", enhanced ? r.uniform(40, 65) : r.uniform(30, 50), 6);
                return r.chance(0.1) ? l.core(r.uniform(10, 25), r.uniform(0.3, 0.5)) : l;
            }
            case KIDNEY: {
                if (r.chance(0.5)) {
                    return new LesionLook("cyst", r.uniform(0, 18), 2);
                }
                LesionLook l = new LesionLook("tumour", enhanced ? r.uniform(70, 130) : r.uniform(25, 45), 15);
                return r.chance(0.4) ? l.core(r.uniform(10, 30), r.uniform(0.3, 0.6)) : l;
            }
            case BONE: {
                double u = r.uniform();
                if (u < 0.55) {
                    return new LesionLook("lytic", r.uniform(20, 70), 10);
                } else if (u < 0.85) {
                    return new LesionLook("sclerotic", r.uniform(400, 900), 60);
                }
                return new LesionLook("mixed", r.uniform(20, 70), 15).rim(r.uniform(300, 600), 0.2);
            }
            case ABDOMEN: {
                LesionLook l = new LesionLook("mass", enhanced ? r.uniform(40, 75) : r.uniform(30, 50), 8);
                return r.chance(0.2) ? l.core(r.uniform(10, 30), r.uniform(0.3, 0.6)) : l;
            }
            case SOFT_TISSUE: {
                LesionLook l = new LesionLook("mass", r.uniform(20, 60), 12);
                double u = r.uniform();
                if (u < 0.25) {
                    l.core(r.uniform(5, 25), r.uniform(0.3, 0.6));
                } else if (u < 0.4) {
                    l.rim(r.uniform(15, 40), r.uniform(0.12, 0.25));
                }
                return l;
            }
            case PELVIS: {
                LesionLook l = new LesionLook("lymph node", enhanced ? r.uniform(40, 70) : r.uniform(30, 50), 8);
                return r.chance(0.15) ? l.core(r.uniform(10, 30), r.uniform(0.3, 0.5)) : l;
            }
            default:
                throw new IllegalArgumentException("no phantom anatomy for category " + c);
        }
    }

    /** Shape tendencies by category and lesion type. */
    static LesionShape.Style style(LesionCategory c, LesionLook look) {
        if (look.type.equals("cyst")) {
            return new LesionShape.Style(0.8, 1.0, 0.03, 0, 0.1, 0.1, 20);
        }
        return switch (c) {
            case LUNG -> new LesionShape.Style(0.6, 1.0, 0.16, 0.30, 0.15, 0.15, 30);
            case LIVER -> new LesionShape.Style(0.6, 1.0, 0.13, 0, 0.2, 0.15, 25);
            case MEDIASTINUM -> new LesionShape.Style(0.45, 0.85, 0.08, 0, 0.1, 0.35, 20);
            case KIDNEY -> new LesionShape.Style(0.6, 1.0, 0.12, 0, 0.15, 0.15, 25);
            case BONE -> new LesionShape.Style(0.5, 1.0, 0.16, 0, 0.25, 0.2, 30);
            case ABDOMEN -> new LesionShape.Style(0.5, 0.95, 0.13, 0, 0.2, 0.25, 25);
            case SOFT_TISSUE -> new LesionShape.Style(0.45, 0.95, 0.16, 0, 0.2, 0.3, 30);
            default -> new LesionShape.Style(0.5, 0.9, 0.10, 0, 0.15, 0.3, 25);
        };
    }

    /**
     * The anatomy of one case. {@code lo} and {@code hi} bound the image in mm relative to the
     * lesion centre.
     */
    static Anatomy build(LesionCategory c, Rand r, LesionShape shape, LesionLook look, boolean enhanced,
            boolean adjacent, double[] lo, double[] hi) {
        Anatomy a = new Anatomy(r, shape, look, enhanced, adjacent, lo, hi);
        switch (c) {
            case LUNG -> a.lung();
            case LIVER -> a.liver();
            case MEDIASTINUM -> a.mediastinum();
            case KIDNEY -> a.kidney();
            case BONE -> a.bone();
            case ABDOMEN -> a.abdomen();
            case SOFT_TISSUE -> a.softTissue();
            case PELVIS -> a.pelvis();
            default -> throw new IllegalArgumentException("no phantom anatomy for category " + c);
        }
        return a;
    }

    // ---- tissue values (HU); sources in Phantom's javadoc ----

    static double liverHu(Rand r, boolean enhanced) {
        return enhanced ? r.uniform(95, 120) : r.uniform(50, 65);
    }

    private double fat() {
        return r.uniform(-115, -85);
    }

    private double muscle() {
        return enhanced ? r.uniform(50, 65) : r.uniform(40, 55);
    }

    private double blood() {
        return enhanced ? r.uniform(140, 220) : r.uniform(35, 50);
    }

    private double lungHu() {
        return r.uniform(-880, -800);
    }

    // ---- categories ----

    private void lung() {
        String kind = adjacent ? (r.chance(0.5) ? "pleura" : "vessel") : null;
        boolean wall = "pleura".equals(kind) || r.chance(0.5);
        double lung = lungHu();
        double[] lungC = null;
        double lungR = 0;
        if (wall) {
            double[] w = r.inPlaneUnit();
            double dist = kind != null && kind.equals("pleura") ? shape.surfaceDistance(w) - overlap()
                    : shape.inPlaneRadius() + r.uniform(4, 40);
            lungR = r.uniform(120, 260);
            lungC = Vec.scale(w, dist - lungR);
            double wallT = r.uniform(8, 20);
            double muscle = kind != null && kind.equals("pleura") ? similar(35, 65) : muscle();
            scene.fill(fat(), 6);
            scene.sphere(lungC, lungR + wallT, muscle, 5);
            // A rib in the chest wall, cut obliquely.
            double[] ribC = Vec.scale(w, dist + wallT * 0.55 + r.uniform(-2, 2));
            ribC[2] = r.uniform(lo[2], hi[2]);
            double[] along = Vec.normalize(Vec.add(new double[] {-w[1], w[0], 0}, Vec.v(0, 0, r.uniform(-0.4, 0.4))));
            double[][] rib = line(ribC, along);
            double ribR = r.uniform(4, 6);
            scene.tube(rib, ribR, r.uniform(600, 900), 40);
            scene.tube(rib, ribR - r.uniform(1.2, 2), r.uniform(200, 320), 30);
            scene.sphere(lungC, lungR, lung, 25);
        } else {
            scene.fill(lung, 25);
        }
        int n = r.nextInt(3, 8);
        for (int k = 0; k < n; k++) {
            double r0 = r.uniform(1.0, 3.5);
            double[][] pts = curve(randomPoint(), r.unitVector(), 2 * reach, 6, 0.25);
            if (clear(pts, r0) && (lungC == null || inside(pts, lungC, lungR - r0 - 1))) {
                scene.tube(pts, taper(pts.length, r0, 0.5 * r0), blood(), 4);
            }
        }
        if ("vessel".equals(kind)) {
            double[] w = r.inPlaneUnit();
            touchTube(w, r.uniform(1.5, 4), null, similar(30, 60), 4);
        }
        adjacency = kind;
    }

    private void liver() {
        double liver = liverHu(r, enhanced);
        String kind = null;
        if (adjacent) {
            double u = r.uniform();
            kind = u < 0.6 ? "organ edge" : look.baseHu < 30 ? "bile duct" : enhanced ? "organ edge" : "vessel";
        }
        double[] w = r.inPlaneUnit();
        double edge = "organ edge".equals(kind) ? shape.surfaceDistance(w) - overlap()
                : shape.inPlaneRadius() + r.uniform(6, 60);
        double liverR = r.uniform(150, 300);
        double[] c = Vec.scale(w, edge - liverR);
        scene.fill(fat(), 6);
        // Diaphragm, abdominal wall or stomach wall just outside the capsule.
        double outer = "organ edge".equals(kind) ? similar(35, 75) : muscle();
        scene.sphere(c, liverR + r.uniform(4, 10), outer, 5);
        scene.sphere(c, liverR, liver, 6);
        int n = r.nextInt(2, 6);
        double vessel = enhanced ? r.uniform(140, 190) : r.uniform(35, 45);
        for (int k = 0; k < n; k++) {
            double r0 = r.uniform(2, 6);
            double[][] pts = curve(randomPoint(), r.unitVector(), 2 * reach, 8, 0.2);
            if (clear(pts, r0) && inside(pts, c, liverR - r0 - 1)) {
                scene.tube(pts, taper(pts.length, r0, 0.6 * r0), vessel, 4);
            }
        }
        if ("vessel".equals(kind)) {
            touchTube(r.inPlaneUnit(), r.uniform(2.5, 6), null, similar(30, 50), 4);
        } else if ("bile duct".equals(kind)) {
            touchTube(r.inPlaneUnit(), r.uniform(2, 4), null, similar(0, 25), 2);
        }
        adjacency = kind;
    }

    private void mediastinum() {
        scene.fill(fat(), 8);
        double tilt = r.uniform(-0.15, 0.15);
        double[] side = {Math.cos(tilt), Math.sin(tilt), 0};
        double lung = lungHu();
        double lungR = 200;
        double gapL = shape.inPlaneRadius() + r.uniform(12, 50);
        double gapR = shape.inPlaneRadius() + r.uniform(12, 50);
        scene.sphere(Vec.scale(side, -(gapL + lungR)), lungR, lung, 25);
        scene.sphere(Vec.scale(side, gapR + lungR), lungR, lung, 25);
        String kind = null;
        double[] tw = r.inPlaneUnit();
        if (adjacent) {
            double u = r.uniform();
            kind = u < 0.4 && !enhanced ? "vessel" : u < 0.7 ? "lymph node" : "esophagus";
        }
        double[] radii = {r.uniform(11, 16), r.uniform(8, 11), r.uniform(11, 15), r.uniform(7, 10)};
        double phi0 = Math.atan2(tw[1], tw[0]) + r.uniform(0.6, 1.0);
        double blood = blood();
        for (int k = 0; k < radii.length; k++) {
            double phi = phi0 + k * (2 * Math.PI - 1.2) / radii.length;
            double[] w = {Math.cos(phi), Math.sin(phi), 0};
            double[] p = Vec.scale(w, shape.inPlaneRadius() + radii[k] + r.uniform(2, 20));
            double[][] pts = line(p, Vec.normalize(Vec.v(r.uniform(-0.2, 0.2), r.uniform(-0.2, 0.2), 1)));
            if (k == 3) {
                // Trachea: an air lumen in a thin soft-tissue wall.
                scene.hollowTube(pts, radii[k] + 1.5, 1.5, muscle(), -1000, 0);
            } else {
                scene.tube(pts, radii[k], blood, 4);
            }
        }
        if ("vessel".equals(kind)) {
            touchTube(tw, r.uniform(5, 12), Vec.v(0, 0, 1), similar(35, 55), 4);
        } else if ("esophagus".equals(kind)) {
            touchTube(tw, r.uniform(6, 9), Vec.v(0, 0, 1), similar(35, 60), 5);
        } else if ("lymph node".equals(kind)) {
            touchNode(tw, similar(30, 65));
        }
        adjacency = kind;
    }

    private void kidney() {
        scene.fill(fat(), 6);
        boolean cyst = look.type.equals("cyst");
        double[] w = r.inPlaneUnit();
        String kind = null;
        if (adjacent) {
            kind = cyst ? "cyst" : r.chance(0.5) ? "muscle" : "bowel loop";
        }
        // Psoas muscle, medial to the kidney.
        double[] pw = rotate(w, Math.PI + r.uniform(-0.8, 0.8));
        double psoasR = r.uniform(15, 25);
        double[] pc = Vec.scale(pw, shape.inPlaneRadius() + psoasR + r.uniform(25, 50));
        scene.tube(line(pc, Vec.normalize(Vec.v(r.uniform(-0.2, 0.2), r.uniform(-0.2, 0.2), 1))), psoasR, muscle(), 5);
        double[] ax = {r.uniform(25, 32), r.uniform(22, 28), r.uniform(45, 60)};
        double[] rot = Vec.rotation(r.uniform(0, 2 * Math.PI), r.uniform(-0.35, 0.35), r.uniform(-0.35, 0.35));
        // The lesion sits at the kidney's rim (cortical or exophytic), not in its sinus.
        double[] kc = Vec.scale(w, -r.uniform(0.65, 1.05) * ellipseRadius(ax, rot, w));
        double cortex = enhanced ? r.uniform(150, 200) : r.uniform(30, 40);
        scene.ellipsoid(kc, rot, ax, cortex, 8);
        if (enhanced && r.chance(0.4)) {
            // Corticomedullary phase: darker medulla.
            scene.ellipsoid(kc, rot, Vec.scale(ax, 0.7), r.uniform(80, 120), 8);
        }
        scene.ellipsoid(kc, rot, Vec.scale(ax, 0.45), fat(), 6);
        scene.ellipsoid(kc, rot, new double[] {ax[0] * 0.25, ax[1] * 0.25, ax[2] * 0.3}, r.uniform(0, 15), 2);
        double[] tw = rotate(w, r.uniform(-1.2, 1.2));
        if ("cyst".equals(kind)) {
            double rad = r.uniform(4, 12);
            scene.sphere(Vec.scale(tw, shape.surfaceDistance(tw) + rad - overlap()), rad, similar(0, 20), 2);
        } else if ("muscle".equals(kind)) {
            touchTube(tw, r.uniform(12, 20), Vec.v(0, 0, 1), similar(40, 65), 5);
        } else if ("bowel loop".equals(kind)) {
            touchBowel(tw);
        }
        adjacency = kind;
    }

    private void bone() {
        scene.fill(fat(), 6);
        boolean sclerotic = look.type.equals("sclerotic");
        String kind = adjacent ? (sclerotic ? "cortex" : "muscle") : null;
        double[] w = r.inPlaneUnit();
        double cortexT = r.uniform(1.2, 3);
        double rb = Math.max(r.uniform(14, 25), shape.inPlaneRadius() + cortexT + r.uniform(3, 8));
        double[] ax = {rb, rb * r.uniform(0.8, 1.0), 400};
        double[] rot = Vec.rotation(r.uniform(0, 2 * Math.PI), r.uniform(-0.15, 0.15), r.uniform(-0.15, 0.15));
        double along = ellipseRadius(ax, rot, w);
        double[] bc;
        double muscleHu;
        double cortexHu;
        if ("muscle".equals(kind)) {
            // Lytic lesion breaking through the cortex into the muscle beside the bone.
            bc = Vec.scale(w, shape.surfaceDistance(w) - overlap() - along);
            muscleHu = similar(35, 65);
            cortexHu = r.uniform(700, 1200);
        } else if ("cortex".equals(kind)) {
            bc = Vec.scale(w, shape.surfaceDistance(w) - overlap() - (along - cortexT));
            muscleHu = muscle();
            cortexHu = similar(600, 1200);
        } else {
            double room = Math.max(0, along - cortexT - 2 - shape.inPlaneRadius());
            bc = Vec.scale(w, -r.uniform(0, room));
            muscleHu = muscle();
            cortexHu = r.uniform(700, 1200);
        }
        // Paraspinal / periarticular muscle around the bone.
        scene.ellipsoid(Vec.add(bc, Vec.v(r.uniform(-10, 10), r.uniform(-10, 10), 0)), rot,
                new double[] {rb + r.uniform(15, 40), rb + r.uniform(15, 40), 400}, muscleHu, 5);
        scene.ellipsoid(bc, rot, ax, cortexHu, 40);
        scene.ellipsoid(bc, rot, new double[] {ax[0] - cortexT, ax[1] - cortexT, 400}, r.uniform(150, 300), 35);
        adjacency = kind;
    }

    private void abdomen() {
        scene.fill(fat(), 8);
        String kind = adjacent ? (r.chance(0.65) || enhanced ? "bowel loop" : "vessel") : null;
        double[] tw = r.inPlaneUnit();
        // Aorta and IVC side by side.
        double[] aw = rotate(tw, r.uniform(1.0, 5.3));
        double ar = r.uniform(9, 13);
        double[] ac = Vec.scale(aw, shape.inPlaneRadius() + ar + r.uniform(8, 40));
        double[] zdir = Vec.normalize(Vec.v(r.uniform(-0.1, 0.1), r.uniform(-0.1, 0.1), 1));
        double blood = blood();
        scene.tube(line(ac, zdir), ar, blood, 4);
        double[] side = Vec.normalize(Vec.cross(aw, Vec.v(0, 0, 1)));
        double ir = r.uniform(8, 12);
        double[] ic = Vec.addScaled(ac, side, ar + ir + r.uniform(2, 6));
        if (Vec.norm(ic) - ir > bound + 1) {
            scene.tube(line(ic, zdir), ir, enhanced ? blood - r.uniform(20, 60) : blood, 4);
        }
        int loops = r.nextInt(2, 5);
        for (int k = 0; k < loops; k++) {
            double rad = r.uniform(8, 16);
            double[] dir = Vec.normalize(Vec.add(r.inPlaneUnit(), Vec.v(0, 0, r.uniform(-0.4, 0.4))));
            double[][] pts = curve(randomPoint(), dir, 2 * reach, 6, 0.3);
            if (clear(pts, rad)) {
                bowel(pts, rad);
            }
        }
        int ves = r.nextInt(1, 4);
        for (int k = 0; k < ves; k++) {
            double r0 = r.uniform(1.5, 4);
            double[][] pts = curve(randomPoint(), r.unitVector(), 2 * reach, 6, 0.2);
            if (clear(pts, r0)) {
                scene.tube(pts, r0, blood, 4);
            }
        }
        if ("bowel loop".equals(kind)) {
            touchBowel(tw);
        } else if ("vessel".equals(kind)) {
            touchTube(tw, r.uniform(3, 8), null, similar(35, 55), 4);
        }
        adjacency = kind;
    }

    private void softTissue() {
        String kind = adjacent ? "muscle" : null;
        boolean subcutaneous = adjacent || r.chance(0.4);
        double[] w = r.inPlaneUnit(); // towards the inside of the body
        double muscleR = r.uniform(100, 200);
        double muscleHu = adjacent ? similar(35, 65) : muscle();
        double[] c;
        double skinR;
        if (subcutaneous) {
            double dm = adjacent ? shape.surfaceDistance(w) - overlap() : shape.inPlaneRadius() + r.uniform(3, 15);
            c = Vec.scale(w, dm + muscleR);
            double toSkin = shape.inPlaneRadius() + r.uniform(4, 25);
            skinR = muscleR + dm + toSkin;
        } else {
            double e = shape.inPlaneRadius() + r.uniform(5, 30);
            c = Vec.scale(w, muscleR - e);
            skinR = muscleR + r.uniform(8, 30);
        }
        scene.fill(-1000, 0);
        scene.sphere(c, skinR, r.uniform(20, 60), 5);
        scene.sphere(c, skinR - r.uniform(1.5, 2.5), fat(), 6);
        scene.sphere(c, muscleR, muscleHu, 5);
        // Fat planes between muscle groups.
        int septa = r.nextInt(1, 3);
        double fat = fat();
        for (int k = 0; k < septa; k++) {
            double[] p = Vec.addScaled(c, r.unitVector(), muscleR * r.uniform(0.1, 0.7));
            p[2] = r.uniform(lo[2], hi[2]);
            if (Vec.norm(p) > bound + 8) {
                double[] rot = Vec.rotation(r.uniform(0, 2 * Math.PI), r.uniform(-0.3, 0.3), 0);
                scene.ellipsoid(p, rot, new double[] {r.uniform(30, 80), r.uniform(0.8, 1.6), 200}, fat, 4);
            }
        }
        // A long bone deep in the limb or trunk wall.
        double br = r.uniform(10, 20);
        double[] bcen = Vec.addScaled(c, r.inPlaneUnit(), muscleR * r.uniform(0.0, 0.3));
        if (Vec.norm(new double[] {bcen[0], bcen[1], 0}) > shape.inPlaneRadius() + br + 5) {
            double[][] pts = line(bcen, Vec.v(0, 0, 1));
            scene.tube(pts, br, r.uniform(700, 1200), 40);
            scene.tube(pts, br - r.uniform(2, 4), r.uniform(-50, 150), 30);
        }
        adjacency = kind;
    }

    private void pelvis() {
        scene.fill(fat(), 8);
        double[] tw = r.inPlaneUnit();
        String kind = null;
        if (adjacent) {
            double u = r.uniform();
            kind = u < 0.35 && !enhanced ? "vessel" : u < 0.7 ? "bowel loop" : "muscle";
        }
        double blood = blood();
        // Iliac artery and vein, close to the node.
        double[] vw = rotate(tw, r.uniform(0.9, 2.2));
        double ar = r.uniform(3.5, 6), vr = r.uniform(5, 9);
        double[] dir = Vec.normalize(Vec.v(r.uniform(-0.3, 0.3), r.uniform(-0.3, 0.3), 1));
        double[] ac = Vec.scale(vw, shape.inPlaneRadius() + ar + r.uniform(1, 8));
        scene.tube(line(ac, dir), ar, blood, 4);
        double[] vc = Vec.addScaled(ac, rotate(vw, 1.2), ar + vr + 1);
        if (Vec.norm(new double[] {vc[0], vc[1], 0}) > shape.inPlaneRadius() + vr + 1) {
            scene.tube(line(vc, dir), vr, enhanced ? blood - r.uniform(20, 60) : blood, 4);
        }
        // Bladder.
        double[] bw = rotate(tw, r.uniform(2.5, 3.8));
        double[] bax = {r.uniform(30, 60), r.uniform(25, 50), r.uniform(25, 45)};
        double bmax = Math.max(bax[0], Math.max(bax[1], bax[2]));
        double[] bcen = Vec.scale(bw, bound + bmax + r.uniform(5, 40));
        scene.ellipsoid(bcen, Vec.IDENTITY, Vec.add(bax, Vec.v(3, 3, 3)), muscle(), 5);
        scene.ellipsoid(bcen, Vec.IDENTITY, bax, r.uniform(0, 15), 2);
        // Pelvic side wall: iliac bone under the obturator muscle.
        double[] pw = rotate(tw, r.uniform(4.0, 5.3));
        double bone = r.uniform(15, 30);
        double[] pc = Vec.scale(pw, bound + bone + r.uniform(15, 40));
        double[] brot = Vec.rotation(Math.atan2(pw[1], pw[0]), 0, 0);
        double[] bAx = {bone * 0.5, bone, 400};
        scene.ellipsoid(Vec.addScaled(pc, pw, -4), brot, Vec.add(bAx, Vec.v(10, 8, 0)), muscle(), 5);
        scene.ellipsoid(pc, brot, bAx, r.uniform(700, 1200), 40);
        scene.ellipsoid(pc, brot, Vec.add(bAx, Vec.v(-2, -2, 0)), r.uniform(150, 300), 35);
        if ("vessel".equals(kind)) {
            touchTube(tw, r.uniform(4, 9), Vec.v(0, 0, 1), similar(35, 55), 4);
        } else if ("bowel loop".equals(kind)) {
            touchBowel(tw);
        } else if ("muscle".equals(kind)) {
            double rad = r.uniform(60, 150);
            scene.sphere(Vec.scale(tw, shape.surfaceDistance(tw) - overlap() + rad), rad, similar(40, 65), 5);
        }
        adjacency = kind;
    }

    // ---- placement helpers ----

    private double overlap() {
        return r.uniform(0.6, 1.5);
    }

    /**
     * HU of an adjacent structure whose literature range is [lo, hi], within about 15 HU of the
     * lesion; if the range cannot come that close, the lesion's base moves toward it instead.
     */
    private double similar(double lo, double hi) {
        double v = Math.max(lo, Math.min(hi, look.baseHu + r.uniform(-15, 15)));
        if (Math.abs(v - look.baseHu) > 18) {
            look.baseHu = v + r.uniform(-12, 12);
        }
        return v;
    }

    /** A tube touching the lesion at the in-plane direction w; {@code hint} biases its direction. */
    private void touchTube(double[] w, double radius, double[] hint, double hu, double tex) {
        double[] t = hint != null ? Vec.add(hint, Vec.scale(r.unitVector(), 0.3)) : r.unitVector();
        t = Vec.addScaled(t, w, -Vec.dot(t, w));
        t = Vec.normalize(t);
        double[] c = Vec.scale(w, shape.surfaceDistance(w) + radius - overlap());
        double bend = r.uniform(0, 0.003);
        List<double[]> pts = new ArrayList<>();
        for (int k = -8; k <= 8; k++) {
            double s = reach * k / 8.0;
            pts.add(Vec.addScaled(Vec.addScaled(c, t, s), w, bend * s * s));
        }
        scene.tube(pts.toArray(new double[0][]), radius, hu, tex);
    }

    /** A bowel loop touching the lesion at w: its wall has the lesion's HU, its lumen fluid. */
    private void touchBowel(double[] w) {
        double rad = r.uniform(8, 15);
        double wallHu = similar(35, 80);
        double[] t = Vec.normalize(Vec.v(-w[1], w[0], r.uniform(-0.3, 0.3)));
        t = Vec.normalize(Vec.addScaled(t, w, -Vec.dot(t, w)));
        double[] c = Vec.scale(w, shape.surfaceDistance(w) + rad - overlap());
        double bend = r.uniform(0.002, 0.01);
        List<double[]> pts = new ArrayList<>();
        for (int k = -8; k <= 8; k++) {
            double s = reach * k / 8.0;
            pts.add(Vec.addScaled(Vec.addScaled(c, t, s), w, bend * s * s));
        }
        double[][] p = pts.toArray(new double[0][]);
        scene.tube(p, rad, wallHu, 5);
        scene.tube(p, rad - r.uniform(2, 4), r.chance(0.7) ? r.uniform(0, 20) : -1000, 3);
    }

    /** Another node pressed against the lesion at w. */
    private void touchNode(double[] w, double hu) {
        double rad = r.uniform(4, 9);
        double[] c = Vec.scale(w, shape.surfaceDistance(w) + rad - overlap());
        scene.ellipsoid(c, Vec.rotation(r.uniform(0, 6.3), r.uniform(-0.3, 0.3), 0),
                new double[] {rad, rad * r.uniform(0.7, 1), rad * r.uniform(1, 2)}, hu, 5);
    }

    private void bowel(double[][] pts, double rad) {
        double wall = enhanced ? r.uniform(60, 90) : r.uniform(35, 50);
        double u = r.uniform();
        double lumen = u < 0.4 ? r.uniform(0, 20) : u < 0.65 ? -1000 : u < 0.85 ? r.uniform(150, 350) : r.uniform(-150, 20);
        double lumenTex = u < 0.4 ? 5 : u < 0.65 ? 0 : u < 0.85 ? 20 : 60;
        scene.hollowTube(pts, rad, r.uniform(2, 4), wall, lumen, lumenTex);
    }

    /** A straight line through p along unit dir, spanning the image. */
    private double[][] line(double[] p, double[] dir) {
        // Short segments keep each segment's bounding box, and so the painting work, small.
        double[][] pts = new double[17][];
        for (int k = -8; k <= 8; k++) {
            pts[k + 8] = Vec.addScaled(p, dir, reach * k / 8.0);
        }
        return pts;
    }

    /** A random smooth curve: steps of {@code step} mm, direction wandering by ~{@code bend} rad per step. */
    private double[][] curve(double[] start, double[] dir, double length, double step, double bend) {
        int n = Math.max(2, (int) Math.ceil(length / step));
        double[][] pts = new double[n + 1][];
        double[] p = start.clone(), d = Vec.normalize(dir);
        // Start half a length back so the curve crosses the start point.
        p = Vec.addScaled(p, d, -length / 2);
        for (int i = 0; i <= n; i++) {
            pts[i] = p;
            d = Vec.normalize(Vec.addScaled(d, r.unitVector(), bend));
            p = Vec.addScaled(p, d, step);
        }
        return pts;
    }

    private static double[] taper(int n, double r0, double r1) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = r0 + (r1 - r0) * i / Math.max(1, n - 1);
        }
        return out;
    }

    private double[] randomPoint() {
        return new double[] {r.uniform(lo[0], hi[0]), r.uniform(lo[1], hi[1]), r.uniform(lo[2], hi[2])};
    }

    /** Whether the tube stays out of the lesion's bounding sphere with a 1.5 mm gap. */
    private boolean clear(double[][] pts, double radius) {
        double lim = bound + radius + 1.5;
        for (int i = 0; i + 1 < pts.length; i++) {
            if (segmentDistance(pts[i], pts[i + 1]) < lim) {
                return false;
            }
        }
        return true;
    }

    private static boolean inside(double[][] pts, double[] c, double rad) {
        for (double[] p : pts) {
            double dx = p[0] - c[0], dy = p[1] - c[1], dz = p[2] - c[2];
            if (dx * dx + dy * dy + dz * dz > rad * rad) {
                return false;
            }
        }
        return true;
    }

    private static double segmentDistance(double[] a, double[] b) {
        double[] ab = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        double l2 = Vec.dot(ab, ab);
        double t = l2 > 0 ? -Vec.dot(a, ab) / l2 : 0;
        t = Math.max(0, Math.min(1, t));
        return Vec.norm(Vec.addScaled(a, ab, t));
    }

    private static double[] rotate(double[] w, double angle) {
        double c = Math.cos(angle), s = Math.sin(angle);
        return new double[] {c * w[0] - s * w[1], s * w[0] + c * w[1], 0};
    }

    /** Distance from an ellipsoid's centre to its surface along world direction w. */
    private static double ellipseRadius(double[] ax, double[] rot, double[] w) {
        double[] q = Vec.applyT(rot, w);
        double k = Math.sqrt(Math.pow(q[0] / ax[0], 2) + Math.pow(q[1] / ax[1], 2) + Math.pow(q[2] / ax[2], 2));
        return 1 / k;
    }
}
