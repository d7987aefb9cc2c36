package org.wsss.grabcut.seeds;

import java.util.Map;

/**
 * Parameters of the GrabCut-R seed layout of Sec. 2.1.
 *
 * @param roiScale the context ROI is this many times the tight RECIST box per side (paper: 2)
 * @param backgroundFraction share of the ROI area in the outer ring of hard background (paper: 0.5)
 * @param foregroundFraction share of the ROI area of hard foreground grown around the axes (paper: 0.1)
 */
public record GrabCutRConfig(double roiScale, double backgroundFraction, double foregroundFraction) {

    /** Validates every field. */
    public GrabCutRConfig {
        if (!(roiScale >= 1 && roiScale <= 16)) {
            throw new IllegalArgumentException("GrabCutRConfig.roiScale must lie in [1, 16], got " + roiScale);
        }
        if (!(backgroundFraction > 0 && backgroundFraction < 1)) {
            throw new IllegalArgumentException("GrabCutRConfig.backgroundFraction must lie in (0, 1), got "
                    + backgroundFraction);
        }
        if (!(foregroundFraction > 0 && foregroundFraction < 1 - backgroundFraction)) {
            throw new IllegalArgumentException("GrabCutRConfig.foregroundFraction must lie in (0, 1 - backgroundFraction = "
                    + (1 - backgroundFraction) + "), got " + foregroundFraction);
        }
    }

    /** The paper's values: 2× ROI, 50% BG, 10% FG. */
    public static GrabCutRConfig defaults() {
        return new GrabCutRConfig(2.0, 0.5, 0.1);
    }

    Map<String, String> asParameters() {
        return Map.of("roiScale", Double.toString(roiScale), "backgroundFraction", Double.toString(backgroundFraction),
                "foregroundFraction", Double.toString(foregroundFraction));
    }
}
