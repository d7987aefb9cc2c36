package org.wsss.phantom;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Provenance;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.Volume;
import org.wsss.api.VolumeLesionCase;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.WsssIoException;

/**
 * Phantom lesions inserted into a real CT volume: real anatomy around a lesion whose exact 3D
 * mask is known, so the SDK can be measured on real backgrounds (the real-CT-background mode).
 *
 * <p>Case {@code i} depends only on (the volume, {@link Config#seed()}, i). Its lesion has the
 * phantom's shapes ({@link LesionShape}: lobulated, tilted, flattened or elongated ellipsoids,
 * log-normal long diameter) and partial-volume rasterisation. It is placed where the volume
 * holds soft tissue around the whole lesion (at least 95 % of sampled voxels in −120..200 HU, mean
 * −20..130 HU), so it sits in liver, spleen, kidney, muscle or similar, with its base HU that of
 * the local tissue ± a contrast drawn from the config (hypo-attenuating in 75 % of cases, as most
 * metastases are on portal-venous CT). Inside it has low-frequency heterogeneity, in some cases a
 * necrotic core or an enhancing rim, and CT noise of the local tissue's measured level
 * (correlated in-plane), blended into the image by its partial-volume fraction. The case is the
 * sub-volume around the lesion, sized like a phantom case (field of view 3.5 × the diameter,
 * 128–256 px, clipped to the volume), with the RECIST measured on the ground truth and perturbed
 * as in {@link Phantom}.
 *
 * <p>Limits: a lesion pasted into tissue does not displace or deform its neighbours, and its
 * edge is as sharp as the partial-volume model makes it; the surrounding anatomy, noise texture
 * and streaks are the scanner's.
 */
public final class InsertedLesions {

    private static final double SOFT_LO = -120, SOFT_HI = 200, MEAN_LO = -20, MEAN_HI = 130;
    private static final int SITE_TRIES = 400;

    private InsertedLesions() {
    }

    /**
     * How lesions are inserted.
     *
     * @param count number of cases
     * @param seed master seed
     * @param minDiameterMm smallest long diameter
     * @param medianDiameterMm median long diameter (log-normal, σ 0.5)
     * @param maxDiameterMm largest long diameter
     * @param minContrastHu smallest |lesion − tissue| HU difference
     * @param maxContrastHu largest |lesion − tissue| HU difference
     * @param trainFraction share of cases in the train split
     * @param validationFraction share in the validation split (the rest is test)
     * @param perturbation RECIST axis length noise (± fraction), as {@link PhantomConfig}
     * @param jitterPx RECIST endpoint jitter in pixels
     */
    public record Config(int count, long seed, double minDiameterMm, double medianDiameterMm, double maxDiameterMm,
                         double minContrastHu, double maxContrastHu, double trainFraction, double validationFraction,
                         double perturbation, double jitterPx) {

        /** Validates; errors name the field. */
        public Config {
            if (count < 1) {
                throw new IllegalArgumentException("Config.count must be >= 1, got " + count);
            }
            if (!(minDiameterMm > 0 && minDiameterMm <= medianDiameterMm && medianDiameterMm <= maxDiameterMm)) {
                throw new IllegalArgumentException("Config diameters need 0 < min <= median <= max, got " + minDiameterMm
                        + ", " + medianDiameterMm + ", " + maxDiameterMm);
            }
            if (!(minContrastHu >= 0 && minContrastHu <= maxContrastHu)) {
                throw new IllegalArgumentException("Config contrasts need 0 <= min <= max, got " + minContrastHu + ", "
                        + maxContrastHu);
            }
            if (!(trainFraction >= 0 && validationFraction >= 0 && trainFraction + validationFraction <= 1)) {
                throw new IllegalArgumentException("Config split fractions must be >= 0 and sum to <= 1, got "
                        + trainFraction + ", " + validationFraction);
            }
            if (!(perturbation >= 0 && perturbation < 1 && jitterPx >= 0)) {
                throw new IllegalArgumentException("Config RECIST noise must be 0 <= perturbation < 1, jitter >= 0");
            }
        }

        /**
         * {@code count} lesions, seed 1, long diameter 10–50 mm (median 20), contrast 20–60 HU,
         * 70/15/15 % train/validation/test, the phantom's RECIST noise (±20 %, 1 px).
         */
        public static Config defaults(int count) {
            return new Config(count, 1L, 10, 20, 50, 20, 60, 0.70, 0.15, 0.20, 1.0);
        }

        /** The same with another seed. */
        public Config withSeed(long s) {
            return new Config(count, s, minDiameterMm, medianDiameterMm, maxDiameterMm, minContrastHu, maxContrastHu,
                    trainFraction, validationFraction, perturbation, jitterPx);
        }

        /** The same with another range of |lesion − tissue| HU differences (validated as the constructor does). */
        public Config withContrast(double minHu, double maxHu) {
            return new Config(count, seed, minDiameterMm, medianDiameterMm, maxDiameterMm, minHu, maxHu, trainFraction,
                    validationFraction, perturbation, jitterPx);
        }
    }

