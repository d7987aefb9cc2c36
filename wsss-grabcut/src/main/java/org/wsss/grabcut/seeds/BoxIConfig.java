package org.wsss.grabcut.seeds;

import java.util.Map;

/**
 * Parameters of the box-i seed layout of Sec. 3.1 (GrabCut-i and DCRF).
 *
 * @param roiScale the context ROI is this many times the tight RECIST box per side (paper: 2)
 * @param centralFraction share of the box area, centred, that is hard foreground (paper: 0.2)
 */
public record BoxIConfig(double roiScale, double centralFraction) {

    /** Validates every field. */
    public BoxIConfig {
        if (!(roiScale >= 1 && roiScale <= 16)) {
            throw new IllegalArgumentException("BoxIConfig.roiScale must lie in [1, 16], got " + roiScale);
        }
        if (!(centralFraction > 0 && centralFraction < 1)) {
            throw new IllegalArgumentException("BoxIConfig.centralFraction must lie in (0, 1), got " + centralFraction);
        }
    }

    /** The paper's values: 2× ROI, central 20% of the box. */
    public static BoxIConfig defaults() {
        return new BoxIConfig(2.0, 0.2);
    }

    Map<String, String> asParameters() {
        return Map.of("roiScale", Double.toString(roiScale), "centralFraction", Double.toString(centralFraction));
    }
}
