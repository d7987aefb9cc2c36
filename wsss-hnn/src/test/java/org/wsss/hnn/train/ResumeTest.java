package org.wsss.hnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.SyntheticDiscs;
import org.wsss.hnn.loss.AlphaBetaSchedule;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;

/** Seeded training is replayable, and resuming from a checkpoint continues the same run. */
class ResumeTest {

    private static final HnnConfig TINY = HnnConfig.tiny(2, 4, 16);

    private static List<TrainingExample> data() {
        List<TrainingExample> ex = new ArrayList<>();
        SyntheticDiscs.make(6, 40, 2L).forEach(c -> ex.add(c.weakExample()));
        return ex;
    }

    private static TrainerConfig cfg(Path dir) {
        return new TrainerConfig(3e-3, 3e-3, 10, 3, 4, new AlphaBetaSchedule(0.2, 1, 0.2, 1, 2), Augmentation.defaults(), 9L, dir);
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path dir) {
        List<TrainingExample> ex = data();
        Map<String, float[]> straight;
        try (HnnModel m = Hnn.create(TINY, 1L);
             HnnModel trained = Hnn.trainer(cfg(dir), List.of()).fit(m, ex, ex.subList(0, 2)).model()) {
            straight = trained.network().parameterValues();
            assertNotEquals(straight.get("s0_c0_W")[0], m.network().parameterValues().get("s0_c0_W")[0],
                    "fit trains a copy and leaves the model it was given as it was");
        }
        HnnTrainer.Result r = Hnn.trainer(cfg(null), List.of()).resume(HnnTrainer.checkpointFile(dir, 0), ex, ex.subList(0, 2));
        try (HnnModel resumed = r.model()) {
            assertEquals(2, r.history().size());
            assertEquals(1, r.history().get(0).epoch());
            Map<String, float[]> p = resumed.network().parameterValues();
            for (String k : straight.keySet()) {
                assertArrayEquals(straight.get(k), p.get(k), 1e-6f, k);
            }
        }
    }

    @Test
    void seedChangesTheRunAndEarlyStoppingStops(@TempDir Path dir) {
        List<TrainingExample> ex = data();
        try (HnnModel a = Hnn.create(TINY, 1L); HnnModel b = Hnn.create(TINY, 2L)) {
            assertNotEquals(a.network().parameterValues().get("s0_c0_W")[0], b.network().parameterValues().get("s0_c0_W")[0]);
            TrainingListener stopAtOnce = new TrainingListener() {
                @Override
                public boolean stopRequested() {
                    return true;
                }
            };
            HnnTrainer.Result r = Hnn.trainer(cfg(null), List.of(stopAtOnce, TrainingListeners.earlyStopping(2, 0))).fit(a, ex,
                    List.of());
            r.model().close();
            assertEquals(1, r.history().size());
            assertTrue(Double.isNaN(r.history().get(0).validationLoss()));
        }
        assertThrows(IllegalArgumentException.class, () -> new TrainerConfig(0, 0, 1, 1, 1, AlphaBetaSchedule.defaults(),
                Augmentation.none(), 1, null));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(true, 200, 0, 0));
    }
}
