package org.wsss.hnn.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.hnn.loss.LossValues;
import org.wsss.hnn.internal.WeakLoss;
import org.wsss.hnn.model.Architecture;
import org.wsss.hnn.model.Bilinear;
import org.wsss.hnn.model.GradientEngine;
import org.wsss.hnn.model.HnnConfig;

/**
 * A holistically nested network (Xie &amp; Tu, "Holistically-nested edge detection", 2015)
 * adapted to segmentation as in Sec. 3.2 of the paper, built as an ND4J SameDiff graph with the
 * loss of Sec. 2.2 attached ({@link WeakLoss}).
 *
 * <p>Input {@code [N, C, S, S]} (a windowed ROI in [0, 1]; C = {@link HnnConfig#inputChannels()},
 * 3 for a 2.5D network: the images at −d, 0, +d mm). Stage s (0-based): for s &gt; 0 a
 * {@code 2×2} max-pool, then {@code convsPerStage[s]} {@code 3×3} convolutions with ReLU. After
 * each stage a side output: a {@code 1×1} convolution to one logit map, bilinearly upsampled
 * to {@code S × S}. The fused output is a {@code 1×1} convolution over the concatenated side
 * logits, initialised to equal weights {@code 1/stages} and bias 0 (HED's initialisation).
 * Every output has its sigmoid ({@link #SIDE_PROB side probabilities}, {@link #FUSED_PROB}),
 * and every output is supervised (deep supervision).
 *
 * <p>With {@link Architecture#UNET} the same class builds the UNet baseline of Table 2
 * (Ronneberger et al. 2015) over the same encoder stages: no side outputs; for each stage s
 * below the deepest, a decoder stage upsamples the deeper map ×2 (bilinear), concatenates the
 * encoder's stage-s map (skip connection) and applies {@code convsPerStage[s]} {@code 3×3}
 * convolutions with ReLU to {@code channels[s]} channels; a {@code 1×1} convolution with bias
 * gives the single logit map, exposed as {@link #FUSED_PROB} after its sigmoid and supervised
 * by the same loss. Deviations from the UNet paper: padded convolutions (output size = input
 * size), fixed bilinear upsampling instead of learned up-convolutions, the configured widths
 * rather than 64–1024.
 *
 * <p>Inside, activations are NHWC ({@code [N, H, W, C]}); the input and every one-channel
 * output are the same memory in either layout, so callers see NCHW. oneDNN's forward
 * convolution on this machine works on NHWC, and with NCHW activations ND4J reordered the input
 * and the output of every convolution (in {@code DNNL_VERBOSE}, reorders took more time than the
 * convolutions themselves).
 *
 * <p>The graph defines the network and runs inference. Gradients for training come from one of
 * two engines ({@link GradientEngine}, {@link #setGradientEngine}): SameDiff's reverse mode over
 * this graph, or, by default in float, {@code DnnlHnnPass}, the same forward and
 * backward pass written on oneDNN primitives (faster; figures in wsss-hnn/README.md; tested
 * against the graph's gradients, which are tested against central differences).
 *
 * <p>Weights are He-normal (std {@code sqrt(2 / fan_in)}), biases zero, drawn from a
 * {@link SplittableRandom} of the given seed into plain arrays, so no global ND4J random state is
 * read or set. Not thread-safe: callers serialise access.
 *
 * <p>Side outputs carry no bias: in ND4J 1.0.0-M2.1 the reverse-mode gradient of a bias on a
 * side output came out wrong (off from central differences by a term that changed with the
 * loss's structure, whether the bias was added by conv2d, biasAdd or a broadcast add), while
 * the fused output's broadcast-add bias checks out; the fused bias sets the operating point.
 *
 * <p>Deviations from the paper: side outputs have no bias (above); trained from scratch (no ImageNet VGG16 weights can be had
 * offline); the default preset is much narrower than VGG16 (see {@link HnnConfig}); side
 * outputs are upsampled by a fixed bilinear interpolation rather than HED's learned
 * deconvolution initialised to bilinear.
 */
public final class HnnNetwork implements AutoCloseable {

    /** Input placeholder name. */
    public static final String INPUT = "input";
    /** Fused probability output name. */
    public static final String FUSED_PROB = "fused_prob";
    /** Prefix of the side probability outputs ({@code side_prob_0}, ...). */
    public static final String SIDE_PROB = "side_prob_";

