package org.wsss.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import org.wsss.hnn.internal.Adam;
import org.wsss.hnn.internal.HnnNetwork;
import org.wsss.hnn.model.Bilinear;
import org.wsss.hnn.model.HnnConfig;

/**
 * The HNN of {@code org.wsss.hnn.internal.HnnNetwork} and its weak loss, written with DJL's Block
 * and NDArray API on the PyTorch engine (CPU, float32), as the peer that our SameDiff training
 * step is timed against. Same architecture: per stage a {@code 2×2} max-pool (from the second
 * stage on), the stage's {@code 3×3} convolutions (padding 1, with bias) each followed by ReLU,
 * a side output by a {@code 1×1} convolution to one channel without bias, bilinearly upsampled
 * to the input size by the same two matrix products as ours ({@link Bilinear#matrix}, half-pixel
 * centres, edge-clamped, i.e. {@code align_corners=false}); a fused {@code 1×1} convolution with
 * bias over the concatenated side logits. Loss on the five logit maps z:
 * {@code Σ_outputs Σ_px [w_R·softplus(−z) + α·w_F·softplus(−z) + β·w_B·(softplus(−z) + z)]}
 * with the same per-pixel weights (already divided by the batch size) and α = β = 1; Adam
 * (DJL's {@code Optimizer.adam}, β1 = 0.9, β2 = 0.999, ε = 1e-8, the same bias-corrected update
 * {@code p −= lr·√(1−β2^t)/(1−β1^t)·m/(√v + ε)}) at the same learning rate.
 *
 * <p>Parameters start from the initial values of our network (our {@code [kH, kW, in, out]}
 * kernels permuted to PyTorch's {@code [out, in, kH, kW]}), so both implementations compute the
 * same function: {@code DjlHnnPeerTest} (profile {@code djl}) checks equal losses before and
 * after a training step and equal probabilities. Per-step temporaries live in a sub-manager
 * closed after the step, so native memory stays flat.
 */
final class DjlHnnPeer implements AutoCloseable {

    private final NDManager manager;
    private final PeerBlock block;
    private final ParameterStore store;
    private final Optimizer adam;
    private final NDArray input;
    private final NDArray wr;
    private final NDArray wf;
    private final NDArray wb;
    private final float alpha = 1f;
    private final float beta = 1f;

