package org.wsss.grabcut.seeds;

import java.util.Map;

/**
 * Parameters of RECIST-D (Sec. 3.1): the RECIST axes dilated to a share of the box area.
 *
 * @param roiScale the ROI the seed map covers is this many times the tight RECIST box per side
 * @param boxFraction area of the dilated axes as a share of the tight box area (paper: 0.2)
 */
public record RecistDConfig(double roiScale, double boxFraction) {

    /** Validates every field. */
    public RecistDConfig {
        if (!(roiScale >= 1 && roiScale <= 16)) {
            throw new IllegalArgumentException("RecistDConfig.roiScale must lie in [1, 16], got " + roiScale);
        }
        if (!(boxFraction > 0 && boxFraction <= 1)) {
            throw new IllegalArgumentException("RecistDConfig.boxFraction must lie in (0, 1], got " + boxFraction);
        }
    }

    /** The paper's values: 20% of the box, inside a 2× ROI. */
    public static RecistDConfig defaults() {
        return new RecistDConfig(2.0, 0.2);
    }

    Map<String, String> asParameters() {
        return Map.of("roiScale", Double.toString(roiScale), "boxFraction", Double.toString(boxFraction));
    }
}
