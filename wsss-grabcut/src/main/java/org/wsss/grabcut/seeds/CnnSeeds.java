package org.wsss.grabcut.seeds;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.wsss.api.ComponentLabels;
import org.wsss.api.Connectivity2D;
import org.wsss.api.Mask;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.SeedGenerator;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;

/**
 * The seeds S(Ŷ, R̂, R) of Sec. 2.3 from a network's probability map Ŷ ({@link SeedInput#prior()},
 * required) and the mark R̂ on this slice ({@link SeedInput#recist()}; on the RECIST slice R̂ = R,
 * which makes these the seeds of the "-GC" post-processing of Sec. 3.2). The original mark R
 * ({@link SeedInput#reference()}) is recorded in the provenance; the rules read R̂ only.
 *
 * <p>On the 2× context ROI of R̂ (clipped to the slice), with "R̂'s pixels" the rasterised axes
 * ({@link SeedGeometry#rasterise}):
 * <ol>
 *   <li><b>Binarise.</b> The threshold t starts at {@code startThreshold} (0.5) and drops by
 *       {@code thresholdStep} (0.05) until {Ŷ ≥ t} covers at least {@code recistCoverage} (50%)
 *       of R̂'s pixels, but not below {@code minThreshold} (0.05). The lesion region L is the
 *       8-connected components of {Ŷ ≥ t} that overlap R̂.</li>
 *   <li><b>FG</b> = the 8-connected components of {Ŷ &gt; foregroundConfidence} (0.8) that
 *       overlap R̂, together with R̂'s pixels. A confident region off the mark is left to GrabCut.</li>
 *   <li><b>BG</b> = the 4-connected components of {1 − Ŷ &gt; backgroundConfidence} (Ŷ &lt; 0.2)
 *       outside L that do not overlap R̂ (see the deviations for the one exception), plus the
 *       ROI's outer ring of {@code borderRing} pixels, so GrabCut always has background.
 *       4-connectivity for background against 8 for foreground is the pairing under which a hole
 *       enclosed by a lesion stays a separate component.</li>
 *   <li>Every other pixel is PFG or PBG by its mm distance to FG and BG
 *       ({@link SeedGeometry#labelUncertain}, the rule of Sec. 2.1).</li>
 * </ol>
 *
 * <p><b>Fallback.</b> The CNN "finds no foreground" when no component of {Ŷ &gt; 0.8} overlaps R̂
 * (which includes an all-zero map and a map whose binarisation misses R̂ at the floor). The seeds
 * are then GrabCut-R's layout of R̂ ({@link GrabCutRSeeds#layout}, Sec. 2.1), and the provenance
 * notes say so.
 *
 * <p><b>Coverage.</b> Pixels of the ROI outside the prior's ROI have no Ŷ: they are neither FG
 * nor BG candidates and end as PFG / PBG (a note records it). A prior that does not overlap the
 * seed ROI at all is an error.
 *
 * <p><b>Deviations from the paper.</b> (1) The paper says the binarisation covers "R's pixels";
 * off the RECIST slice R's longer axes would force the threshold down for no reason, so R̂'s
 * are used (the same thing on the RECIST slice). (2) The paper does not say what the binarised
 * map is for once the threshold is found; here it marks where the CNN sees the lesion, and no BG
 * seed is placed on it, so a faint (e.g. off-slice) response that still covers the mark is not
 * thrown to the background. (3) A background component that reaches the ROI's border is BG even
 * when R̂ touches it: that is the background around the lesion, and a mark whose endpoints lie on
 * the boundary (or a propagated mark that overshoots) touches it almost always; dropping it would
 * discard all of the CNN's background. Enclosed components that R̂ crosses (a hole in the marked
 * lesion) stay uncertain, as the paper's rule says. (4) The ROI is that of R̂, not R: on the
 * RECIST slice it is GrabCut-R's ROI; off the slice it keeps the colour models' FG/BG balance of
 * Sec. 2.1 on a shrinking cross-section and sits on the same grid as the fallback. A lesion whose
 * cross-section is larger than twice R̂'s box is cut by the ROI; the propagation model sets how
 * likely that is.
 */
public final class CnnSeeds implements SeedGenerator {

    private final CnnSeedsConfig config;
    private final boolean requireReference;