    private DjlHnnPeer(HnnConfig config, Map<String, float[]> initial, float[] images, float[] wr, float[] wf,
                       float[] wb, int batch, double learningRate) {
        int s = config.inputSize();
        Shape shape = new Shape(batch, 1, s, s);
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        block = new PeerBlock(config, manager);
        block.setInitialValues(initial);
        block.initialize(manager, DataType.FLOAT32, shape);
        store = new ParameterStore(manager, false);
        adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).optBeta1(0.9f)
                .optBeta2(0.999f).optEpsilon(1e-8f).build();
        input = manager.create(images, shape);
        this.wr = manager.create(wr, shape);
        this.wf = manager.create(wf, shape);
        this.wb = manager.create(wb, shape);
    }

    /**
     * A peer of the network of {@code data}, starting from our initial parameters and fed the
     * same images and loss weights.
     */
    static DjlHnnPeer create(HnnStepData data) {
        return create(data.config, data.initialParameters(), data.images, data.wr, data.wf, data.wb, data.batch);
    }

    /**
     * A peer of the network {@code config} with parameter values {@code initial} (keyed and laid
     * out as {@code HnnNetwork.parameterValues()}), fed row-major {@code [batch, 1, S, S]} images
     * and loss weights (already divided by the batch size), Adam at
     * {@link HnnStepData#LEARNING_RATE}.
     */
    static DjlHnnPeer create(HnnConfig config, Map<String, float[]> initial, float[] images, float[] wr, float[] wf,
                             float[] wb, int batch) {
        return new DjlHnnPeer(config, initial, images, wr, wf, wb, batch, HnnStepData.LEARNING_RATE);
    }

    /**
     * The intra-op thread count that matches ND4J's default: {@code OMP_NUM_THREADS} if set (ND4J
     * and PyTorch both read it), else the processors available to the JVM (what OpenMP, and so
     * ND4J, uses by default).
     */
    static int nd4jDefaultThreads() {
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null) {
            try {
                int n = Integer.parseInt(env.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // not a count: OpenMP ignores it too
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Starts the PyTorch engine with {@code intraOpThreads} intra-op threads (a value already given
     * as {@code -Dai.djl.pytorch.num_threads} wins) and returns the count the engine reports.
     */
    static int startEngine(int intraOpThreads) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
        }
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }

    /** PyTorch's inter-op thread count. */
    static int interOpThreads() {
        return JniUtils.getNumInteropThreads();
    }

    /** Forward, backward and one Adam update. Returns the loss before the update. */
    double trainStep() {
        float total;
        try (NDManager step = manager.newSubManager()) {
            input.tempAttach(step);     // results of ops on the input, and on those, go to the step's manager
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray loss = loss(block.forward(store, new NDList(input), true));
                gc.backward(loss);
                total = loss.getFloat();
            }
            for (Parameter p : block.getParameters().values()) {
                NDArray w = p.getArray();
                try (NDArray g = w.getGradient()) {
                    adam.update(p.getId(), w, g);
                }
            }
        }
        return total;
    }

    /** The loss of the current parameters (forward only, no gradients recorded). */
    double loss() {
        try (NDManager step = manager.newSubManager()) {
            input.tempAttach(step);
            return loss(block.forward(store, new NDList(input), false)).getFloat();
        }
    }

    /** Fused probabilities of the batch, row-major {@code batch·S·S}. */
    float[] predict() {
        try (NDManager step = manager.newSubManager()) {
            input.tempAttach(step);
            NDList logits = block.forward(store, new NDList(input), false);
            return Activation.sigmoid(logits.get(logits.size() - 1)).toFloatArray();
        }
    }

    /** Number of trainable scalars. */
    long parameterCount() {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            n += p.getArray().size();
        }
        return n;
    }

    /** Arrays held by the persistent manager (parameters, optimizer state, constants, data). */
    int managedArrays() {
        return manager.getManagedArrays().size();
    }

    private NDArray loss(NDList logits) {
        NDArray lr = null, lf = null, lb = null;
        for (NDArray z : logits) {
            NDArray negLogP = Activation.softPlus(z.neg());   // −log σ(z)
            NDArray negLog1mP = negLogP.add(z);                // −log(1 − σ(z))
            NDArray r = negLogP.mul(wr).sum();
            NDArray f = negLogP.mul(wf).sum();
            NDArray b = negLog1mP.mul(wb).sum();
            lr = lr == null ? r : lr.add(r);
            lf = lf == null ? f : lf.add(f);
            lb = lb == null ? b : lb.add(b);
        }
        return lr.add(lf.mul(alpha)).add(lb.mul(beta));
    }

    /** Frees every native array of the peer. */
    @Override
    public void close() {
        manager.close();
    }

    /** The network as one DJL block: input {@code [N, 1, S, S]}, output the side logits and the fused logit. */
    private static final class PeerBlock extends AbstractBlock {

        private final HnnConfig config;
        private final List<List<Conv2d>> convs = new ArrayList<>();
        private final List<Conv2d> sides = new ArrayList<>();
        private final Conv2d fuse;
        /** Per stage s ≥ 1 the transposed bilinear matrix {@code [S>>s, S]}; null for stage 0. */
        private final List<NDArray> upT = new ArrayList<>();
        /** Our parameter name of each DJL parameter (a child block's weight or bias). */
        private final List<Object[]> names = new ArrayList<>();

        PeerBlock(HnnConfig config, NDManager manager) {
            this.config = config;
            int size = config.inputSize();
            for (int s = 0; s < config.stages(); s++) {
                List<Conv2d> stage = new ArrayList<>();
                for (int c = 0; c < config.convsPerStage().get(s); c++) {
                    Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters(config.channels().get(s)).optBias(true).build();
                    stage.add(addChildBlock("s" + s + "_c" + c, conv));
                    names.add(new Object[]{conv, "s" + s + "_c" + c});
                }
                convs.add(stage);
                Conv2d side = Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).optBias(false).build();
                sides.add(addChildBlock("side" + s, side));
                names.add(new Object[]{side, "side" + s});
                if (s == 0) {
                    upT.add(null);
                } else {
                    int h = size >> s;
                    double[] u = Bilinear.matrix(size, h);         // [size, h] row-major
                    float[] ut = new float[h * size];
                    for (int i = 0; i < size; i++) {
                        for (int j = 0; j < h; j++) {
                            ut[j * size + i] = (float) u[i * h + j];
                        }
                    }
                    upT.add(manager.create(ut, new Shape(h, size)));
                }
            }
            fuse = addChildBlock("fuse", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).optBias(true).build());
            names.add(new Object[]{fuse, "fuse"});
        }

        /** Makes every parameter start from our value, permuted to PyTorch's kernel layout. */
        void setInitialValues(Map<String, float[]> ours) {
            for (Object[] e : names) {
                Conv2d conv = (Conv2d) e[0];
                String prefix = (String) e[1];
                conv.getParameters().forEach(pair -> {
                    boolean weight = pair.getKey().equals("weight");
                    String name = prefix + (weight ? "_W" : "_b");
                    float[] v = ours.get(name);
                    if (v == null) {
                        throw new IllegalArgumentException("our network has no parameter " + name);
                    }
                    pair.getValue().setInitializer((m, shape, dt) -> {
                        if (shape.size() != v.length) {
                            throw new IllegalArgumentException("parameter " + name + " has " + v.length
                                    + " values; the DJL shape " + shape + " needs " + shape.size());
                        }
                        float[] w = weight ? toOihw(v, shape) : v;
                        try (NDArray tmp = m.create(w, shape)) {
                            return tmp.duplicate();      // a tensor that owns its memory
                        }
                    });
                });
            }
        }

        /** Our {@code [kH, kW, in, out]} row-major kernel as PyTorch's {@code [out, in, kH, kW]}. */
        private static float[] toOihw(float[] v, Shape oihw) {
            int out = (int) oihw.get(0), in = (int) oihw.get(1), kh = (int) oihw.get(2), kw = (int) oihw.get(3);
            float[] w = new float[v.length];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    for (int y = 0; y < kh; y++) {
                        for (int x = 0; x < kw; x++) {
                            w[((o * in + i) * kh + y) * kw + x] = v[((y * kw + x) * in + i) * out + o];
                        }
                    }
                }
            }
            return w;
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            long n = inputShapes[0].get(0);
            int size = config.inputSize();
            long ch = 1;
            for (int s = 0; s < config.stages(); s++) {
                long h = size >> s;
                for (Conv2d conv : convs.get(s)) {
                    conv.initialize(manager, dataType, new Shape(n, ch, h, h));
                    ch = config.channels().get(s);
                }
                sides.get(s).initialize(manager, dataType, new Shape(n, ch, h, h));
            }
            fuse.initialize(manager, dataType, new Shape(n, config.stages(), size, size));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDList logits = new NDList();
            for (int s = 0; s < config.stages(); s++) {
                if (s > 0) {
                    x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
                }
                for (Conv2d conv : convs.get(s)) {
                    x = Activation.relu(conv.forward(ps, new NDList(x), training).singletonOrThrow());
                }
                NDArray side = sides.get(s).forward(ps, new NDList(x), training).singletonOrThrow();
                if (s > 0) {
                    // U·side·Uᵀ as two products with Uᵀ, as ours: columns, then rows
                    NDArray cols = side.matMul(upT.get(s));                                  // [N, 1, h, S]
                    side = cols.transpose(0, 1, 3, 2).matMul(upT.get(s)).transpose(0, 1, 3, 2); // [N, 1, S, S]
                }
                logits.add(side);
            }
            NDArray fused = fuse.forward(ps, new NDList(NDArrays.concat(logits, 1)), training).singletonOrThrow();
            logits.add(fused);
            return logits;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape[] out = new Shape[config.stages() + 1];
            int size = config.inputSize();
            for (int i = 0; i < out.length; i++) {
                out[i] = new Shape(inputShapes[0].get(0), 1, size, size);
            }
            return out;
        }
    }
}
