package org.wsss.examples;

import java.nio.file.Path;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnModel;
import org.wsss.io.DeepLesion;
import org.wsss.propagation.Wsss;
import org.wsss.propagation.wsss.WsssConfig;
import org.wsss.propagation.wsss.WsssResult;
import org.wsss.propagation.wsss.WsssStep;

/**
 * Trains the network from RECIST marks alone (WSSS-k, Sec. 2.2–2.3) on the training split of a
 * DeepLesion-layout folder, validating on its validation split, and saves the model file.
 *
 * <p>Usage: {@code TrainAndSave DIR MODEL_OUT [K] [EPOCHS]}
 */
public final class TrainAndSave {

    private TrainAndSave() {
    }

    /** Trains and saves; returns the per-step records. */
    public static java.util.List<WsssStep> run(Path dir, Path modelFile, int k, int epochs) {
        WsssConfig config = WsssConfig.defaults().withK(k);
        config = config.withTraining(config.initial().withEpochs(epochs), config.fineTune().withEpochs(epochs));
        WsssResult run = Wsss.train(DeepLesion.open(dir), config);
        try (HnnModel model = run.model()) {
            Hnn.save(model, modelFile);
        }
        for (WsssStep s : run.steps()) {
            System.out.printf("step %d: %d examples, training loss %.4f%n", s.step(), s.examples(), s.trainLoss());
        }
        System.out.println("saved " + modelFile);
        return run.steps();
    }

    public static void main(String[] args) {
        run(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 7,
                args.length > 3 ? Integer.parseInt(args[3]) : 30);
    }
}
