package org.wsss.hnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Mask;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Window;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.SyntheticDiscs;
import org.wsss.hnn.loss.AlphaBetaSchedule;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;

/** A tiny HNN learns 8 synthetic slices from their weak labels alone. */
class OverfitTest {

    static final HnnConfig TINY = new HnnConfig(List.of(8, 16, 32), List.of(2, 2, 2), 48);

    static TrainerConfig fast(int epochs) {
        return new TrainerConfig(5e-3, 5e-3, 100, epochs, 8, AlphaBetaSchedule.constant(1, 1), Augmentation.none(), 3L, null);
    }

    @Test
    void tinyHnnOverfitsEightWeaklyLabelledSlices(@TempDir Path dir) {
        List<SyntheticDiscs.Case> cases = SyntheticDiscs.make(8, 80, 21L);
        List<TrainingExample> train = new ArrayList<>();
        cases.forEach(c -> train.add(c.weakExample()));
        HnnTrainer.Result r;
        try (HnnModel init = Hnn.create(TINY, 5L)) {
            r = Hnn.trainer(fast(75).withCheckpointDir(dir), List.of()).fit(init, train, List.of());
        }
        try (HnnModel model = r.model()) {
            List<TrainingListener.EpochSummary> hist = r.history();
            assertEquals(75, hist.size());
            assertTrue(hist.get(hist.size() - 1).train().total() < hist.get(0).train().total() / 3,
                    "loss fell from " + hist.get(0).train() + " to " + hist.get(hist.size() - 1).train());
            double worst = 1;
            for (SyntheticDiscs.Case c : cases) {
                ProbabilityMap p = model.predict(c.slice(), c.recist(), Window.DEFAULT);
                Mask m = p.threshold(c.slice().width(), c.slice().height(), 0.5);
                worst = Math.min(worst, SyntheticDiscs.dice(m, c.truth()));
            }
            assertTrue(worst > 0.9, "worst Dice on the training slices " + worst);
            assertTrue(Files.exists(HnnTrainer.checkpointFile(dir, 74)));
        }
    }
}
