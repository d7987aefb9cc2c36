package org.wsss.propagation.wsss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Mask3D;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.loss.AlphaBetaSchedule;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.Augmentation;
import org.wsss.hnn.train.SupervisedExamples;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.propagation.LesionSegmenters;
import org.wsss.propagation.Wsss;
import org.wsss.propagation.baseline.EllipsoidCase;

/** Where WSSS training starts: random, the shipped pretrained model, or a file. */
class InitialWeightsTest {

    @Test
    void parsesTheThreeKindsAndRejectsAMissingFile(@TempDir Path dir) {
        assertEquals(InitialWeights.random(), InitialWeights.parse("random"));
        assertEquals(InitialWeights.pretrained(), InitialWeights.parse("pretrained"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InitialWeights.parse(dir.resolve("nope.zip").toString()));
        assertTrue(e.getMessage().contains("nope.zip") && e.getMessage().contains("pretrained"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InitialWeights(InitialWeights.Kind.FILE, null));
        assertThrows(IllegalArgumentException.class, () -> new InitialWeights(InitialWeights.Kind.RANDOM, dir));
    }

    @Test
    void theShippedPretrainedModelIsTheDefaultNetworkAndSaysWhereItCameFrom() {
        try (HnnModel m = InitialWeights.pretrained().open(HnnConfig.defaults(), 1L)) {
            assertEquals(HnnConfig.defaults(), m.info().config());
            assertEquals("pretrain-phantom-gt", m.info().provenance().method());
            assertTrue(m.info().provenance().parameters().get("data").startsWith("phantom"),
                    m.info().provenance().toString());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InitialWeights.pretrained().open(WsssTrainingTest.TINY, 1L));
        assertTrue(e.getMessage().contains("asks for"), e.getMessage());
    }

    /**
     * A start from weights pretrained on exact masks beats a random start after the same short
     * weak training, and the model's provenance names its start.
     */
    @Test
    void aPretrainedStartHelpsShortWeakTraining(@TempDir Path dir) {
        List<EllipsoidCase> pre = WsssTrainingTest.cases(8, 11), train = WsssTrainingTest.cases(8, 1),
                test = WsssTrainingTest.cases(4, 2);
        TrainerConfig t = new TrainerConfig(5e-3, 5e-3, 100, 25, 4, AlphaBetaSchedule.constant(1, 1), Augmentation.none(),
                3L, null);
        Path file = dir.resolve("pre.zip");
        try (HnnModel init = Hnn.create(WsssTrainingTest.TINY, 5L);
             HnnModel fitted = Hnn.trainer(t, List.of()).fit(init, SupervisedExamples.of(pre, 1), List.of()).model()) {
            Hnn.save(fitted, file);
        }
        TrainerConfig shortRun = t.withEpochs(2);
        WsssConfig base = WsssTrainingTest.tiny(1, null).withTraining(shortRun, shortRun);
        double fromRandom = meanDice(base, train, test);
        double fromFile = meanDice(base.withInit(InitialWeights.file(file)), train, test);
        System.out.printf("mean 3D Dice after 2 weak epochs: random start %.3f, pretrained start %.3f%n", fromRandom,
                fromFile);
        assertTrue(fromFile > fromRandom + 0.1, "pretrained " + fromFile + " vs random " + fromRandom);
        try (HnnModel m = Wsss.train(train, List.of(), base.withInit(InitialWeights.file(file))).model()) {
            assertEquals(file.toString(), m.info().provenance().parameters().get("init"));
        }
    }

    private static double meanDice(WsssConfig cfg, List<EllipsoidCase> train, List<EllipsoidCase> test) {
        try (HnnModel m = Wsss.train(train, List.of(), cfg).model()) {
            double sum = 0;
            for (EllipsoidCase c : test) {
                Mask3D truth = c.groundTruth().orElseThrow();
                sum += WsssTrainingTest.dice(LesionSegmenters.hnn(m).segment(c), truth);
            }
            return sum / test.size();
        }
    }
}
