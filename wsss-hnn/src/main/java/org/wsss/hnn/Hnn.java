package org.wsss.hnn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** Class-path resource of the shipped pretrained model ({@link #pretrained()}). */
    public static final String PRETRAINED_RESOURCE = "/org/wsss/hnn/pretrained-phantom.zip";

    /**
     * The default network ({@link HnnConfig#defaults()}) pretrained on the exact 3D masks of
     * synthetic phantom lesions ({@link org.wsss.hnn.train.SupervisedExamples}), shipped in this
     * jar; a starting point for weak training on real RECIST marks ({@code WsssConfig.init}).
     * Made by {@code ./wsss pretrain} (the command and its measured effect are in the
     * wsss-propagation README). Its provenance names the phantom, seed and epochs it came from.
     *
     * @throws IllegalStateException if the resource is missing from the class path
     */
    public static HnnModel pretrained() {
        try (InputStream in = Hnn.class.getResourceAsStream(PRETRAINED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the pretrained model " + PRETRAINED_RESOURCE + " is not on the class path");
            }
            // ModelFile reads zips by random access; a resource is a stream, so it goes through a temp file.
            Path tmp = Files.createTempFile("wsss-pretrained-", ".zip");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return ModelFile.load(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pretrained model " + PRETRAINED_RESOURCE, e);
        }
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
