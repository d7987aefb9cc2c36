package org.wsss.eval.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.wsss.propagation.assembly.IntensityStop;
import org.wsss.propagation.assembly.IntensityTrim;
import org.wsss.propagation.baseline.GrabCut3deConfig;
import org.wsss.propagation.geometry.PropagationConfig;
import org.wsss.propagation.inference.InferenceConfig;

/** Which defaults each method starts from, and how the options override single fields. */
class SegmentSettingsTest {

    @Test
    void eachMethodStartsFromItsOwnDefaults() {
        assertEquals(InferenceConfig.gcDefaults(), SegmentSettings.of("wsss").inferenceConfig());
        assertEquals(InferenceConfig.defaults(), SegmentSettings.of("wsss-cnn").inferenceConfig());
        assertEquals(GrabCut3deConfig.defaults(), SegmentSettings.of("grabcut-3de").grabCut3deConfig());
        assertEquals(InferenceConfig.GC_Z_RADIUS_SCALE, InferenceConfig.gcDefaults().propagation().zRadiusScale());
        assertEquals(1.0, InferenceConfig.defaults().propagation().zRadiusScale());
        assertEquals(IntensityStop.defaults().withRangeFrom(IntensityStop.RangeFrom.INITIAL_MASK),
                InferenceConfig.defaults().intensityStop());
        assertEquals(IntensityStop.defaults(), InferenceConfig.gcDefaults().intensityStop());
        assertEquals(IntensityStop.defaults(), GrabCut3deConfig.defaults().intensityStop());
    }

    @Test
    void optionsOverrideSingleFields() {
        SegmentSettings s = new SegmentSettings("wsss", PropagationConfig.ZRadius.HALF_LONG, 0.9, null, null, null,
                null, null, null, 0.0, 0.0);
        InferenceConfig c = s.inferenceConfig();
        assertEquals(new PropagationConfig(PropagationConfig.ZRadius.HALF_LONG, 0.9), c.propagation());
        assertEquals(IntensityStop.off(), c.intensityStop());
        assertEquals(IntensityTrim.off(), c.intensityTrim());
        assertEquals(InferenceConfig.gcDefaults().withPropagation(c.propagation())
                .withIntensityStop(IntensityStop.off()).withIntensityTrim(IntensityTrim.off()), c);
        SegmentSettings g = new SegmentSettings("grabcut-3de", null, null, null, null, null, null, null, null, 0.5, 0.4);
        assertEquals(0.5, g.grabCut3deConfig().intensityStop().minFraction());
        assertEquals(1.0, g.grabCut3deConfig().propagation().zRadiusScale());
        assertEquals(IntensityTrim.defaults().withMargin(0.4), g.grabCut3deConfig().intensityTrim());
        assertEquals(IntensityTrim.defaults(), SegmentSettings.of("wsss").inferenceConfig().intensityTrim());
        assertEquals(InferenceConfig.INSIDE_MARGIN_MM, SegmentSettings.of("wsss-cnn").inferenceConfig().insideMarginMm());
        SegmentSettings m = new SegmentSettings("wsss-cnn", null, null, null, null, 0.0, null, null, null, null, null);
        assertEquals(InferenceConfig.defaults().withInsideMarginMm(0), m.inferenceConfig());
        assertEquals(InferenceConfig.CONFIRM_Z_RADIUS_SCALE, SegmentSettings.of("wsss").inferenceConfig()
                .confirmZRadiusScale());
        SegmentSettings off = new SegmentSettings("wsss", null, null, null, null, null, 0.0, null, null, null, null);
        assertEquals(InferenceConfig.gcDefaults().withConfirmZRadiusScale(Double.POSITIVE_INFINITY), off.inferenceConfig());
        SegmentSettings wide = new SegmentSettings("wsss", null, null, null, null, null, 1.1, null, null, null, null);
        assertEquals(1.1, wide.inferenceConfig().confirmZRadiusScale());
        assertEquals(InferenceConfig.INSIDE_HULL, SegmentSettings.of("wsss").inferenceConfig().insideHull());
        SegmentSettings noHull = new SegmentSettings("wsss-cnn", null, null, null, null, null, null, null, null, null, null,
                false, null, null);
        assertEquals(InferenceConfig.defaults().withInsideHull(false), noHull.inferenceConfig());
        SegmentSettings own = new SegmentSettings("wsss-cnn", null, null, null, null, null, null, null, null, 0.2, null,
                null, IntensityStop.RangeFrom.MASK, null);
        assertEquals(InferenceConfig.defaults().withIntensityStop(IntensityStop.defaults().withMinFraction(0.2)),
                own.inferenceConfig());
        SegmentSettings initial = new SegmentSettings("wsss", null, null, null, null, null, null, null, null, null, null,
                null, IntensityStop.RangeFrom.INITIAL_MASK, null);
        assertEquals(IntensityStop.RangeFrom.INITIAL_MASK, initial.inferenceConfig().intensityStop().rangeFrom());
        assertEquals(InferenceConfig.LOW_CONTRAST_HU, SegmentSettings.of("wsss").inferenceConfig().lowContrastHu());
        SegmentSettings noLow = new SegmentSettings("wsss", null, null, null, null, null, null, null, null, null, null,
                null, null, 0.0);
        assertEquals(InferenceConfig.gcDefaults().withLowContrastHu(0), noLow.inferenceConfig());
    }

