package org.wsss.eval.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsss.api.LesionDataset;
import org.wsss.api.Progress;
import org.wsss.api.Split;

class DenseCrfGridSearchTest {

    @Test
    void picksTheConfigurationWithTheBestMeanDice() {
        LesionDataset data = Table1Test.dataset(List.of(new Table1Test.DiscCase("a", 6, Split.TRAIN),
                new Table1Test.DiscCase("b", 9, Split.TRAIN), new Table1Test.DiscCase("c", 9, Split.TEST)));
        DenseCrfGridSearch.Grid grid = new DenseCrfGridSearch.Grid(List.of(0.0, 5.0), List.of(0.25), List.of(1.0, 40.0));
        DenseCrfGridSearch.Result r = DenseCrfGridSearch.run(data, Split.TRAIN, grid, 2, Progress.NONE);
        assertEquals(4, r.configs().size());
        assertEquals(4, r.scores().rows().size());
        double max = r.scores().rows().stream().mapToDouble(row -> row.dice().mean()).max().orElseThrow();
        assertEquals(max, r.bestDice(), 0.0);
        int bestIndex = r.configs().indexOf(r.best());
        assertEquals(max, r.scores().rows().get(bestIndex).dice().mean(), 0.0);
        // Scored on the training split only.
        assertEquals(2, r.scores().rows().get(0).dice().n());
        // On a clean disc the CRF must do well at its best setting.
        assertTrue(r.bestDice() > 0.8, "best DCRF Dice " + r.bestDice());
    }

    @Test
    void rejectsAnEmptyGridAxis() {
        assertThrows(IllegalArgumentException.class,
                () -> new DenseCrfGridSearch.Grid(List.of(), List.of(1.0), List.of(1.0)));
        assertEquals(27, DenseCrfGridSearch.Grid.defaults().configs().size());
    }
}
