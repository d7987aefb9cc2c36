package org.wsss.propagation.wsss;

import java.nio.file.Path;
import java.util.Objects;
import org.wsss.grabcut.opencv.GrabCutConfig;
import org.wsss.grabcut.seeds.CnnSeedsConfig;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.propagation.geometry.PropagationConfig;
import org.wsss.propagation.inference.InferenceConfig;

/**
 * Parameters of slice-propagated training, WSSS-k (Sec. 2.3, {@link WsssTraining}).
 *
 * @param k slices per lesion at the end (the RECIST slice and (k − 1)/2 on each side); odd, ≥ 1
 *     (the paper's WSSS-3/5/7; k = 1 is the RECIST-slice HNN alone)
 * @param hnn the network
 * @param initial training on the RECIST slices (step 0)
 * @param fineTune each fine-tuning step j = 1..(k − 1)/2 (training continues on the same weights)
 * @param seed the run's root seed: the network's initial weights and every step's shuffling and
 *     augmentation draw from seeds derived from it ({@link org.wsss.api.Seeds}); the seeds of
 *     {@code initial} and {@code fineTune} are not used
 * @param checkpointDir where the model is saved after every step ({@link WsssTraining#stepFile}),
 *     and from where a run resumes; {@code null} for neither
 * @param threads threads for making labels (GrabCut), ≥ 1
 * @param propagation the lesion's assumed z extent for R̂
 * @param seeds the rules of S(Ŷ, R̂, R)
 * @param grabCut the GrabCut refiner for every label
 * @param init where the network starts (random from the seed, or pretrained weights)
 * @param offSliceValidation whether step j also labels slices r ± j of the validation lesions,
 *     as it labels the training lesions, and validates and calibrates on them
 *     ({@link WsssTraining}); otherwise validation holds the RECIST slices only
 */
public record WsssConfig(int k, HnnConfig hnn, TrainerConfig initial, TrainerConfig fineTune, long seed, Path checkpointDir,
                         int threads, PropagationConfig propagation, CnnSeedsConfig seeds, GrabCutConfig grabCut,
                         InitialWeights init, boolean offSliceValidation) {

    /** Validates; errors name the field and the value. */
    public WsssConfig {
        if (k < 1 || k % 2 == 0) {
            throw new IllegalArgumentException("WsssConfig.k must be odd and >= 1 (e.g. 1, 3, 5, 7), got " + k);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("WsssConfig.threads must be >= 1, got " + threads);
        }
        Objects.requireNonNull(hnn, "WsssConfig.hnn");
        Objects.requireNonNull(initial, "WsssConfig.initial");
        Objects.requireNonNull(fineTune, "WsssConfig.fineTune");
        Objects.requireNonNull(propagation, "WsssConfig.propagation");
        Objects.requireNonNull(seeds, "WsssConfig.seeds");
        Objects.requireNonNull(grabCut, "WsssConfig.grabCut");
        Objects.requireNonNull(init, "WsssConfig.init");
    }

    /** The same with validation on the RECIST slices only ({@code offSliceValidation} false). */
    public WsssConfig(int k, HnnConfig hnn, TrainerConfig initial, TrainerConfig fineTune, long seed, Path checkpointDir,
                      int threads, PropagationConfig propagation, CnnSeedsConfig seeds, GrabCutConfig grabCut,
                      InitialWeights init) {
        this(k, hnn, initial, fineTune, seed, checkpointDir, threads, propagation, seeds, grabCut, init, false);
    }

    /**
     * WSSS-7 with the default network, {@link TrainerConfig#defaults()} (30 epochs) on the
     * RECIST slices and 10 epochs per fine-tuning step, seed 42, no checkpoints, 2 label threads;
     * off-slice labels with the extent and seeds of 3D inference
     * ({@link PropagationConfig#segmentationDefaults()}, definite-foreground seeds where Ŷ &gt;
     * {@link InferenceConfig#SEED_CONFIDENCE}), so the network learns from labels made as its
     * output will be used (measured in the wsss-propagation README); off-slice validation on
     * ({@link #offSliceValidation()}): step j validates and calibrates the network on the
     * validation lesions' slices r ± j too, the slices it is then trained on and used for.
     */
    public static WsssConfig defaults() {
        return new WsssConfig(7, HnnConfig.defaults(), TrainerConfig.defaults(), TrainerConfig.defaults().withEpochs(10), 42L,
                null, 2, PropagationConfig.segmentationDefaults(),
                CnnSeedsConfig.defaults().withForegroundConfidence(InferenceConfig.SEED_CONFIDENCE), GrabCutConfig.defaults(),
                InitialWeights.random(), true);
    }

    /** The number of steps, (k − 1)/2 + 1 (step 0 is the RECIST slices). */
    public int steps() {
        return (k - 1) / 2 + 1;
    }

    /** The same with another k. */
    public WsssConfig withK(int newK) {
        return new WsssConfig(newK, hnn, initial, fineTune, seed, checkpointDir, threads, propagation, seeds, grabCut, init, offSliceValidation);
    }

    /** The same with another network. */
    public WsssConfig withHnn(HnnConfig h) {
        return new WsssConfig(k, h, initial, fineTune, seed, checkpointDir, threads, propagation, seeds, grabCut, init, offSliceValidation);
    }

    /** The same with other trainer configurations. */
    public WsssConfig withTraining(TrainerConfig first, TrainerConfig fine) {
        return new WsssConfig(k, hnn, first, fine, seed, checkpointDir, threads, propagation, seeds, grabCut, init, offSliceValidation);
    }

    /** The same with another checkpoint directory ({@code null} for none). */
    public WsssConfig withCheckpointDir(Path dir) {
        return new WsssConfig(k, hnn, initial, fineTune, seed, dir, threads, propagation, seeds, grabCut, init, offSliceValidation);
    }

    /** The same with another number of label threads. */
    public WsssConfig withThreads(int t) {
        return new WsssConfig(k, hnn, initial, fineTune, seed, checkpointDir, t, propagation, seeds, grabCut, init, offSliceValidation);
    }

    /** The same with other initial weights. */
    public WsssConfig withInit(InitialWeights i) {
        return new WsssConfig(k, hnn, initial, fineTune, seed, checkpointDir, threads, propagation, seeds, grabCut, i, offSliceValidation);
    }

    /** The same with another seed. */
    public WsssConfig withSeed(long s) {
        return new WsssConfig(k, hnn, initial, fineTune, s, checkpointDir, threads, propagation, seeds, grabCut, init, offSliceValidation);
    }

    /** The same with another RECIST propagation (the extent of the off-slice labels). */
    public WsssConfig withPropagation(PropagationConfig p) {
        return new WsssConfig(k, hnn, initial, fineTune, seed, checkpointDir, threads, p, seeds, grabCut, init, offSliceValidation);
    }

    /** The same with other off-slice seed rules. */
    public WsssConfig withSeeds(CnnSeedsConfig c) {
        return new WsssConfig(k, hnn, initial, fineTune, seed, checkpointDir, threads, propagation, c, grabCut, init, offSliceValidation);
    }

    /** The same with or without off-slice validation labels. */
    public WsssConfig withOffSliceValidation(boolean on) {
        return new WsssConfig(k, hnn, initial, fineTune, seed, checkpointDir, threads, propagation, seeds, grabCut, init, on);
    }
}
