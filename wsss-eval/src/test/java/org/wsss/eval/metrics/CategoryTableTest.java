package org.wsss.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsss.api.LesionCategory;

class CategoryTableTest {

    @Test
    void handComputedTable() {
        CategoryTable t = Metrics.categoryTable()
                .add(LesionCategory.UNKNOWN, 0.2)
                .add(LesionCategory.LUNG, 0.9)
                .add(LesionCategory.LIVER, 0.8)
                .add(LesionCategory.LIVER, 0.6);
        Map<LesionCategory, MeanStd> rows = t.byCategory();
        assertEquals(List.of(LesionCategory.LIVER, LesionCategory.LUNG, LesionCategory.UNKNOWN), List.copyOf(rows.keySet()));
        assertEquals(0.7, rows.get(LesionCategory.LIVER).mean(), 1e-12);
        assertEquals(Math.sqrt(0.02), rows.get(LesionCategory.LIVER).std(), 1e-12);
        assertEquals(0.9, rows.get(LesionCategory.LUNG).mean(), 1e-12);
        assertEquals(1, rows.get(LesionCategory.LUNG).n());
        // Overall weighs lesions: 2.5 / 4; the mean of category means weighs categories: 1.8 / 3.
        assertEquals(0.625, t.overall().orElseThrow().mean(), 1e-12);
        assertEquals(4, t.overall().orElseThrow().n());
        assertEquals(0.6, t.meanOfCategoryMeans().orElseThrow().mean(), 1e-12);
        assertEquals(4, t.lesions());
    }

    @Test
    void emptyTableHasNoMeans() {
        CategoryTable t = Metrics.categoryTable();
        assertTrue(t.byCategory().isEmpty());
        assertTrue(t.overall().isEmpty());
        assertTrue(t.meanOfCategoryMeans().isEmpty());
    }

    @Test
    void nonFiniteScoreIsRejected() {
        CategoryTable t = Metrics.categoryTable();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.add(LesionCategory.BONE, Double.NaN));
        assertTrue(e.getMessage().contains("BONE"), e.getMessage());
        assertEquals(0, t.lesions());
    }
}
