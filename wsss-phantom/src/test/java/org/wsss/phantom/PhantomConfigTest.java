package org.wsss.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsss.api.LesionCategory;

class PhantomConfigTest {

    private static final PhantomConfig D = PhantomConfig.defaults();

    @Test
    void defaultsMatchClinicalRanges() {
        assertEquals(1000, D.count());
        assertEquals(0.6, D.minSpacingMm());
        assertEquals(1.0, D.maxSpacingMm());
        assertEquals(List.of(1.0, 2.5, 5.0), D.sliceIntervalsMm());
        assertEquals(128, D.minFovPx());
        assertEquals(256, D.maxFovPx());
        assertEquals(8, D.categories().size());
        assertEquals(0.2, D.recistLengthPerturbation());
        assertTrue(D.adjacentStructureFraction() >= 0.3);
    }

    @Test
    void badFieldsAreRejectedByName() {
        assertMessage("count", () -> D.withCount(0));
        assertMessage("sliceIntervalsMm", () -> D.withSliceIntervals(List.of()));
        assertMessage("sliceIntervalsMm", () -> D.withSliceIntervals(List.of(-1.0)));
        assertMessage("FOV", () -> D.withFov(200, 100));
        assertMessage("categoryWeights", () -> new PhantomConfig(1, 0, 0.6, 1, List.of(1.0), 128, 256,
                Map.of(LesionCategory.UNKNOWN, 1.0), 0.7, 0.15, 8, 25, 0.4, 0.2, 1, 8, 20, 60));
        assertMessage("categoryWeights", () -> new PhantomConfig(1, 0, 0.6, 1, List.of(1.0), 128, 256,
                Map.of(LesionCategory.LUNG, 0.0), 0.7, 0.15, 8, 25, 0.4, 0.2, 1, 8, 20, 60));
        assertMessage("trainFraction + validationFraction", () -> new PhantomConfig(1, 0, 0.6, 1, List.of(1.0), 128,
                256, D.categoryWeights(), 0.9, 0.2, 8, 25, 0.4, 0.2, 1, 8, 20, 60));
        assertMessage("spacing", () -> new PhantomConfig(1, 0, 1.2, 1, List.of(1.0), 128, 256, D.categoryWeights(),
                0.7, 0.15, 8, 25, 0.4, 0.2, 1, 8, 20, 60));
        assertMessage("noise", () -> new PhantomConfig(1, 0, 0.6, 1, List.of(1.0), 128, 256, D.categoryWeights(),
                0.7, 0.15, 30, 25, 0.4, 0.2, 1, 8, 20, 60));
        assertMessage("adjacentStructureFraction", () -> new PhantomConfig(1, 0, 0.6, 1, List.of(1.0), 128, 256,
                D.categoryWeights(), 0.7, 0.15, 8, 25, 1.4, 0.2, 1, 8, 20, 60));
        assertMessage("recistLengthPerturbation", () -> new PhantomConfig(1, 0, 0.6, 1, List.of(1.0), 128, 256,
                D.categoryWeights(), 0.7, 0.15, 8, 25, 0.4, 0.7, 1, 8, 20, 60));
        assertMessage("medianLongDiameterMm", () -> new PhantomConfig(1, 0, 0.6, 1, List.of(1.0), 128, 256,
                D.categoryWeights(), 0.7, 0.15, 8, 25, 0.4, 0.2, 1, 8, 70, 60));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
