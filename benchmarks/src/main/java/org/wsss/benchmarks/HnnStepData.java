package org.wsss.benchmarks;

import java.util.Map;
import java.util.SplittableRandom;

import org.wsss.api.Mask;
import org.wsss.hnn.internal.Adam;
import org.wsss.hnn.internal.WeakLoss;
import org.wsss.hnn.loss.PixelWeights;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.internal.HnnNetwork;

/**
 * The fixed training batch of the HNN benchmarks as plain Java arrays, made without ND4J so that a
 * peer framework's benchmark process holds nothing of ND4J: the preset, {@code batch} images of
 * uniform random pixels in [0, 1) (seed 2; a smaller batch is a prefix of a larger one), each
 * labelled with a centred disc of radius {@code S/5} as {@link PixelWeights#supervised} (the
 * weights divided by the batch size, as {@code WeakLoss.placeholders} lays them out), and the
 * network's initial parameters for seed {@link #NET_SEED}.
 */
final class HnnStepData {

    /** Seed of the network's initial parameters. */
    static final long NET_SEED = 1L;
    /** Learning rate of every timed Adam step. */
    static final double LEARNING_RATE = 1e-4;

    final HnnConfig config;
    final int batch;
    /** Row-major {@code [batch, 1, S, S]} images. */
    final float[] images;
    /** Row-major {@code [batch, 1, S, S]} loss weights on R, F and B, divided by the batch size. */
    final float[] wr, wf, wb;
    /** One disc label per image. */
    final PixelWeights[] labels;

    private HnnStepData(HnnConfig config, int batch) {
        this.config = config;
        this.batch = batch;
        int s = config.inputSize();
        int px = s * s;
        SplittableRandom rnd = new SplittableRandom(2);
        images = new float[batch * px];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) rnd.nextDouble();
        }
        labels = new PixelWeights[batch];
        wr = new float[batch * px];
        wf = new float[batch * px];
        wb = new float[batch * px];
        float scale = 1f / batch;
        for (int i = 0; i < batch; i++) {
            Mask disc = Mask.fromPredicate(s, s, (x, y) -> Math.hypot(x - s / 2.0, y - s / 2.0) < s / 5.0);
            labels[i] = PixelWeights.supervised(disc);
            float[] r = labels[i].r(), f = labels[i].f(), b = labels[i].b();
            for (int k = 0; k < px; k++) {
                wr[i * px + k] = r[k] * scale;
                wf[i * px + k] = f[k] * scale;
                wb[i * px + k] = b[k] * scale;
            }
        }
    }

    /**
     * The data of a preset: {@code defaults} ({@link HnnConfig#defaults()}), {@code unet}
     * ({@link HnnConfig#unet()}, the UNet baseline over the same stages) or {@code tiny}
     * ({@code HnnConfig.tiny(3, 8, 32)}).
     *
     * @throws IllegalArgumentException for another preset name or a batch below 1
     */
    static HnnStepData create(String preset, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        HnnConfig cfg = switch (preset) {
            case "defaults" -> HnnConfig.defaults();
            case "unet" -> HnnConfig.unet();
            case "tiny" -> HnnConfig.tiny(3, 8, 32);
            default -> throw new IllegalArgumentException("preset must be defaults, unet or tiny, got " + preset);
        };
        return new HnnStepData(cfg, batch);
    }

    /** The network's initial parameters, keyed and laid out as {@code HnnNetwork.parameterValues()}. */
    Map<String, float[]> initialParameters() {
        return HnnNetwork.initialValues(config, NET_SEED);
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
}
