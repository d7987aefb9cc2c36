package org.wsss.phantom;

import java.util.Map;
import org.wsss.api.Axis;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Point2;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.VoxelSpacing;

/** Turns a {@link CasePlan} into voxels: first the lesion (ground truth, RECIST), then the image. */
final class Renderer {

    private Renderer() {
    }

    /** The lesion's partial-volume fractions over its bounding box, the ground truth and the marks. */
    static final class Lesion {
        final int x0;
        final int y0;
        final int z0;
        final int bw;
        final int bh;
        final int bd;
        final float[] fraction;
        final Mask3D truth;
        final int keyZ;
        final Recist trueRecist;
        final Recist recist;

        private Lesion(int x0, int y0, int z0, int bw, int bh, int bd, float[] fraction, Mask3D truth, int keyZ,
                Recist trueRecist, Recist recist) {
            this.x0 = x0;
            this.y0 = y0;
            this.z0 = z0;
            this.bw = bw;
            this.bh = bh;
            this.bd = bd;
            this.fraction = fraction;
            this.truth = truth;
            this.keyZ = keyZ;
            this.trueRecist = trueRecist;
            this.recist = recist;
        }
    }

    /**
     * Rasterises the lesion: each voxel's lesion fraction is 0 or 1 away from the surface and
     * the share of 3×3×3 sub-samples inside near it; ground truth is fraction ≥ 0.5.
     */
    static Lesion lesion(CasePlan p, PhantomConfig cfg) {
        return lesion(p.shape, new Grid(p.width, p.height, p.depth, p.spacing, p.ox, p.oy, p.oz, p.firstSlice),
                provenance(p), new Rand(p.streamSeed(2)), cfg.recistLengthPerturbation(), cfg.recistJitterPx());
    }

    /**
     * A voxel grid with the lesion centre at voxel (ox, oy, oz) and the series' slice number of
     * z = 0.
     */
    record Grid(int width, int height, int depth, VoxelSpacing spacing, double ox, double oy, double oz, int firstSlice) {
    }

    /**
     * {@link #lesion(CasePlan, PhantomConfig)} for any shape on any grid: the fractions, the
     * ground truth (with {@code prov}) and the measured and perturbed RECIST (drawn from
     * {@code recistRand}).
     */
    static Lesion lesion(LesionShape s, Grid p, Provenance prov, Rand recistRand, double perturbation, double jitter) {
        double sx = p.spacing().x(), sy = p.spacing().y(), sz = p.spacing().z();
        int x0 = Math.max(0, (int) Math.floor(p.ox() - s.extentX() / sx) - 1);
        int x1 = Math.min(p.width() - 1, (int) Math.ceil(p.ox() + s.extentX() / sx) + 1);
        int y0 = Math.max(0, (int) Math.floor(p.oy() - s.extentY() / sy) - 1);
        int y1 = Math.min(p.height() - 1, (int) Math.ceil(p.oy() + s.extentY() / sy) + 1);
        int z0 = Math.max(0, (int) Math.floor(p.oz() - s.extentZ() / sz) - 1);
        int z1 = Math.min(p.depth() - 1, (int) Math.ceil(p.oz() + s.extentZ() / sz) + 1);
        int bw = x1 - x0 + 1, bh = y1 - y0 + 1, bd = z1 - z0 + 1;
        float[] frac = new float[bw * bh * bd];
        double band = 0.75 * Math.sqrt(sx * sx + sy * sy + sz * sz);
        double[] out = new double[3];
        Mask3D.Builder gt = Mask3D.builder(p.width(), p.height(), p.depth(), p.spacing())
                .provenance(prov);
        int[] area = new int[p.depth()];
        for (int z = z0; z <= z1; z++) {
            double pz = (z - p.oz()) * sz;
            for (int y = y0; y <= y1; y++) {
                double py = (y - p.oy()) * sy;
                for (int x = x0; x <= x1; x++) {
                    double px = (x - p.ox()) * sx;
                    s.eval(px, py, pz, out);
                    float f;
                    if (out[2] > band) {
                        f = out[0] <= 0 ? 1 : 0;
                    } else {
                        int in = 0;
                        for (int k = -1; k <= 1; k++) {
                            for (int j = -1; j <= 1; j++) {
                                for (int i = -1; i <= 1; i++) {
                                    s.eval(px + i * sx / 3, py + j * sy / 3, pz + k * sz / 3, out);
                                    if (out[0] <= 0) {
                                        in++;
                                    }
                                }
                            }
                        }
                        f = in / 27f;
                    }
                    frac[((z - z0) * bh + (y - y0)) * bw + (x - x0)] = f;
                    if (f >= 0.5f) {
                        gt.set(x, y, z);
                        area[z]++;
                    }
                }
            }
        }
        int most = 0;
        for (int a : area) {
            most = Math.max(most, a);
        }
        if (most < 2) {
            // A lesion so small or thin that fewer than 2 voxels are half inside: marked where it
            // fills at least half of its fullest voxel, so it still has a mask and a RECIST.
            float top = 0;
            for (float f : frac) {
                top = Math.max(top, f);
            }
            for (int i = 0; i < frac.length && top > 0; i++) {
                if (frac[i] >= top / 2 && frac[i] < 0.5f) {
                    int z = z0 + i / (bw * bh), y = y0 + i / bw % bh, x = x0 + i % bw;
                    gt.set(x, y, z);
                    area[z]++;
                }
            }
        }
        int key = -1;
        for (int z = 0; z < p.depth(); z++) {
            if (key < 0 || area[z] > area[key]
                    || (area[z] == area[key] && Math.abs(z - p.oz()) < Math.abs(key - p.oz()))) {
                key = z;
            }
        }
        Mask3D truth = gt.build();
        Mask keyMask = truth.slice(key);
        Recist trueRecist = Recist.fromMask(keyMask, p.spacing(), p.firstSlice() + key);
        Recist marked = perturb(trueRecist, recistRand, perturbation,
                jitter, p.width(), p.height(), p.spacing());
        return new Lesion(x0, y0, z0, bw, bh, bd, frac, truth, key, trueRecist, marked);
    }

