package org.wsss.eval.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsss.api.LesionDataset;
import org.wsss.api.Progress;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import org.wsss.hnn.loss.AlphaBetaSchedule;
import org.wsss.hnn.model.Architecture;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.train.Augmentation;
import org.wsss.hnn.train.TrainerConfig;

/** Table 2 at toy scale: the four rows, Dice in [0, 1], and the ordering that must hold even there. */
class Table2Test {

    static final HnnConfig HNN = new HnnConfig(List.of(8, 16, 32), List.of(1, 1, 1), 48);
    static final Table2.Config TOY = new Table2.Config(HNN, HNN.withArchitecture(Architecture.UNET),
            new TrainerConfig(3e-3, 3e-3, 100, 6, 8, AlphaBetaSchedule.constant(1, 1), Augmentation.none(), 1L, null),
            24, 10, 1L);

    @Test
    void fourRowsOfDiceAndGroundTruthBeatsRecistD() {
        LesionDataset data = Phantom.dataset(PhantomConfig.defaults().withCount(50).withSeed(7L));
        Table2.Result r = Table2.run(data, TOY, 2, Progress.NONE);
        assertEquals(Table2.METHODS, r.rows().stream().map(Table2.Row::method).toList());
        for (Table2.Row row : r.rows()) {
            assertEquals(r.testCases(), row.cnn().n());
            assertEquals(r.testCases(), row.cnnGc().n());
            for (double v : new double[]{row.cnn().mean(), row.cnnGc().mean()}) {
                assertTrue(v >= 0 && v <= 1, row + " Dice " + v);
            }
        }
        // A network taught that the lesion is the dilated cross of its axes paints crosses.
        assertTrue(r.row("HNN + GT").cnn().mean() > r.row("HNN + RECIST-D").cnn().mean() + 0.05,
                "HNN + GT " + r.row("HNN + GT").cnn() + " vs HNN + RECIST-D " + r.row("HNN + RECIST-D").cnn());
        assertEquals(4, r.table().rows().size());
        assertTrue(r.table().toMarkdown().contains("| HNN + GrabCut-R |"));
    }

    @Test
    void configRejectsSwappedArchitectures() {
        assertThrows(IllegalArgumentException.class, () -> new Table2.Config(HNN.withArchitecture(Architecture.UNET), HNN,
                TOY.trainer(), 1, 1, 1L));
        assertThrows(IllegalArgumentException.class, () -> TOY.withLimits(0, 5));
    }
}