    @Test
    void badValuesAreNamed() {
        SegmentSettings s = new SegmentSettings("wsss-cnn", null, null, null, null, null, null, null, null, 1.5, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::inferenceConfig);
        assertEquals(true, e.getMessage().contains("minFraction"), e.getMessage());
        SegmentSettings t = new SegmentSettings("grabcut-3de", null, null, null, null, null, null, null, null, null, -1.0);
        SegmentSettings n = new SegmentSettings("wsss", null, null, null, null, -1.0, null, null, null, null, null);
        IllegalArgumentException ne = assertThrows(IllegalArgumentException.class, n::inferenceConfig);
        assertEquals(true, ne.getMessage().contains("insideMarginMm"), ne.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SegmentSettings("grabcut-3de", null, null, null, null, 1.0, null, null, null, null, null));
        IllegalArgumentException te = assertThrows(IllegalArgumentException.class, t::grabCut3deConfig);
        assertEquals(true, te.getMessage().contains("IntensityTrim.margin"), te.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentSettings.of("magic"));
        IllegalArgumentException ce = assertThrows(IllegalArgumentException.class,
                () -> new SegmentSettings("wsss-cnn", null, null, null, null, null, 1.0, null, null, null, null));
        assertEquals(true, ce.getMessage().contains("--confirm-scale"), ce.getMessage());
        IllegalArgumentException he = assertThrows(IllegalArgumentException.class, () -> new SegmentSettings(
                "grabcut-3de", null, null, null, null, null, null, null, null, null, null, true, null, null));
        assertEquals(true, he.getMessage().contains("--[no-]inside-hull"), he.getMessage());
        IllegalArgumentException re = assertThrows(IllegalArgumentException.class, () -> new SegmentSettings(
                "grabcut-3de", null, null, null, null, null, null, null, null, null, null, null,
                IntensityStop.RangeFrom.MASK, null));
        assertEquals(true, re.getMessage().contains("--intensity-range"), re.getMessage());
        IllegalArgumentException le = assertThrows(IllegalArgumentException.class, () -> new SegmentSettings(
                "wsss-cnn", null, null, null, null, null, null, null, null, null, null, null, null, 10.0));
        assertEquals(true, le.getMessage().contains("--low-contrast"), le.getMessage());
        IllegalArgumentException cv = assertThrows(IllegalArgumentException.class, () -> new SegmentSettings("wsss",
                null, null, null, null, null, -1.0, null, null, null, null).inferenceConfig());
        assertEquals(true, cv.getMessage().contains("confirmZRadiusScale"), cv.getMessage());
    }
}