    /**
     * Seeds with {@code config}.
     *
     * @param requireReference whether {@link SeedInput#reference()} must be given (the
     *     slice-propagated use, S(Ŷ, R̂, R)); otherwise it is optional (the "-GC" use)
     */
    public CnnSeeds(CnnSeedsConfig config, boolean requireReference) {
        this.config = Objects.requireNonNull(config, "config");
        this.requireReference = requireReference;
    }

    @Override
    public String name() {
        return requireReference ? "cnn-propagated" : "cnn";
    }

    /** The configuration. */
    public CnnSeedsConfig config() {
        return config;
    }

    @Override
    public SeedMap generate(SeedInput input) {
        Objects.requireNonNull(input, "input");
        ProbabilityMap prior = input.prior().orElseThrow(() -> new IllegalArgumentException("seed generator '"
                + name() + "' needs a CNN probability map, but SeedInput.prior() is empty (use SeedInput.withPrior)"));
        if (requireReference && input.reference().isEmpty()) {
            throw new IllegalArgumentException("seed generator '" + name() + "' needs the RECIST-slice mark R, but "
                    + "SeedInput.reference() is empty (use SeedInput.withReference)");
        }
        Slice s = input.slice();
        Recist rHat = Layouts.validated(s, input.recist());
        input.reference().ifPresent(r -> {
            try {
                Layouts.validated(s, r);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("reference RECIST does not fit the slice: " + e.getMessage(), e);
            }
        });
        Roi roi = SeedGeometry.contextRoi(rHat.boundingBox(), config.roiScale()).clip(s.width(), s.height());
        Roi pr = prior.roi();
        if (pr.endX() <= roi.x() || pr.x() >= roi.endX() || pr.endY() <= roi.y() || pr.y() >= roi.endY()) {
            throw new IllegalArgumentException("prior " + pr + " does not overlap the seed ROI " + roi + " of the mark");
        }

        Map<String, String> params = new TreeMap<>(config.asParameters());
        params.put("recistSlice", Integer.toString(rHat.sliceIndex()));
        input.reference().ifPresent(r -> params.put("referenceSlice", Integer.toString(r.sliceIndex())));
        Provenance p = Provenance.of(name(), params).withParent(prior.provenance());

        int w = roi.width(), h = roi.height(), n = w * h;
        float[] yHat = new float[n];
        boolean[] known = new boolean[n];
        int unknown = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int x = roi.x() + c, y = roi.y() + r, i = r * w + c;
                known[i] = pr.contains(x, y);
                yHat[i] = prior.get(x, y);
                unknown += known[i] ? 0 : 1;
            }
        }
        if (unknown > 0) {
            p = p.withNote("prior covers " + (n - unknown) + " of the seed ROI's " + n + " pixels; the rest have no "
                    + "CNN value and are left uncertain");
        }
        boolean[] axes = SeedGeometry.rasterise(rHat, roi);

        // FG: confident regions that overlap the mark, plus the mark.
        boolean[] confident = new boolean[n];
        for (int i = 0; i < n; i++) {
            confident[i] = known[i] && yHat[i] > config.foregroundConfidence();
        }
        boolean[] fgRegions = componentsTouching(confident, axes, w, h, Connectivity2D.EIGHT);
        if (SeedGeometry.count(fgRegions) == 0) {
            return fallback(s, rHat, p.withNote(String.format(Locale.ROOT,
                    "fallback: no region of CNN probability > %s overlaps the mark; GrabCut-R seeds of the mark "
                    + "(Sec. 2.1) used", config.foregroundConfidence())));
        }
        boolean[] fg = fgRegions;
        for (int i = 0; i < n; i++) {
            fg[i] |= axes[i];
        }

        // Binarisation: the lesion region L, on which no BG seed goes.
        double t = threshold(yHat, known, axes, config);
        boolean[] binary = new boolean[n];
        for (int i = 0; i < n; i++) {
            binary[i] = known[i] && yHat[i] >= t;
        }
        int nAxes = SeedGeometry.count(axes);
        int covered = coveredCount(yHat, known, axes, t);
        p = p.withNote(String.format(Locale.ROOT, "binarised at CNN probability >= %.4f: covers %d of the mark's %d "
                + "pixels (%.1f%%, target %.1f%%%s)", t, covered, nAxes, 100.0 * covered / nAxes,
                100 * config.recistCoverage(), covered >= config.recistCoverage() * nAxes ? "" : ", floor reached"));
        boolean[] lesion = componentsTouching(binary, axes, w, h, Connectivity2D.EIGHT);

        // BG: confident background outside L, in components that do not overlap the mark or that
        // reach the ROI border; plus the ring.
        double below = 1.0 - config.backgroundConfidence();
        boolean[] bgCandidates = new boolean[n];
        for (int i = 0; i < n; i++) {
            bgCandidates[i] = known[i] && yHat[i] < below && !lesion[i];
        }
        boolean[] bg = background(bgCandidates, axes, w, h);
        int ring = config.borderRing();
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                if (r < ring || c < ring || r >= h - ring || c >= w - ring) {
                    bg[r * w + c] = true;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            bg[i] &= !fg[i];
        }
        byte[] layout = SeedGeometry.labelUncertain(fg, bg, w, h, s.spacing());
        SeedMap.Builder b = SeedMap.builder(roi);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                b.set(roi.x() + c, roi.y() + r, SeedLabel.ofOrdinal(layout[r * w + c]));
            }
        }
        return b.provenance(p).build();
    }

    private SeedMap fallback(Slice s, Recist rHat, Provenance p) {
        Roi full = SeedGeometry.contextRoi(rHat.boundingBox(), config.fallback().roiScale());
        byte[] layout = GrabCutRSeeds.layout(rHat, full, s.spacing(), config.fallback());
        return Layouts.cropped(s, full, layout, p, true);
    }

    /**
     * The binarisation threshold: the first of {@code start, start − step, start − 2·step, …}
     * (never below {@code minThreshold}, which is tried last) at which {Ŷ ≥ t} covers at least
     * {@code recistCoverage} of the {@code axes} pixels; {@code minThreshold} if none does.
     */
    static double threshold(float[] yHat, boolean[] known, boolean[] axes, CnnSeedsConfig c) {
        int nAxes = SeedGeometry.count(axes);
        double need = c.recistCoverage() * nAxes;
        for (int k = 0; ; k++) {
            // Multiplying, not accumulating, so the sequence has no drift.
            double t = Math.max(c.minThreshold(), c.startThreshold() - k * c.thresholdStep());
            if (coveredCount(yHat, known, axes, t) >= need || t <= c.minThreshold()) {
                return t;
            }
        }
    }

    private static int coveredCount(float[] yHat, boolean[] known, boolean[] axes, double t) {
        int n = 0;
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] && known[i] && yHat[i] >= t) {
                n++;
            }
        }
        return n;
    }

    /** The pixels of {@code in} in components (under {@code c}) that hold a pixel of {@code touch}. */
    static boolean[] componentsTouching(boolean[] in, boolean[] touch, int w, int h, Connectivity2D c) {
        ComponentLabels labels = ComponentLabels.of(Mask.of(w, h, in), c);
        boolean[] keep = new boolean[labels.count() + 1];
        for (int i = 0; i < in.length; i++) {
            if (touch[i]) {
                keep[labels.labelAt(i)] = true;
            }
        }
        keep[0] = false;
        boolean[] out = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = keep[labels.labelAt(i)];
        }
        return out;
    }

    /**
     * The 4-connected components of {@code candidates} that do not overlap {@code axes} or that
     * reach the grid's border.
     */
    private static boolean[] background(boolean[] candidates, boolean[] axes, int w, int h) {
        ComponentLabels labels = ComponentLabels.of(Mask.of(w, h, candidates), Connectivity2D.FOUR);
        boolean[] onMark = new boolean[labels.count() + 1];
        boolean[] outer = new boolean[labels.count() + 1];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int i = r * w + c, k = labels.labelAt(i);
                onMark[k] |= axes[i];
                outer[k] |= r == 0 || c == 0 || r == h - 1 || c == w - 1;
            }
        }
        boolean[] out = new boolean[candidates.length];
        for (int i = 0; i < out.length; i++) {
            int k = labels.labelAt(i);
            out[i] = k != 0 && (!onMark[k] || outer[k]);
        }
        return out;
    }

    /** The id and the configuration, e.g. for provenance. */
    @Override
    public String toString() {
        return name() + " " + config;
    }
}
