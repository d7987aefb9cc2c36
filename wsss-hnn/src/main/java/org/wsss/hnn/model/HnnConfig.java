package org.wsss.hnn.model;

import java.util.List;
import org.wsss.hnn.internal.HnnNetwork;

/**
 * Architecture of a holistically nested network (HNN, Xie &amp; Tu 2015) as used for lesion
 * segmentation in Sec. 3.2 of the paper: VGG-style stages of {@code 3×3} convolutions with ReLU,
 * a {@code 2×2} max-pool between stages, one side output per stage and a fused output — or,
 * with {@link Architecture#UNET}, of the UNet baseline of Table 2 over the same encoder stages
 * (a decoder stage per encoder stage but the deepest, with skip connections; see
 * {@link HnnNetwork}).
 *
 * @param channels output channels of each stage's convolutions, one entry per stage (≥ 1 stage)
 * @param convsPerStage number of {@code 3×3} convolutions in each stage, same length as {@code channels}
 * @param inputSize side of the square network input in pixels; divisible by {@code 2^(stages-1)}
 *     so that every pooled map has an integer size
 * @param architecture the network family (HNN or UNet)
 * @param contextMm 0 for a network that reads one slice; else a 2.5D network whose input holds
 *     three channels, the images at −contextMm, 0 and +contextMm along z
 *     ({@link org.wsss.api.LesionCase#sliceAt}), so it can see where a lesion ends (the paper
 *     reads one slice; this is an option, measured in the wsss-propagation README)
 */
public record HnnConfig(List<Integer> channels, List<Integer> convsPerStage, int inputSize, Architecture architecture,
                        double contextMm) {

    /** Largest accepted {@link #contextMm()}. */
    public static final double MAX_CONTEXT_MM = 50;

    /** Largest accepted input side, to keep a misconfiguration from allocating gigabytes. */
    public static final int MAX_INPUT_SIZE = 1024;

    /** Validates and copies. */
    public HnnConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("HnnConfig architecture must not be null");
        }
        channels = List.copyOf(channels);
        convsPerStage = List.copyOf(convsPerStage);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("HnnConfig channels must name at least one stage, got " + channels);
        }
        if (convsPerStage.size() != channels.size()) {
            throw new IllegalArgumentException("HnnConfig convsPerStage " + convsPerStage + " must have one entry per stage ("
                    + channels.size() + ")");
        }
        for (int c : channels) {
            if (c < 1 || c > 4096) {
                throw new IllegalArgumentException("HnnConfig channels entries must lie in [1, 4096], got " + channels);
            }
        }
        for (int c : convsPerStage) {
            if (c < 1 || c > 8) {
                throw new IllegalArgumentException("HnnConfig convsPerStage entries must lie in [1, 8], got " + convsPerStage);
            }
        }
        if (!(contextMm >= 0 && contextMm <= MAX_CONTEXT_MM)) {
            throw new IllegalArgumentException("HnnConfig contextMm must lie in [0, " + MAX_CONTEXT_MM + "] mm (0 = one slice), got "
                    + contextMm);
        }
        int factor = 1 << (channels.size() - 1);
        if (inputSize < factor || inputSize > MAX_INPUT_SIZE || inputSize % factor != 0) {
            throw new IllegalArgumentException("HnnConfig inputSize must be a multiple of " + factor + " (2^(stages-1)) in ["
                    + factor + ", " + MAX_INPUT_SIZE + "], got " + inputSize);
        }
    }

    /** A network of this family and these stages that reads one slice. */
    public HnnConfig(List<Integer> channels, List<Integer> convsPerStage, int inputSize, Architecture architecture) {
        this(channels, convsPerStage, inputSize, architecture, 0);
    }

    /** An HNN ({@link Architecture#HNN}) of these stages that reads one slice. */
    public HnnConfig(List<Integer> channels, List<Integer> convsPerStage, int inputSize) {
        this(channels, convsPerStage, inputSize, Architecture.HNN);
    }

    /**
     * The preset for 2 CPU cores: 4 stages of 16/32/64/128 channels, two convolutions each,
     * 96-pixel input.
     */
    public static HnnConfig defaults() {
        return new HnnConfig(List.of(16, 32, 64, 128), List.of(2, 2, 2, 2), 96);
    }

    /**
     * The preset close to the VGG16 trunk of the original HNN: 5 stages of 64/128/256/512/512
     * channels with 2/2/3/3/3 convolutions, 128-pixel input. Meant for a machine with a GPU or
     * a lot of patience; trained from scratch (no ImageNet weights).
     */
    public static HnnConfig paper() {
        return new HnnConfig(List.of(64, 128, 256, 512, 512), List.of(2, 2, 3, 3, 3), 128);
    }

    /** A small network for tests: {@code stages} stages of {@code width·2^s} channels, one convolution each. */
    public static HnnConfig tiny(int stages, int width, int inputSize) {
        Integer[] ch = new Integer[stages];
        Integer[] cv = new Integer[stages];
        for (int s = 0; s < stages; s++) {
            ch[s] = width << s;
            cv[s] = 1;
        }
        return new HnnConfig(List.of(ch), List.of(cv), inputSize);
    }

    /** Number of stages (and side outputs). */
    public int stages() {
        return channels.size();
    }

    /** Input channels: 1, or 3 for a 2.5D network. */
    public int inputChannels() {
        return contextMm > 0 ? 3 : 1;
    }

    /** The z offsets of the context channels ({@code [−contextMm, +contextMm]}), or none. */
    public List<Double> contextOffsetsMm() {
        return contextMm > 0 ? List.of(-contextMm, contextMm) : List.of();
    }

    /** The same architecture at another input size. */
    public HnnConfig withInputSize(int size) {
        return new HnnConfig(channels, convsPerStage, size, architecture, contextMm);
    }

    /** The same stages and input size as another network family (e.g. the UNet baseline of an HNN preset). */
    public HnnConfig withArchitecture(Architecture a) {
        return new HnnConfig(channels, convsPerStage, inputSize, a, contextMm);
    }

    /** The same network reading the slices at ±{@code mm} too (0: one slice). */
    public HnnConfig withContextMm(double mm) {
        return new HnnConfig(channels, convsPerStage, inputSize, architecture, mm);
    }

    /**
     * The UNet baseline for 2 CPU cores: the stages of {@link #defaults()} (16/32/64/128 channels,
     * two convolutions each, 96-pixel input) as encoder, three decoder stages.
     */
    public static HnnConfig unet() {
        return defaults().withArchitecture(Architecture.UNET);
    }
}
