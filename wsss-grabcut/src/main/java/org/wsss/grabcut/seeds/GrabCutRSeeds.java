package org.wsss.grabcut.seeds;

import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.SeedGenerator;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;

/**
 * The GrabCut-R seeds S(R) of Sec. 2.1. With [w, h] the box tight around the RECIST axes, a
 * [2w, 2h] context ROI is centred on it; then
 * <ul>
 *   <li>BG: the outer ring of the ROI, outside a centred rectangle holding
 *       {@code 1 − backgroundFraction} of the ROI area (each side scaled by √0.5 for the
 *       paper's 50%), at least one pixel wide;</li>
 *   <li>FG: the rasterised RECIST axes grown in mm distance order
 *       ({@link SeedGeometry#growAroundAxes}) inside that rectangle until they hold
 *       {@code foregroundFraction} (10%) of the ROI area;</li>
 *   <li>the remaining ≈40%: PFG where the mm distance to FG is at most that to BG, else PBG
 *       ({@link SeedGeometry#labelUncertain}).</li>
 * </ul>
 *
 * <p><b>Image border.</b> The layout is computed on the unclipped ROI, as if the image went
 * on, and then cropped to the image: fractions and distances are those of the full ROI, so a
 * lesion near the border gets the same seeds as elsewhere on its visible part. Since the cut
 * may remove the BG ring on that side, the pixels along each cut side become BG unless they
 * are FG (a one-pixel ring kept when possible); the provenance notes say so.
 *
 * <p><b>Deviations from the paper.</b> The paper does not say the shape of the "outer 50%" nor
 * how the FG dilation is shaped; here the BG boundary is a centred rectangle and the FG a
 * dilation by a disk in mm stopped at an exact pixel count. Area fractions are met up to the
 * rounding of the rectangle's sides (see the tests for the tolerance).
 *
 * <p>The off-slice seeds S(Ŷ, R̂, R) of Sec. 2.3 and the "-GC" seeds of Sec. 3.2 ({@link CnnSeeds})
 * use {@link #layout} as their fallback when the CNN finds nothing, and
 * {@link SeedGeometry#rasterise} and {@link SeedGeometry#labelUncertain} with hard seeds taken
 * from a {@link org.wsss.api.ProbabilityMap} prior.
 */
public final class GrabCutRSeeds implements SeedGenerator {

    private final GrabCutRConfig config;

    /** Seeds with {@code config}. */
    public GrabCutRSeeds(GrabCutRConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "grabcut-r";
    }

    /** The configuration. */
    public GrabCutRConfig config() {
        return config;
    }

    @Override
    public SeedMap generate(SeedInput input) {
        Slice s = input.slice();
        Recist r = Layouts.validated(s, input.recist());
        Roi full = SeedGeometry.contextRoi(r.boundingBox(), config.roiScale());
        byte[] layout = layout(r, full, s.spacing(), config);
        return Layouts.cropped(s, full, layout, Provenance.of(name(), config.asParameters()), true);
    }

    /**
     * The four-class layout (as {@link org.wsss.api.SeedLabel} ordinals, row-major over
     * {@code roi}) of {@code recist} on an unclipped {@code roi}.
     */
    public static byte[] layout(Recist recist, Roi roi, VoxelSpacing spacing, GrabCutRConfig config) {
        int w = roi.width(), h = roi.height();
        int[] c = SeedGeometry.centralRect(w, h, 1 - config.backgroundFraction(), 1);
        boolean[] bg = new boolean[w * h];
        boolean[] allowed = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean inside = x >= c[0] && x < c[2] && y >= c[1] && y < c[3];
                bg[y * w + x] = !inside;
                allowed[y * w + x] = inside;
            }
        }
        int target = (int) Math.round(config.foregroundFraction() * w * h);
        boolean[] fg = SeedGeometry.growAroundAxes(recist, roi, spacing, target, allowed);
        for (int i = 0; i < bg.length; i++) {
            bg[i] &= !fg[i];
        }
        return SeedGeometry.labelUncertain(fg, bg, w, h, spacing);
    }

    /** The id and the configuration, e.g. for provenance. */
    @Override
    public String toString() {
        return name() + " " + config;
    }
}