    /**
     * A lazily generated dataset of {@code config.count()} cases inserted into {@code ct}.
     *
     * @param ct the real CT in HU, axial slices
     * @param source a short name of the volume, kept in every case's provenance
     */
    public static LesionDataset dataset(Volume ct, String source, Config config) {
        Objects.requireNonNull(ct, "ct");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(config, "config");
        return new LesionDataset() {
            @Override
            public int size() {
                return config.count();
            }

            @Override
            public LesionCase get(int i) {
                return generate(ct, source, config, i);
            }

            @Override
            public List<WsssIoException> problems() {
                return List.of();
            }

            @Override
            public String toString() {
                return "InsertedLesions[" + config.count() + " cases in " + source + ", seed " + config.seed() + "]";
            }
        };
    }

    /**
     * Case {@code index}: a lesion inserted at a soft-tissue site of {@code ct}.
     *
     * @throws IllegalArgumentException if no soft-tissue site fits a lesion of the drawn size
     *     (the volume is too small, or holds no soft tissue)
     */
    public static VolumeLesionCase generate(Volume ct, String source, Config cfg, int index) {
        if (index < 0 || index >= cfg.count()) {
            throw new IndexOutOfBoundsException("inserted case " + index + " outside 0.." + (cfg.count() - 1));
        }
        Rand r = new Rand(Rand.derive(cfg.seed(), index, 0));
        double u = r.uniform();
        Split split = u < cfg.trainFraction() ? Split.TRAIN
                : u < cfg.trainFraction() + cfg.validationFraction() ? Split.VALIDATION : Split.TEST;
        VoxelSpacing sp = ct.spacing();
        double diameter = CasePlan.drawDiameter(cfg.medianDiameterMm(), cfg.minDiameterMm(), cfg.maxDiameterMm(), r);
        LesionLook look = new LesionLook("inserted", 0, r.uniform(4, 15));
        if (r.chance(0.2)) {
            look.core(-r.uniform(10, 30), r.uniform(0.3, 0.6));
        } else if (r.chance(0.2)) {
            look.rim(r.uniform(15, 40), r.uniform(0.15, 0.3));
        }
        LesionShape shape = LesionShape.random(r, diameter, new LesionShape.Style(0.55, 1.0, 0.12, 0.1, 0.15, 0.15, 20));
        int[] site = site(ct, shape, r);
        if (site == null) {
            throw new IllegalArgumentException("inserted case " + index + ": no soft-tissue site of " + source
                    + " fits a lesion of " + Math.round(diameter) + " mm (" + ct + ")");
        }
        double tissue = site[3];
        double contrast = r.uniform(cfg.minContrastHu(), cfg.maxContrastHu());
        look.baseHu = tissue + (r.chance(0.75) ? -contrast : contrast);
        if (look.coreFraction > 0) {
            look.coreHu += look.baseHu;
        }
        // The case's grid: a phantom-sized box around the site, shifted to lie inside the volume.
        int fov = (int) Math.round(3.5 * diameter / sp.x());
        fov = Math.max(128, Math.min(256, fov));
        int w = Math.min(fov, ct.width()), h = Math.min(fov, ct.height());
        int halfZ = (int) Math.ceil((shape.extentZ() + Math.max(3 * sp.z(), 6)) / sp.z());
        int d = Math.min(2 * halfZ + 1, ct.depth());
        int x0 = clampStart(site[0] - w / 2, w, ct.width());
        int y0 = clampStart(site[1] - h / 2, h, ct.height());
        int z0 = clampStart(site[2] - d / 2, d, ct.depth());
        Provenance prov = Provenance.of("inserted-lesion", Map.of("index", Integer.toString(index), "source", source,
                "site", site[0] + "," + site[1] + "," + site[2], "first-slice", Integer.toString(z0), "crop-x",
                Integer.toString(x0), "crop-y", Integer.toString(y0))).withSeed(cfg.seed());
        Renderer.Grid grid = new Renderer.Grid(w, h, d, sp, site[0] - x0, site[1] - y0, site[2] - z0, 0);
        Renderer.Lesion les = Renderer.lesion(shape, grid, prov, new Rand(Rand.derive(cfg.seed(), index, 2)),
                cfg.perturbation(), cfg.jitterPx());
        float[] hu = new float[w * h * d];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    hu[(z * h + y) * w + x] = ct.get(x0 + x, y0 + y, z0 + z);
                }
            }
        }
        double sigma = noiseSigma(hu, w, h, d);
        blend(hu, w, h, d, les, shape, look, grid, sigma, new Rand(Rand.derive(cfg.seed(), index, 1)));
        List<Slice> slices = new java.util.ArrayList<>(d);
        for (int z = 0; z < d; z++) {
            float[] s = new float[w * h];
            System.arraycopy(hu, z * w * h, s, 0, w * h);
            slices.add(Slice.of(w, h, s, sp));
        }
        Mask3D truth = les.truth;
        // The id names the key slice by its 1-based number in the source volume.
        String id = String.format("%06d_01_01_%03d", index + 1, z0 + 1 + les.recist.sliceIndex());
        return LesionCase.of(id, Volume.of(slices, sp), les.recist, CasePlan.SOFT_TISSUE_WINDOW).withSplit(split)
                .withGroundTruth(truth);
    }

    private static int clampStart(int start, int size, int total) {
        return Math.max(0, Math.min(total - size, start));
    }

    /**
     * A voxel at which the lesion's bounding ellipsoid, grown by 20 %, lies in soft tissue: {x, y,
     * z, mean HU}, or null.
     */
    private static int[] site(Volume ct, LesionShape shape, Rand r) {
        VoxelSpacing sp = ct.spacing();
        double ex = 1.2 * shape.extentX(), ey = 1.2 * shape.extentY(), ez = Math.max(1.2 * shape.extentZ(), sp.z());
        int mx = (int) Math.ceil(ex / sp.x()) + 1, my = (int) Math.ceil(ey / sp.y()) + 1, mz = (int) Math.ceil(ez / sp.z());
        if (2 * mx >= ct.width() || 2 * my >= ct.height() || 2 * mz >= ct.depth()) {
            return null;
        }
        for (int t = 0; t < SITE_TRIES; t++) {
            int cx = r.nextInt(mx, ct.width() - 1 - mx), cy = r.nextInt(my, ct.height() - 1 - my),
                    cz = r.nextInt(mz, ct.depth() - 1 - mz);
            float c = ct.get(cx, cy, cz);
            if (c < MEAN_LO || c > MEAN_HI) {
                continue;
            }
            int n = 0, soft = 0;
            double sum = 0;
            for (int k = -6; k <= 6; k++) {
                for (int j = -6; j <= 6; j++) {
                    for (int i = -6; i <= 6; i++) {
                        double fx = i / 6.0, fy = j / 6.0, fz = k / 6.0;
                        if (fx * fx + fy * fy + fz * fz > 1) {
                            continue;
                        }
                        float v = ct.get(cx + (int) Math.round(fx * (mx - 1)), cy + (int) Math.round(fy * (my - 1)),
                                Math.max(0, Math.min(ct.depth() - 1, cz + (int) Math.round(fz * mz))));
                        n++;
                        if (v >= SOFT_LO && v <= SOFT_HI) {
                            soft++;
                            sum += v;
                        }
                    }
                }
            }
            double mean = soft == 0 ? Double.NaN : sum / soft;
            if (soft >= 0.95 * n && mean >= MEAN_LO && mean <= MEAN_HI) {
                return new int[] {cx, cy, cz, (int) Math.round(mean)};
            }
        }
        return null;
    }

    /**
     * The image noise of the sub-volume: the robust (median-absolute) spread of horizontal
     * neighbour differences among soft-tissue voxels, / √2.
     */
    static double noiseSigma(float[] hu, int w, int h, int d) {
        float[] diffs = new float[w * h * d];
        int n = 0;
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                int row = (z * h + y) * w;
                for (int x = 0; x + 1 < w; x++) {
                    float a = hu[row + x], b = hu[row + x + 1];
                    if (a >= SOFT_LO && a <= SOFT_HI && b >= SOFT_LO && b <= SOFT_HI) {
                        diffs[n++] = Math.abs(a - b);
                    }
                }
            }
        }
        if (n == 0) {
            return 10;
        }
        float[] v = java.util.Arrays.copyOf(diffs, n);
        java.util.Arrays.sort(v);
        // |a − b| of two independent N(0, σ) values is half-normal of scale σ√2, median 0.6745·σ√2.
        return v[n / 2] / (0.6745 * Math.sqrt(2));
    }

    private static void blend(float[] hu, int w, int h, int d, Renderer.Lesion les, LesionShape shape, LesionLook look,
                              Renderer.Grid g, double sigma, Rand r) {
        double sx = g.spacing().x(), sy = g.spacing().y(), sz = g.spacing().z();
        double[] lo = {-g.ox() * sx, -g.oy() * sy, -g.oz() * sz};
        double[] hi = {(w - 1 - g.ox()) * sx, (h - 1 - g.oy()) * sy, (d - 1 - g.oz()) * sz};
        SmoothField het = new SmoothField(r, lo, hi, Math.max(2.0, 2 * shape.extentX() / 6));
        float[] noise = new float[les.bw * les.bh * les.bd];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) r.gaussian();
        }
        float[] k = Filters.kernel(0.8);
        Filters.separable(noise, les.bw, les.bh, les.bd, k);
        float scale = (float) (sigma / Filters.energy(k));
        double[] out = new double[3];
        for (int z = 0; z < les.bd; z++) {
            double pz = (z + les.z0 - g.oz()) * sz;
            for (int y = 0; y < les.bh; y++) {
                double py = (y + les.y0 - g.oy()) * sy;
                for (int x = 0; x < les.bw; x++) {
                    int li = (z * les.bh + y) * les.bw + x;
                    float f = les.fraction[li];
                    if (f <= 0) {
                        continue;
                    }
                    double px = (x + les.x0 - g.ox()) * sx;
                    shape.eval(px, py, pz, out);
                    double v = look.huAt(Math.min(1, out[1])) + look.heteroHu * het.at(px, py, pz) + scale * noise[li];
                    int i = ((z + les.z0) * h + (y + les.y0)) * w + (x + les.x0);
                    // The tissue's own noise fades out where the lesion replaces it; the lesion's fades in.
                    hu[i] += (float) (f * (v - hu[i]));
                    hu[i] = Math.round(Math.max(-1024, Math.min(3071, hu[i])));
                }
            }
        }
    }
}
