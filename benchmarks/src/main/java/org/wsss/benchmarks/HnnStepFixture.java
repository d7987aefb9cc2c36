package org.wsss.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.hnn.loss.LossValues;
import org.wsss.hnn.internal.WeakLoss;
import org.wsss.hnn.model.GradientEngine;
import org.wsss.hnn.internal.HnnNetwork;
import org.wsss.hnn.internal.Adam;
import org.wsss.hnn.train.HnnTrainer;

/**
 * The training step that the HNN benchmarks time, on the batch of {@link HnnStepData}:
 * the network of the preset (seed {@link HnnStepData#NET_SEED}) with a chosen gradient engine
 * ({@link GradientEngine}; the trainer's is {@link GradientEngine#AUTO}), the labels as
 * {@code WeakLoss.placeholders} with α = β = 1, Adam at {@link HnnStepData#LEARNING_RATE}, and the
 * trainer's garbage-collection policy ({@link HnnTrainer#collectsGarbage}).
 */
final class HnnStepFixture implements AutoCloseable {

    final HnnStepData data;
    final HnnNetwork net;
    final Adam adam;
    final INDArray input;
    final Map<String, INDArray> placeholders;
    private long steps;

    private HnnStepFixture(HnnStepData data, GradientEngine engine) {
        this.data = data;
        int s = data.config.inputSize();
        net = HnnNetwork.create(data.config, HnnStepData.NET_SEED, DataType.FLOAT);
        net.setGradientEngine(engine);
        adam = new Adam();
        input = Nd4j.create(data.images, new long[]{data.batch, 1, s, s}, 'c');
        placeholders = WeakLoss.placeholders(List.of(data.labels), 1, 1, DataType.FLOAT, s);
    }

    /**
     * The fixture of a preset ({@link HnnStepData#create}) with the trainer's gradient engine
     * ({@link GradientEngine#AUTO}).
     *
     * @throws IllegalArgumentException for another preset name or a batch below 1
     */
    static HnnStepFixture create(String preset, int batch) {
        return create(preset, batch, GradientEngine.AUTO);
    }

    /**
     * The fixture of a preset with a given gradient engine.
     *
     * @throws IllegalArgumentException for another preset name, a batch below 1, or an engine
     *     that cannot run the preset
     */
    static HnnStepFixture create(String preset, int batch, GradientEngine engine) {
        return new HnnStepFixture(HnnStepData.create(preset, batch), engine);
    }

    /**
     * Forward + reverse-mode gradients + Adam, with the trainer's native-memory policy (a
     * collection every {@link HnnTrainer#GC_EVERY_STEPS} steps under the SameDiff engine,
     * {@link HnnTrainer#collectsGarbage}). Returns the loss before the update.
     */
    double trainStep() {
        Map<String, INDArray> g = new HashMap<>();
        LossValues lv = net.gradients(input, placeholders, g);
        adam.update(net, g, HnnStepData.LEARNING_RATE);
        g.values().forEach(INDArray::close);
        if (HnnTrainer.collectsGarbage(net.gradientEngine(), ++steps)) {
            System.gc();
        }
        return lv.total();
    }

    /** The total loss of the current parameters on the batch (forward only). */
    double loss() {
        return net.loss(input, placeholders).total();
    }

    /** Fused probabilities of the batch, row-major {@code batch·S·S}. */
    float[] predict() {
        return net.predict(input);
    }

    /** Frees native memory. */
    @Override
    public void close() {
        adam.close();
        net.close();
        input.close();
        placeholders.values().forEach(INDArray::close);
    }
}
