package org.wsss.hnn;

import java.nio.file.Path;
import java.util.List;

import org.wsss.api.Window;
import org.wsss.hnn.io.ModelFile;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.HnnTrainer;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.hnn.train.TrainingListener;
import org.wsss.hnn.train.TrainingListeners;

/**
 * Entry point of wsss-hnn: the holistically nested network of Sec. 2.2 / 3.2 that learns
 * lesion appearance from weak RECIST-slice labels.
 *
 * <pre>{@code
 * try (HnnModel model = Hnn.create(HnnConfig.defaults(), 42L)) {
 *     List<TrainingExample> train = ...;   // TrainingExample.weak(slice, RoiSampler.recistRoi(recist), window, weakLabel)
 *     Hnn.trainer(TrainerConfig.defaults()).fit(model, train, List.of());
 *     Hnn.save(model, Path.of("lesion-hnn.zip"));
 *     ProbabilityMap p = model.predict(slice, recist, window);
 * }
 * }</pre>
 *
 * <p>The network is an ND4J SameDiff graph (inference, double-precision gradients); training in
 * float runs its forward and backward pass on oneDNN directly
 * ({@link org.wsss.hnn.model.GradientEngine}; {@code TrainerConfig.withEngine(...)}
 * chooses). The nd4j-native build is chosen by the Maven property {@code nd4j.classifier}
 * (default {@code linux-x86_64-onednn-avx2}).
 */
public final class Hnn {

    private Hnn() {
    }

    /** A freshly initialised model (He weights from {@code seed}), default window {@link Window#DEFAULT}. */
    public static HnnModel create(HnnConfig config, long seed) {
        return HnnModel.create(config, seed, Window.DEFAULT);
    }

    /** Loads a model file (see {@link ModelFile}). */
    public static HnnModel load(Path file) {
        return ModelFile.load(file);
    }

    /** Loads a model file within {@code limits} (sizes, activation memory; see {@link ModelFile}). */
    public static HnnModel load(Path file, org.wsss.api.ReadLimits limits) {
        return ModelFile.load(file, limits);
    }

    /** Saves a model as one file (see {@link ModelFile}). */
    public static void save(HnnModel model, Path file) {
        ModelFile.save(model, file);
    }

    /** A trainer that logs every 10 steps. */
    public static HnnTrainer trainer(TrainerConfig config) {
        return new HnnTrainer(config, List.of(TrainingListeners.logging(10)));
    }

    /** A trainer with the given listeners. */
    public static HnnTrainer trainer(TrainerConfig config, List<TrainingListener> listeners) {
        return new HnnTrainer(config, listeners);
    }
}
