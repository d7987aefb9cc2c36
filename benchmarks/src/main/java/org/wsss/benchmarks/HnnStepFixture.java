package org.wsss.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.api.Mask;
import org.wsss.hnn.loss.LossValues;
import org.wsss.hnn.loss.PixelWeights;
import org.wsss.hnn.loss.WeakLoss;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnNetwork;
import org.wsss.hnn.train.Adam;
import org.wsss.hnn.train.HnnTrainer;

/**
 * The fixed training batch and the SameDiff training step that the HNN benchmarks time: the
 * network of a preset (seed 1), {@code batch} images of uniform random pixels in [0, 1) (seed 2;
 * a smaller batch is a prefix of a larger one), each labelled with a centred disc of radius
 * {@code S/5} as {@link PixelWeights#supervised}, α = β = 1, Adam at a fixed learning rate, and
 * the trainer's periodic garbage collection. Its arrays (images and loss weights) are exposed so
 * that a peer implementation can be fed exactly the same data.
 */
final class HnnStepFixture implements AutoCloseable {

    /** Learning rate of every timed Adam step. */
    static final double LEARNING_RATE = 1e-4;
    /** Seed of the network's initial parameters. */
    static final long NET_SEED = 1L;

    final HnnConfig config;
    final int batch;
    /** Row-major {@code [batch, 1, S, S]} images. */
    final float[] images;
    /** Row-major {@code [batch, 1, S, S]} loss weights on R, F and B, already divided by the batch size. */
    final float[] wr, wf, wb;
    final HnnNetwork net;
    final Adam adam;
    final INDArray input;
    final Map<String, INDArray> placeholders;
    private long steps;

    private HnnStepFixture(HnnConfig config, int batch) {
        this.config = config;
        this.batch = batch;
        int s = config.inputSize();
        net = HnnNetwork.create(config, NET_SEED, DataType.FLOAT);
        adam = new Adam();
        SplittableRandom rnd = new SplittableRandom(2);
        images = new float[batch * s * s];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) rnd.nextDouble();
        }
        input = Nd4j.create(images, new long[]{batch, 1, s, s}, 'c');
        List<PixelWeights> w = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            Mask disc = Mask.fromPredicate(s, s, (px, py) -> Math.hypot(px - s / 2.0, py - s / 2.0) < s / 5.0);
            w.add(PixelWeights.supervised(disc));
        }
        placeholders = WeakLoss.placeholders(w, 1, 1, DataType.FLOAT, s);
        wr = placeholders.get(WeakLoss.W_R).data().asFloat();
        wf = placeholders.get(WeakLoss.W_F).data().asFloat();
        wb = placeholders.get(WeakLoss.W_B).data().asFloat();
    }

    /**
     * The fixture of a preset: {@code defaults} ({@link HnnConfig#defaults()}) or {@code tiny}
     * ({@code HnnConfig.tiny(3, 8, 32)}).
     *
     * @throws IllegalArgumentException for another preset name or a batch below 1
     */
    static HnnStepFixture create(String preset, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        HnnConfig cfg = switch (preset) {
            case "defaults" -> HnnConfig.defaults();
            case "tiny" -> HnnConfig.tiny(3, 8, 32);
            default -> throw new IllegalArgumentException("preset must be defaults or tiny, got " + preset);
        };
        return new HnnStepFixture(cfg, batch);
    }

    /**
     * Forward + reverse-mode gradients + Adam, with the trainer's native-memory policy (a
     * collection every {@link HnnTrainer#GC_EVERY_STEPS} steps). Returns the loss before the update.
     */
    double trainStep() {
        Map<String, INDArray> g = new HashMap<>();
        LossValues lv = net.gradients(input, placeholders, g);
        adam.update(net, g, LEARNING_RATE);
        g.values().forEach(INDArray::close);
        if (++steps % HnnTrainer.GC_EVERY_STEPS == 0) {
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

    /** Number of trainable scalars of the network. */
    long parameterCount() {
        long n = 0;
        for (long[] shape : HnnNetwork.parameterShapes(config).values()) {
            long k = 1;
            for (long d : shape) {
                k *= d;
            }
            n += k;
        }
        return n;
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
