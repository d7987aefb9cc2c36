package org.wsss.grabcut.seeds;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Parameters of the CNN-guided seeds S(Ŷ, R̂, R) of Sec. 2.3 (and the "-GC" seeds of Sec. 3.2),
 * see {@link CnnSeeds}.
 *
 * @param roiScale the context ROI is this many times the tight box of R̂ per side (paper: 2)
 * @param startThreshold first threshold tried when binarising Ŷ (paper: implicitly 0.5)
 * @param thresholdStep amount the threshold is lowered by at each step
 * @param minThreshold floor of the threshold: below it a pixel is not called lesion, however
 *     little of R̂ the binarised map covers
 * @param recistCoverage share of R̂'s rasterised pixels the binarised map must cover (paper: 0.5)
 * @param foregroundConfidence FG regions are connected regions of Ŷ &gt; this (paper: 0.8)
 * @param backgroundConfidence BG candidates are pixels of 1 − Ŷ &gt; this, i.e. Ŷ &lt; 1 − this (paper: "high")
 * @param borderRing width in pixels of the ROI's outer ring that is always BG, ≥ 1
 * @param fallback GrabCut-R layout used from R̂ when the CNN finds no foreground (Sec. 2.1)
 */
public record CnnSeedsConfig(double roiScale, double startThreshold, double thresholdStep, double minThreshold,
                             double recistCoverage, double foregroundConfidence, double backgroundConfidence,
                             int borderRing, GrabCutRConfig fallback) {

    /** Validates every field. */
    public CnnSeedsConfig {
        if (!(roiScale >= 1 && roiScale <= 16)) {
            throw new IllegalArgumentException("CnnSeedsConfig.roiScale must lie in [1, 16], got " + roiScale);
        }
        if (!(startThreshold > 0 && startThreshold < 1)) {
            throw new IllegalArgumentException("CnnSeedsConfig.startThreshold must lie in (0, 1), got " + startThreshold);
        }
        if (!(minThreshold > 0 && minThreshold <= startThreshold)) {
            throw new IllegalArgumentException("CnnSeedsConfig.minThreshold must lie in (0, startThreshold = "
                    + startThreshold + "], got " + minThreshold);
        }
        if (!(thresholdStep > 0 && thresholdStep <= 1)) {
            throw new IllegalArgumentException("CnnSeedsConfig.thresholdStep must lie in (0, 1], got " + thresholdStep);
        }
        if (!(recistCoverage > 0 && recistCoverage <= 1)) {
            throw new IllegalArgumentException("CnnSeedsConfig.recistCoverage must lie in (0, 1], got " + recistCoverage);
        }
        if (!(foregroundConfidence >= startThreshold && foregroundConfidence < 1)) {
            throw new IllegalArgumentException("CnnSeedsConfig.foregroundConfidence must lie in [startThreshold = "
                    + startThreshold + ", 1), got " + foregroundConfidence);
        }
        if (!(backgroundConfidence >= 0.5 && backgroundConfidence < 1)) {
            throw new IllegalArgumentException("CnnSeedsConfig.backgroundConfidence must lie in [0.5, 1), got "
                    + backgroundConfidence);
        }
        if (borderRing < 1 || borderRing > 64) {
            throw new IllegalArgumentException("CnnSeedsConfig.borderRing must lie in [1, 64], got " + borderRing);
        }
        Objects.requireNonNull(fallback, "CnnSeedsConfig.fallback");
    }

    /**
     * The paper's values where it gives them (2× ROI, 50% of R̂, 0.8 for FG and BG) and, where it
     * does not, threshold steps of 0.05 from 0.5 down to a floor of 0.05 (a pixel the network
     * gives under 5% is not taken for lesion however the mark runs), a one-pixel BG ring, and
     * GrabCut-R's defaults for the fallback.
     */
    public static CnnSeedsConfig defaults() {
        return new CnnSeedsConfig(2.0, 0.5, 0.05, 0.05, 0.5, 0.8, 0.8, 1, GrabCutRConfig.defaults());
    }

    /** The same with another {@link #foregroundConfidence()}. */
    public CnnSeedsConfig withForegroundConfidence(double v) {
        return new CnnSeedsConfig(roiScale, startThreshold, thresholdStep, minThreshold, recistCoverage, v,
                backgroundConfidence, borderRing, fallback);
    }

    /** The same with another {@link #backgroundConfidence()}. */
    public CnnSeedsConfig withBackgroundConfidence(double v) {
        return new CnnSeedsConfig(roiScale, startThreshold, thresholdStep, minThreshold, recistCoverage,
                foregroundConfidence, v, borderRing, fallback);
    }

    /** The same with another {@link #minThreshold()}. */
    public CnnSeedsConfig withMinThreshold(double v) {
        return new CnnSeedsConfig(roiScale, startThreshold, thresholdStep, v, recistCoverage, foregroundConfidence,
                backgroundConfidence, borderRing, fallback);
    }

    Map<String, String> asParameters() {
        Map<String, String> m = new TreeMap<>();
        m.put("roiScale", Double.toString(roiScale));
        m.put("startThreshold", Double.toString(startThreshold));
        m.put("thresholdStep", Double.toString(thresholdStep));
        m.put("minThreshold", Double.toString(minThreshold));
        m.put("recistCoverage", Double.toString(recistCoverage));
        m.put("foregroundConfidence", Double.toString(foregroundConfidence));
        m.put("backgroundConfidence", Double.toString(backgroundConfidence));
        m.put("borderRing", Integer.toString(borderRing));
        return m;
    }
}
