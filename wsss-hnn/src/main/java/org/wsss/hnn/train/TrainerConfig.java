package org.wsss.hnn.train;

import java.nio.file.Path;
import org.wsss.hnn.loss.AlphaBetaSchedule;
import org.wsss.hnn.model.GradientEngine;

/**
 * How to train a network (Sec. 3.2).
 *
 * @param learningRate Adam's initial learning rate, in (0, 1]
 * @param reducedLearningRate the rate after a plateau ({@code plateauPatience} epochs without a
 *     better validation loss, or training loss when there is no validation set); equal to
 *     {@code learningRate} for no drop
 * @param plateauPatience epochs without improvement before the drop, ≥ 1
 * @param epochs number of passes over the training set, ≥ 1
 * @param batchSize images per step, ≥ 1
 * @param schedule α/β over epochs
 * @param augmentation training-time distortions
 * @param seed seed of shuffling and augmentation (initial weights have their own seed)
 * @param checkpointDir where a checkpoint is written after every epoch, or {@code null} for none
 * @param engine how gradients are computed ({@link GradientEngine}; {@code AUTO}: oneDNN in
 *     float, SameDiff in double or where oneDNN cannot run)
 */
public record TrainerConfig(double learningRate, double reducedLearningRate, int plateauPatience, int epochs, int batchSize,
                            AlphaBetaSchedule schedule, Augmentation augmentation, long seed, Path checkpointDir,
                            GradientEngine engine) {

    /** As the canonical constructor, with {@link GradientEngine#AUTO}. */
    public TrainerConfig(double learningRate, double reducedLearningRate, int plateauPatience, int epochs, int batchSize,
                         AlphaBetaSchedule schedule, Augmentation augmentation, long seed, Path checkpointDir) {
        this(learningRate, reducedLearningRate, plateauPatience, epochs, batchSize, schedule, augmentation, seed, checkpointDir,
                GradientEngine.AUTO);
    }

    /** Validates. */
    public TrainerConfig {
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("TrainerConfig learningRate must lie in (0, 1], got " + learningRate);
        }
        if (!(reducedLearningRate > 0 && reducedLearningRate <= learningRate)) {
            throw new IllegalArgumentException("TrainerConfig reducedLearningRate must lie in (0, learningRate], got "
                    + reducedLearningRate);
        }
        if (plateauPatience < 1) {
            throw new IllegalArgumentException("TrainerConfig plateauPatience must be >= 1, got " + plateauPatience);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("TrainerConfig epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("TrainerConfig batchSize must be >= 1, got " + batchSize);
        }
        if (schedule == null) {
            throw new IllegalArgumentException("TrainerConfig schedule must not be null");
        }
        if (augmentation == null) {
            throw new IllegalArgumentException("TrainerConfig augmentation must not be null");
        }
        if (engine == null) {
            throw new IllegalArgumentException("TrainerConfig engine must not be null");
        }
    }

    /**
     * For training from scratch on CPU: lr 1e-3 dropping to 2e-4 after 3 flat epochs, 30
     * epochs, batch 8, α/β ramp {@link AlphaBetaSchedule#defaults()}, default augmentation, seed 1.
     */
    public static TrainerConfig defaults() {
        return new TrainerConfig(1e-3, 2e-4, 3, 30, 8, AlphaBetaSchedule.defaults(), Augmentation.defaults(), 1L, null);
    }

    /**
     * The paper's settings (Sec. 3.2): lr 5e-5 dropping to 1e-5 on a plateau, α = β = 1.
     * Meant for the {@code paper()} network on a GPU; from scratch it trains slowly.
     */
    public static TrainerConfig paper() {
        return new TrainerConfig(5e-5, 1e-5, 3, 60, 8, AlphaBetaSchedule.constant(1, 1), Augmentation.defaults(), 1L, null);
    }

    /** The same with other epochs. */
    public TrainerConfig withEpochs(int e) {
        return new TrainerConfig(learningRate, reducedLearningRate, plateauPatience, e, batchSize, schedule, augmentation, seed,
                checkpointDir, engine);
    }

    /** The same with a checkpoint directory. */
    public TrainerConfig withCheckpointDir(Path dir) {
        return new TrainerConfig(learningRate, reducedLearningRate, plateauPatience, epochs, batchSize, schedule, augmentation, seed,
                dir, engine);
    }

    /** The same with another augmentation. */
    public TrainerConfig withAugmentation(Augmentation a) {
        return new TrainerConfig(learningRate, reducedLearningRate, plateauPatience, epochs, batchSize, schedule, a, seed,
                checkpointDir, engine);
    }

    /** The same with another learning rate (no drop). */
    public TrainerConfig withLearningRate(double lr) {
        return new TrainerConfig(lr, lr, plateauPatience, epochs, batchSize, schedule, augmentation, seed, checkpointDir, engine);
    }

    /** The same with another batch size. */
    public TrainerConfig withBatchSize(int b) {
        return new TrainerConfig(learningRate, reducedLearningRate, plateauPatience, epochs, b, schedule, augmentation, seed,
                checkpointDir, engine);
    }

    /** The same with another α/β schedule. */
    public TrainerConfig withSchedule(AlphaBetaSchedule s) {
        return new TrainerConfig(learningRate, reducedLearningRate, plateauPatience, epochs, batchSize, s, augmentation, seed,
                checkpointDir, engine);
    }

    /** The same with another seed of shuffling and augmentation. */
    public TrainerConfig withSeed(long s) {
        return new TrainerConfig(learningRate, reducedLearningRate, plateauPatience, epochs, batchSize, schedule, augmentation, s,
                checkpointDir, engine);
    }

    /** The same with another gradient engine. */
    public TrainerConfig withEngine(GradientEngine e) {
        return new TrainerConfig(learningRate, reducedLearningRate, plateauPatience, epochs, batchSize, schedule, augmentation, seed,
                checkpointDir, e);
    }
}