    private final HnnConfig config;
    private final DataType dataType;
    private final SameDiff sd;
    private final List<String> parameterNames;
    private final List<String> lossOutputs = List.of(WeakLoss.TOTAL, WeakLoss.PART_R, WeakLoss.PART_F, WeakLoss.PART_B);
    /** Parameter name → name of its gradient variable in the gradient function (set on first use). */
    private final Map<String, String> gradientNames = new LinkedHashMap<>();
    private List<String> gradientPassOutputs;
    private GradientEngine gradientEngine = GradientEngine.AUTO;
    /** oneDNN passes by batch size (a training run sees at most two: full batches and the last). */
    private final Map<Integer, DnnlHnnPass> dnnlPasses = new LinkedHashMap<>();
    /** Why building a oneDNN pass failed under {@link GradientEngine#AUTO} (then SameDiff is used). */
    private String dnnlFailure;

    private HnnNetwork(HnnConfig config, DataType dataType, Map<String, INDArray> params) {
        this.config = config;
        this.dataType = dataType;
        this.sd = SameDiff.create();
        this.parameterNames = Collections.unmodifiableList(new ArrayList<>(params.keySet()));
        build(params);
    }

    /**
     * A freshly initialised network.
     *
     * @param dataType {@link DataType#FLOAT} for training and inference, {@link DataType#DOUBLE}
     *     for gradient checks
     */
    public static HnnNetwork create(HnnConfig config, long seed, DataType dataType) {
        return new HnnNetwork(config, dataType, initialParameters(config, seed, dataType));
    }

