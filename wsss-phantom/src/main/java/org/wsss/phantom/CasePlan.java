package org.wsss.phantom;

import java.util.List;
import org.wsss.api.LesionCategory;
import org.wsss.api.Split;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

/**
 * Everything random about one case except pixels: drawn in microseconds from the case's own
 * stream, so metadata never costs a rendering.
 */
final class CasePlan {

    /** Lung window (level −600, width 1500). */
    static final Window LUNG_WINDOW = new Window(-1350, 150);
    /** Bone window (level 400, width 1800). */
    static final Window BONE_WINDOW = new Window(-500, 1300);
    /** Soft-tissue window (level 50, width 450). */
    static final Window SOFT_TISSUE_WINDOW = new Window(-175, 275);

    private static final double LOG_SIGMA = 0.5;

    final int index;
    final long seed;
    final long masterSeed;
    final LesionCategory category;
    final Split split;
    final VoxelSpacing spacing;
    final int width;
    final int height;
    final int depth;
    final int firstSlice;
    final double ox;
    final double oy;
    final double oz;
    final double diameterMm;
    final boolean enhanced;
    final LesionShape shape;
    final LesionLook look;
    final Scene scene;
    final String adjacency;
    final double noiseSigmaHu;
    final double noiseCorrelationPx;
    final double psfSigmaPx;
    final Window window;
    final double[] lo;
    final double[] hi;

    CasePlan(PhantomConfig cfg, int index) {
        this.index = index;
        this.masterSeed = cfg.seed();
        this.seed = Rand.derive(cfg.seed(), index, 0);
        Rand r = new Rand(seed);
        this.category = pickCategory(cfg, r);
        double u = r.uniform();
        this.split = u < cfg.trainFraction() ? Split.TRAIN
                : u < cfg.trainFraction() + cfg.validationFraction() ? Split.VALIDATION : Split.TEST;
        double sp = Math.round(r.uniform(cfg.minSpacingMm(), cfg.maxSpacingMm()) * 1000) / 1000.0;
        List<Double> intervals = cfg.sliceIntervalsMm();
        double sz = intervals.get(r.nextInt(intervals.size()));
        this.spacing = new VoxelSpacing(sp, sp, sz);
        this.noiseSigmaHu = r.uniform(cfg.minNoiseSigmaHu(), cfg.maxNoiseSigmaHu());
        this.noiseCorrelationPx = r.uniform(0.7, 1.2);
        this.psfSigmaPx = r.uniform(0.45, 0.75);
        this.enhanced = r.chance(category == LesionCategory.LUNG || category == LesionCategory.BONE ? 0.5 : 0.75);
        boolean adjacent = r.chance(cfg.adjacentStructureFraction());
        this.diameterMm = drawDiameter(cfg.medianLongDiameterMm(), cfg.minLongDiameterMm(), cfg.maxLongDiameterMm(), r);
        this.look = Anatomy.look(category, r, enhanced, adjacent);
        this.shape = LesionShape.random(r, diameterMm, Anatomy.style(category, look));

        double ext = Math.max(shape.extentX(), shape.extentY());
        int need = (int) Math.ceil(Math.max(2 * diameterMm, 2 * ext) / sp) + 16;
        int fov = (int) Math.round(3.5 * diameterMm / sp);
        fov = Math.max(cfg.minFovPx(), Math.min(cfg.maxFovPx(), fov));
        fov = Math.max(fov, Math.min(need, 1024));
        this.width = fov;
        this.height = fov;
        double margin = Math.max(3 * sz, 6);
        int halfZ = (int) Math.ceil((shape.extentZ() + margin) / sz);
        this.depth = 2 * halfZ + 1;
        double off = Math.max(0, (fov - need) / 2.0) * 0.6;
        this.ox = (fov - 1) / 2.0 + r.uniform(-off, off);
        this.oy = (fov - 1) / 2.0 + r.uniform(-off, off);
        // A lesion thinner than a slice is centred on one, so that partial volume cannot erase it.
        double dz = r.uniform(-0.5, 0.5);
        this.oz = halfZ + (shape.extentZ() > sz ? dz : 0);
        this.firstSlice = r.nextInt(1, Math.max(1, Math.min(300, 999 - depth)));
        this.lo = new double[] {-ox * sp, -oy * sp, -oz * sz};
        this.hi = new double[] {(width - 1 - ox) * sp, (height - 1 - oy) * sp, (depth - 1 - oz) * sz};
        Anatomy a = Anatomy.build(category, r, shape, look, enhanced, adjacent, lo, hi);
        this.scene = a.scene;
        this.adjacency = a.adjacency;
        this.window = switch (category) {
            case LUNG -> LUNG_WINDOW;
            case BONE -> BONE_WINDOW;
            default -> SOFT_TISSUE_WINDOW;
        };
    }

    /** Seed of an independent random stream of this case (1 = noise, 2 = RECIST, 3 = texture). */
    long streamSeed(int stream) {
        return Rand.derive(masterSeed, index, stream);
    }

    private static LesionCategory pickCategory(PhantomConfig cfg, Rand r) {
        List<LesionCategory> cats = cfg.categories();
        double total = 0;
        for (LesionCategory c : cats) {
            total += cfg.categoryWeights().get(c);
        }
        double u = r.uniform() * total;
        for (LesionCategory c : cats) {
            u -= cfg.categoryWeights().get(c);
            if (u < 0) {
                return c;
            }
        }
        return cats.get(cats.size() - 1);
    }

    /** Log-normal about the median (σ = 0.5 in log space), truncated to [min, max] by redrawing. */
    static double drawDiameter(double median, double min, double max, Rand r) {
        for (int i = 0; i < 100; i++) {
            double d = median * Math.exp(LOG_SIGMA * r.gaussian());
            if (d >= min && d <= max) {
                return d;
            }
        }
        return median;
    }
}