    /**
     * Clinical-style noise on a measured mark: each axis scaled about its midpoint by
     * {@code 1 ± U(0, p)}, each endpoint moved by clipped Gaussian jitter; redrawn until the mark
     * passes {@link Recist#validate} (the unperturbed mark is returned if 50 draws fail).
     */
    static Recist perturb(Recist t, Rand r, double p, double jitter, int w, int h, VoxelSpacing sp) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Axis la = noisy(t.longAxis(), r, p, jitter);
                Axis sa = noisy(t.shortAxis(), r, p, jitter);
                Recist c = new Recist(la, sa, t.sliceIndex());
                return c.validate(w, h, sp);
            } catch (IllegalArgumentException e) {
                // Redraw: too far from perpendicular, short longer than long, or outside the image.
            }
        }
        return t;
    }

    private static Axis noisy(Axis a, Rand r, double p, double jitter) {
        double f = 1 + r.uniform(-p, p);
        Point2 m = a.midpoint();
        double hx = (a.end().x() - m.x()) * f, hy = (a.end().y() - m.y()) * f;
        return Axis.of(m.x() - hx + jit(r, jitter), m.y() - hy + jit(r, jitter),
                m.x() + hx + jit(r, jitter), m.y() + hy + jit(r, jitter));
    }

    private static double jit(Rand r, double jitter) {
        if (jitter == 0) {
            return 0;
        }
        double v = r.gaussian() * jitter / 2;
        return Math.max(-jitter, Math.min(jitter, v));
    }

    /**
     * The HU volume, x fastest then y then z. {@code withLesion} false gives the anatomy alone,
     * {@code blur} false skips the point-spread blur and {@code noise} false the CT noise (for
     * tests); the product is rounded to integer HU in [−1024, 3071], as CT stores it.
     */
    static float[] image(CasePlan p, Lesion les, boolean withLesion, boolean blur, boolean noise) {
        int w = p.width, h = p.height, d = p.depth;
        double sx = p.spacing.x(), sy = p.spacing.y(), sz = p.spacing.z();
        Canvas cv = new Canvas(w, h, d, sx, sy, sz, p.ox, p.oy, p.oz);
        cv.paint(p.scene);
        float[] hu = cv.hu;
        float[] tex = cv.tex;
        Rand tr = new Rand(p.streamSeed(3));
        SmoothField tissue = new SmoothField(tr, p.lo, p.hi, 5.0);
        float[] line = new float[w];
        float[] cols = new float[tissue.columns()];
        for (int z = 0; z < d; z++) {
            double pz = (z - p.oz) * sz;
            for (int y = 0; y < h; y++) {
                double py = (y - p.oy) * sy;
                int row = (z * h + y) * w;
                tissue.row(-p.ox * sx, sx, w, py, pz, line, cols);
                for (int x = 0; x < w; x++) {
                    hu[row + x] += tex[row + x] * line[x];
                }
            }
        }
        if (withLesion) {
            SmoothField het = new SmoothField(tr, p.lo, p.hi, Math.max(2.0, p.diameterMm / 6));
            LesionLook look = p.look;
            double[] out = new double[3];
            for (int z = 0; z < les.bd; z++) {
                double pz = (z + les.z0 - p.oz) * sz;
                for (int y = 0; y < les.bh; y++) {
                    double py = (y + les.y0 - p.oy) * sy;
                    for (int x = 0; x < les.bw; x++) {
                        float f = les.fraction[(z * les.bh + y) * les.bw + x];
                        if (f <= 0) {
                            continue;
                        }
                        double px = (x + les.x0 - p.ox) * sx;
                        p.shape.eval(px, py, pz, out);
                        double v = look.huAt(Math.min(1, out[1])) + look.heteroHu * het.at(px, py, pz);
                        int i = ((z + les.z0) * h + (y + les.y0)) * w + (x + les.x0);
                        hu[i] += (float) (f * (v - hu[i]));
                    }
                }
            }
        }
        if (blur) {
            Filters.separable(hu, w, h, d, Filters.kernel(p.psfSigmaPx));
        }
        if (noise) {
            float[] white = new float[hu.length];
            Rand nr = new Rand(p.streamSeed(1));
            for (int i = 0; i < white.length; i++) {
                white[i] = (float) nr.gaussian();
            }
            float[] k = Filters.kernel(p.noiseCorrelationPx);
            Filters.separable(white, w, h, d, k);
            float scale = (float) (p.noiseSigmaHu / Filters.energy(k));
            for (int i = 0; i < hu.length; i++) {
                hu[i] += scale * white[i];
            }
        }
        for (int i = 0; i < hu.length; i++) {
            float v = Math.round(hu[i]);
            hu[i] = v < -1024 ? -1024 : v > 3071 ? 3071 : v;
        }
        return hu;
    }

    static Provenance provenance(CasePlan p) {
        return Provenance.of("phantom", Map.of("index", Integer.toString(p.index), "category", p.category.name()))
                .withSeed(p.masterSeed);
    }
}