    /**
     * A network with given parameter values (e.g. read from a model file).
     *
     * @throws IllegalArgumentException if a parameter is missing, extra or has the wrong length
     */
    public static HnnNetwork withParameters(HnnConfig config, Map<String, float[]> values, DataType dataType) {
        Map<String, long[]> shapes = parameterShapes(config);
        if (!shapes.keySet().equals(values.keySet())) {
            throw new IllegalArgumentException("parameters " + new java.util.TreeSet<>(values.keySet())
                    + " do not match the architecture's " + new java.util.TreeSet<>(shapes.keySet()));
        }
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            float[] v = values.get(e.getKey());
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            if (v.length != n) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " needs " + n + " values, got " + v.length);
            }
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new IllegalArgumentException("parameter " + e.getKey() + "[" + i + "] is " + v[i]);
                }
            }
            params.put(e.getKey(), Nd4j.create(v, e.getValue(), 'c').castTo(dataType));
        }
        return new HnnNetwork(config, dataType, params);
    }

    /**
     * Names and shapes of the trainable parameters, in a fixed order. The names are stable (the
     * model file keys parameters by them): encoder convolutions {@code s<stage>_c<conv>_W/_b}
     * in both families; HNN side outputs {@code side<stage>_W} and the fused output
     * {@code fuse_W/_b}; UNet decoder convolutions {@code d<stage>_c<conv>_W/_b} and the output
     * {@code out_W/_b}.
     */
    public static Map<String, long[]> parameterShapes(HnnConfig config) {
        Map<String, long[]> m = new LinkedHashMap<>();
        int in = config.inputChannels();
        boolean unet = config.architecture() == Architecture.UNET;
        for (int s = 0; s < config.stages(); s++) {
            int out = config.channels().get(s);
            for (int c = 0; c < config.convsPerStage().get(s); c++) {
                m.put("s" + s + "_c" + c + "_W", new long[]{3, 3, in, out});
                m.put("s" + s + "_c" + c + "_b", new long[]{out});
                in = out;
            }
            if (!unet) {
                m.put("side" + s + "_W", new long[]{1, 1, out, 1});
            }
        }
        if (!unet) {
            m.put("fuse_W", new long[]{1, 1, config.stages(), 1});
            m.put("fuse_b", new long[]{1});
            return m;
        }
        for (int s = config.stages() - 2; s >= 0; s--) {
            int out = config.channels().get(s);
            in = config.channels().get(s + 1) + out;    // upsampled deeper map + skip connection
            for (int c = 0; c < config.convsPerStage().get(s); c++) {
                m.put("d" + s + "_c" + c + "_W", new long[]{3, 3, in, out});
                m.put("d" + s + "_c" + c + "_b", new long[]{out});
                in = out;
            }
        }
        m.put("out_W", new long[]{1, 1, config.channels().get(0), 1});
        m.put("out_b", new long[]{1});
        return m;
    }

    /**
     * The initial parameter values of {@link #create} for {@code seed}, as float arrays keyed and
     * laid out as {@link #parameterValues()} (no ND4J array is made, so a process can have them
     * without loading ND4J, e.g. a benchmark of another framework starting from the same weights).
     */
    public static Map<String, float[]> initialValues(HnnConfig config, long seed) {
        Map<String, float[]> m = new LinkedHashMap<>();
        initialDoubles(config, seed).forEach((name, v) -> {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            m.put(name, f);
        });
        return m;
    }

    private static Map<String, double[]> initialDoubles(HnnConfig config, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        Map<String, double[]> params = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : parameterShapes(config).entrySet()) {
            long[] shape = e.getValue();
            SplittableRandom rnd = root.split();
            int n = 1;
            for (long d : shape) {
                n *= (int) d;
            }
            double[] v = new double[n];
            String name = e.getKey();
            if (name.equals("fuse_W")) {       // HED: the fused output starts as the mean of the sides
                java.util.Arrays.fill(v, 1.0 / config.stages());
            } else if (name.endsWith("_W")) {
                double fanIn = shape[0] * shape[1] * shape[2];
                double std = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < n; i++) {
                    v[i] = rnd.nextGaussian() * std;
                }
            }
            params.put(name, v);
        }
        return params;
    }

    private static Map<String, INDArray> initialParameters(HnnConfig config, long seed, DataType dt) {
        Map<String, long[]> shapes = parameterShapes(config);
        Map<String, INDArray> params = new LinkedHashMap<>();
        initialDoubles(config, seed).forEach((name, v) -> params.put(name, Nd4j.create(v, shapes.get(name), 'c').castTo(dt)));
        return params;
    }

    private void build(Map<String, INDArray> params) {
        int size = config.inputSize();
        int channels = config.inputChannels();
        SDVariable input = sd.placeHolder(INPUT, dataType, -1, channels, size, size);
        // One channel: [N, 1, S, S] and [N, S, S, 1] share one memory layout, so this is free.
        SDVariable x = channels == 1 ? sd.reshape(input, -1, size, size, 1) : sd.permute(input, 0, 2, 3, 1);
        Map<String, SDVariable> v = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            v.put(e.getKey(), sd.var(e.getKey(), e.getValue()));
        }
        Conv2DConfig conv3 = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat("NHWC").build();
        Conv2DConfig conv1 = Conv2DConfig.builder().kH(1).kW(1).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NHWC").build();
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).isNHWC(true).build();
        boolean unet = config.architecture() == Architecture.UNET;
        List<SDVariable> sides = new ArrayList<>();
        List<SDVariable> skips = new ArrayList<>();
        for (int s = 0; s < config.stages(); s++) {
            if (s > 0) {
                x = sd.cnn().maxPooling2d(x, pool);
            }
            for (int c = 0; c < config.convsPerStage().get(s); c++) {
                x = sd.nn().relu(sd.cnn().conv2d(x, v.get("s" + s + "_c" + c + "_W"), v.get("s" + s + "_c" + c + "_b"), conv3), 0);
            }
            skips.add(x);
            if (unet) {
                continue;
            }
            SDVariable side = sd.cnn().conv2d(x, v.get("side" + s + "_W"), conv1);
            if (s > 0) {
                side = upsample(side, size >> s, size, 1, "up" + s);
            }
            sides.add(side);                                     // [N, S, S, 1]
        }
        if (unet) {
            for (int s = config.stages() - 2; s >= 0; s--) {
                SDVariable up = upsample(x, size >> (s + 1), size >> s, config.channels().get(s + 1), "dec_up" + s);
                x = sd.concat(3, skips.get(s), up);
                for (int c = 0; c < config.convsPerStage().get(s); c++) {
                    x = sd.nn().relu(sd.cnn().conv2d(x, v.get("d" + s + "_c" + c + "_W"), v.get("d" + s + "_c" + c + "_b"),
                            conv3), 0);
                }
            }
            SDVariable logit = nchw(conv1x1(x, v.get("out_W"), v.get("out_b"), conv1), size);
            sd.nn().sigmoid(FUSED_PROB, logit);
            WeakLoss.attach(sd, List.of(logit), dataType, size);
            return;
        }
        SDVariable fused = nchw(conv1x1(sd.concat(3, sides.toArray(new SDVariable[0])), v.get("fuse_W"), v.get("fuse_b"),
                conv1), size);
        List<SDVariable> logits = new ArrayList<>();
        for (SDVariable side : sides) {
            logits.add(nchw(side, size));
        }
        sides = List.copyOf(logits);
        logits.add(fused);
        for (int s = 0; s < sides.size(); s++) {
            sd.nn().sigmoid(SIDE_PROB + s, sides.get(s));
        }
        sd.nn().sigmoid(FUSED_PROB, fused);
        WeakLoss.attach(sd, logits, dataType, size);
    }

    /** A one-channel NHWC map {@code [N, S, S, 1]} viewed as {@code [N, 1, S, S]} (same memory). */
    private SDVariable nchw(SDVariable oneChannel, int size) {
        return sd.reshape(oneChannel, -1, 1, size, size);
    }

    /**
     * A {@code 1×1} convolution to one channel with its bias added by a separate op: M2.1's
     * conv2d_bp returns a wrong bias gradient when there is a single output channel (about
     * twice the numerical one; found by the gradient check).
     */
    private SDVariable conv1x1(SDVariable in, SDVariable w, SDVariable b, Conv2DConfig conv1) {
        return sd.cnn().conv2d(in, w, conv1).add(b);
    }

    /**
     * Bilinear upsampling of an NHWC map {@code [N, h, h, C]} to {@code [N, H, H, C]} as two
     * matrix products with the {@code [H, h]} interpolation matrix, one per spatial axis (every
     * channel of every image alike).
     */
    private SDVariable upsample(SDVariable in, int h, int big, int channels, String name) {
        double[] u = Bilinear.matrix(big, h);                   // [big, h]
        SDVariable um = sd.constant(name, Nd4j.create(u, new long[]{big, h}, 'c').castTo(dataType));
        SDVariable a = sd.reshape(sd.permute(in, 1, 0, 2, 3), h, -1);         // [h, N·w·C]
        a = um.mmul(a);                                                       // [I, N·w·C]: rows resampled
        a = sd.reshape(sd.permute(sd.reshape(a, big, -1, h, channels), 2, 1, 0, 3), h, -1);   // [w, N·I·C]
        a = um.mmul(a);                                                       // [J, N·I·C]: columns resampled
        return sd.permute(sd.reshape(a, big, -1, big, channels), 1, 2, 0, 3); // [N, I, J, C]
    }

    /**
     * An independent network with the same configuration, data type, weights (bit for bit, in
     * either precision) and gradient engine.
     */
    public HnnNetwork copy() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (String n : parameterNames) {
            p.put(n, parameter(n).dup());
        }
        HnnNetwork c = new HnnNetwork(config, dataType, p);
        c.setGradientEngine(gradientEngine);
        return c;
    }

    /** The architecture. */
    public HnnConfig config() {
        return config;
    }

    /** The data type of parameters and activations. */
    public DataType dataType() {
        return dataType;
    }

    /** Names of the trainable parameters, in a fixed order. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** The live parameter array {@code name} (updates act on it in place). */
    public INDArray parameter(String name) {
        if (!parameterNames.contains(name)) {
            throw new IllegalArgumentException("no parameter named " + name + "; parameters are " + parameterNames);
        }
        return sd.getVariable(name).getArr();
    }

    /** A copy of every parameter as a float array, by name. */
    public Map<String, float[]> parameterValues() {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (String n : parameterNames) {
            m.put(n, parameter(n).castTo(DataType.FLOAT).data().asFloat());
        }
        return m;
    }

    /** The underlying graph (for tests and benchmarks). */
    public SameDiff graph() {
        return sd;
    }

    /**
     * Chooses the implementation of {@link #gradients} (default {@link GradientEngine#AUTO}).
     *
     * @throws IllegalArgumentException if {@link GradientEngine#ONEDNN} is asked for a network in
     *     double precision or on a platform where oneDNN did not load
     */
    public void setGradientEngine(GradientEngine engine) {
        if (engine == null) {
            throw new IllegalArgumentException("gradient engine must not be null");
        }
        if (engine == GradientEngine.ONEDNN) {
            String why = dnnlUnsupported();
            if (why != null) {
                throw new IllegalArgumentException("the oneDNN gradient engine cannot run this network: " + why);
            }
        }
        gradientEngine = engine;
    }

    /** The engine {@link #gradients} uses: {@link GradientEngine#ONEDNN} or {@link GradientEngine#SAMEDIFF}. */
    public GradientEngine gradientEngine() {
        if (gradientEngine == GradientEngine.AUTO) {
            return dnnlUnsupported() == null ? GradientEngine.ONEDNN : GradientEngine.SAMEDIFF;
        }
        return gradientEngine;
    }

    /** Why the oneDNN pass cannot run this network, or {@code null} if it can. */
    private String dnnlUnsupported() {
        if (dnnlFailure != null) {
            return dnnlFailure;
        }
        if (dataType != DataType.FLOAT) {
            return "it computes in float, the network is " + dataType;
        }
        return Dnnl.available() ? null : "oneDNN did not load (" + Dnnl.unavailableReason() + ")";
    }

    /**
     * Loss values and parameter gradients for one batch, by the {@link #gradientEngine()}.
     *
     * @param input {@code [N, C, S, S]}
     * @param lossPlaceholders from {@link WeakLoss#placeholders}
     * @param gradients receives one gradient per parameter; the caller closes them
     */
    public LossValues gradients(INDArray input, Map<String, INDArray> lossPlaceholders, Map<String, INDArray> gradients) {
        checkInput(input);
        if (gradientEngine() == GradientEngine.ONEDNN) {
            return dnnlGradients(input, lossPlaceholders, gradients);
        }
        Map<String, INDArray> ph = new LinkedHashMap<>(lossPlaceholders);
        ph.put(INPUT, input);
        Map<String, INDArray> out = gradientFunction().output(ph, gradientPassOutputs);
        for (String name : parameterNames) {
            gradients.put(name, out.remove(gradientNames.get(name)));
        }
        double alpha = lossPlaceholders.get(WeakLoss.ALPHA).getDouble(0);
        double beta = lossPlaceholders.get(WeakLoss.BETA).getDouble(0);
        LossValues lv = new LossValues(out.get(WeakLoss.PART_R).getDouble(0), out.get(WeakLoss.PART_F).getDouble(0),
                out.get(WeakLoss.PART_B).getDouble(0), alpha, beta, out.get(WeakLoss.TOTAL).getDouble(0));
        for (INDArray a : out.values()) {
            a.close();
        }
        return lv;
    }

    private LossValues dnnlGradients(INDArray input, Map<String, INDArray> ph, Map<String, INDArray> gradients) {
        int n = (int) input.size(0);
        DnnlHnnPass pass = dnnlPasses.get(n);
        if (pass == null) {
            if (dnnlPasses.size() >= 2) {               // keep the most recent batch size only
                dnnlPasses.values().forEach(DnnlHnnPass::close);
                dnnlPasses.clear();
            }
            try {
                pass = new DnnlHnnPass(config, n);
            } catch (RuntimeException e) {
                if (gradientEngine != GradientEngine.AUTO) {
                    throw e;
                }
                // AUTO promised a working engine: fall back to the graph for good, and say so once.
                dnnlFailure = "building its pass failed (" + e.getMessage() + ")";
                org.slf4j.LoggerFactory.getLogger(HnnNetwork.class).warn("oneDNN gradient pass unavailable for {}, "
                        + "using SameDiff: {}", config, e.toString());
                return gradients(input, ph, gradients);
            }
            dnnlPasses.put(n, pass);
        }
        long px = (long) n * config.inputSize() * config.inputSize();
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (String p : parameterNames) {
            params.put(p, parameter(p));
        }
        INDArray x = input.dataType() != DataType.FLOAT ? input.castTo(DataType.FLOAT).dup('c')
                : input.isView() || input.ordering() != 'c' || input.offset() != 0 ? input.dup('c') : input;
        try {
            return pass.run(x, floats(ph, WeakLoss.W_R, px), floats(ph, WeakLoss.W_F, px), floats(ph, WeakLoss.W_B, px),
                    ph.get(WeakLoss.ALPHA).getDouble(0), ph.get(WeakLoss.BETA).getDouble(0), params, gradients);
        } finally {
            if (x != input) {
                x.close();
            }
        }
    }

    private static float[] floats(Map<String, INDArray> ph, String name, long count) {
        INDArray a = ph.get(name);
        if (a == null || a.length() != count) {
            throw new IllegalArgumentException("loss placeholder " + name + " must have " + count + " values, got "
                    + (a == null ? "none" : a.length()));
        }
        float[] v = new float[(int) count];
        if (a.isView() || a.ordering() != 'c' || a.offset() != 0 || a.dataType() != DataType.FLOAT) {
            try (INDArray c = a.castTo(DataType.FLOAT).dup('c')) {
                new FloatPointer(c.data().addressPointer()).get(v);
            }
        } else {
            new FloatPointer(a.data().addressPointer()).get(v);    // one bulk copy
        }
        return v;
    }

    /**
     * SameDiff's gradient function, run directly rather than through
     * {@code calculateGradientsAndOutputs}: that method switches the function's array cache off
     * on every call, so each step allocated every activation and gradient afresh and left them to
     * the garbage collector. With the cache on, the session reuses its arrays from step to step.
     */
    private SameDiff gradientFunction() {
        if (gradientPassOutputs == null) {
            sd.createGradFunction();
            List<String> names = new ArrayList<>(lossOutputs);
            for (String p : parameterNames) {
                String g = sd.getVariable(p).getGradient().name();
                gradientNames.put(p, g);
                names.add(g);
            }
            gradientPassOutputs = List.copyOf(names);
        }
        SameDiff fn = sd.getFunction("grad");
        fn.setEnableCache(true);    // in case someone ran calculateGradients on graph() meanwhile
        return fn;
    }

    /** The total loss only (forward pass), e.g. for numerical gradients and validation. */
    public LossValues loss(INDArray input, Map<String, INDArray> lossPlaceholders) {
        checkInput(input);
        Map<String, INDArray> ph = new LinkedHashMap<>(lossPlaceholders);
        ph.put(INPUT, input);
        Map<String, INDArray> out = sd.output(ph, lossOutputs);
        double alpha = lossPlaceholders.get(WeakLoss.ALPHA).getDouble(0);
        double beta = lossPlaceholders.get(WeakLoss.BETA).getDouble(0);
        LossValues lv = new LossValues(out.get(WeakLoss.PART_R).getDouble(0), out.get(WeakLoss.PART_F).getDouble(0),
                out.get(WeakLoss.PART_B).getDouble(0), alpha, beta, out.get(WeakLoss.TOTAL).getDouble(0));
        for (INDArray a : out.values()) {
            a.close();
        }
        return lv;
    }

    /**
     * Fused lesion probabilities for a batch: {@code [N, C, S, S]} in, row-major
     * {@code N·S·S} probabilities out.
     */
    public float[] predict(INDArray input) {
        return predict(input, FUSED_PROB);
    }

    /** Probabilities of the named output ({@link #FUSED_PROB} or {@code SIDE_PROB + s}). */
    public float[] predict(INDArray input, String output) {
        checkInput(input);
        inferenceSession();
        Map<String, INDArray> out = sd.output(Map.of(INPUT, input), output);
        INDArray p = out.get(output);
        float[] v = p.castTo(DataType.FLOAT).data().asFloat();
        p.close();
        return v;
    }

    /**
     * The calling thread's inference session, created with a {@link ClosingMemoryMgr} (SameDiff
     * keeps one session per thread and would otherwise create it with its caching manager).
     */
    InferenceSession inferenceSession() {
        InferenceSession s = sd.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                t -> new InferenceSession(sd));
        if (!(s.getMmgr() instanceof ClosingMemoryMgr)) {
            s.getMmgr().close();
            s.setMmgr(new ClosingMemoryMgr());
        }
        return s;
    }

    private void checkInput(INDArray input) {
        long[] s = input.shape();
        int size = config.inputSize();
        int c = config.inputChannels();
        if (s.length != 4 || s[1] != c || s[2] != size || s[3] != size) {
            throw new IllegalArgumentException("network input must be [N, " + c + ", " + size + ", " + size + "], got "
                    + java.util.Arrays.toString(s));
        }
    }

    /** Releases the graph's arrays and the oneDNN passes. */
    @Override
    public void close() {
        dnnlPasses.values().forEach(DnnlHnnPass::close);
        dnnlPasses.clear();
        for (String n : parameterNames) {
            INDArray a = sd.getVariable(n).getArr();
            if (a != null && !a.wasClosed()) {
                a.close();
            }
        }
    }
}
