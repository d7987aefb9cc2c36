package org.wsss.hnn.internal;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_desc_t;
import org.bytedeco.dnnl.dnnl_resampling_desc_t;
import org.bytedeco.dnnl.dnnl_binary_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.hnn.loss.LossValues;
import org.wsss.hnn.model.Architecture;
import org.wsss.hnn.model.Bilinear;
import org.wsss.hnn.model.HnnConfig;

/**
 * The forward and backward pass of an {@link HnnNetwork} — the HNN or the UNet baseline — with
 * the loss of {@link org.wsss.hnn.internal.WeakLoss}, run on oneDNN primitives directly for one batch
 * size: the same function and gradients as the SameDiff graph of {@link HnnNetwork} (a test checks
 * them against each other), faster per training step (figures in wsss-hnn/README.md), because
 * every activation stays in one layout (NHWC, for which oneDNN has
 * JIT kernels in all three convolution directions), the ReLU is fused into the forward
 * convolution, and every buffer is allocated once.
 *
 * <p>The heavy part — the {@code 3×3} convolutions, ReLU, max-pooling, the {@code 1×1}
 * convolutions to one channel and, in the UNet, the bilinear ×2 upsampling of the decoder — runs
 * in oneDNN. The UNet's concatenation of skip and upsampled maps is never formed: a convolution
 * over {@code [skip, up]} is the sum of a convolution over each with its part of the weights
 * (the second accumulates into the first's output through a sum post-op, then the ReLU), and
 * each part's weight gradient is written into its channel range of the parameter's gradient. The
 * one-channel part — for the HNN the bilinear upsampling of the side logits and the fused output
 * — and the loss with their derivatives run in Java on {@code N·S·S} floats per output, in the
 * same arithmetic as the graph: {@link Bilinear#matrix} for the upsampling and the stable
 * softplus form of the loss.
 *
 * <p>Parameters are read from, and gradients written to, ND4J arrays laid out as
 * {@link HnnNetwork#parameterShapes} ({@code [kH, kW, in, out]}, i.e. oneDNN's {@code hwio}); oneDNN
 * reorders the weights into its kernels' layouts at every step (they are small). Float only.
 * Not thread-safe.
 *
 * <p>Deviations from the paper: none of its own; it computes what {@link HnnNetwork}'s graph
 * computes (see there). The head accumulates the loss in double precision where the graph sums
 * in float, so the reported loss values differ in the last float digits.
 */
final class DnnlHnnPass implements AutoCloseable {

    private final Dnnl d = new Dnnl();
    private final HnnConfig config;
    private final boolean unet;
    private final int batch;
    private final int size;
    private final int stages;
    private final dnnl_memory input;
    private final int inChannels;
    /** NHWC copy of a multi-channel (2.5D) input; null for one channel, whose NCHW and NHWC layouts coincide. */
    private final FloatPointer nhwc;
    private final float[] nhwcHeap;    // the reordered batch before it is copied to nhwc, kept across steps
    private final List<Conv> convs = new ArrayList<>();        // encoder, in order
    private final Conv[] lastOfStage;
    private final Pool[] pools;       // pools[s] feeds stage s (s ≥ 1)
    // HNN
    private final Conv[] sides;
    private final float[][] low;      // side logits at their stage's resolution
    private final float[][] lowGrad;
    private final float[][] tmp;      // rows-resampled intermediate, per stage
    private final int[][] tap0;
    private final int[][] tap1;
    private final float[][] tapT;
    // UNet: per decoder stage s (0 ≤ s < stages − 1), its upsampling and convolutions in order
    private final Resample[] ups;
    private final List<List<Conv>> decoder = new ArrayList<>();
    private final Conv outConv;
    /** Every convolution of the pass (each binds its parameter arrays before a run). */
    private final List<Conv> allConvs = new ArrayList<>();
    /** Logits at S × S (HNN: sides, then the fused output; UNet: the one output) and their gradients. */
    private final float[][] logits;
    private final float[][] logitGrads;

    DnnlHnnPass(HnnConfig config, int batch) {
        this.config = config;
        this.unet = config.architecture() == Architecture.UNET;
        this.batch = batch;
        this.size = config.inputSize();
        this.stages = config.stages();
        this.inChannels = config.inputChannels();
        this.nhwc = inChannels == 1 ? null : new FloatPointer((long) batch * inChannels * size * size);
        this.nhwcHeap = inChannels == 1 ? null : new float[batch * inChannels * size * size];
        try {
            input = d.unbound(Dnnl.md(dnnl_nhwc, batch, inChannels, size, size));
            lastOfStage = new Conv[stages];
            pools = new Pool[stages];
            dnnl_memory src = input;
            int in = inChannels;
            for (int s = 0; s < stages; s++) {
                int h = size >> s;
                dnnl_memory diffSrc = null;
                if (s > 0) {
                    pools[s] = new Pool(lastOfStage[s - 1], in, h);
                    src = pools[s].dst;
                    diffSrc = pools[s].diffDst;
                }
                int out = config.channels().get(s);
                for (int c = 0; c < config.convsPerStage().get(s); c++) {
                    Conv conv = new Conv("s" + s + "_c" + c, src, in, out, h, 3, true, true, diffSrc, 0, in, null);
                    convs.add(conv);
                    src = conv.dst;
                    in = out;
                    diffSrc = conv.diffDst;   // the next convolution of the stage writes its input's gradient here
                }
                lastOfStage[s] = convs.get(convs.size() - 1);
            }
            if (unet) {
                sides = null;
                low = lowGrad = tmp = tapT = null;
                tap0 = tap1 = null;
                ups = new Resample[stages];
                Conv x = lastOfStage[stages - 1];
                for (int s = stages - 2; s >= 0; s--) {
                    int h = size >> s;
                    int cs = config.channels().get(s), cu = config.channels().get(s + 1);
                    ups[s] = new Resample(x, cu, h / 2, h);
                    String name = "d" + s + "_c0";
                    Conv skipPart = new Conv(name, lastOfStage[s].dst, cs, cs, h, 3, true, false, lastOfStage[s].diffDst, 0,
                            cs + cu, null);
                    Conv upPart = new Conv(name, ups[s].dst, cu, cs, h, 3, false, true, ups[s].diffDst, cs, cs + cu, skipPart);
                    List<Conv> stage = new ArrayList<>(List.of(skipPart, upPart));   // forward order: the sum needs the first
                    x = upPart;
                    for (int c = 1; c < config.convsPerStage().get(s); c++) {
                        Conv conv = new Conv("d" + s + "_c" + c, x.dst, cs, cs, h, 3, true, true, x.diffDst, 0, cs, null);
                        stage.add(conv);
                        x = conv;
                    }
                    decoder.add(stage);
                }
                outConv = new Conv("out", x.dst, config.channels().get(0), 1, size, 1, true, false, x.diffDst, 0,
                        config.channels().get(0), null);
                logits = new float[][]{new float[batch * size * size]};
                logitGrads = new float[][]{new float[batch * size * size]};
            } else {
                ups = null;
                outConv = null;
                sides = new Conv[stages];
                for (int s = 0; s < stages; s++) {
                    int c = config.channels().get(s);
                    sides[s] = new Conv("side" + s, lastOfStage[s].dst, c, 1, size >> s, 1, false, false,
                            lastOfStage[s].diffDst, 0, c, null);
                }
                low = new float[stages][];
                lowGrad = new float[stages][];
                tmp = new float[stages][];
                tap0 = new int[stages][];
                tap1 = new int[stages][];
                tapT = new float[stages][];
                for (int s = 0; s < stages; s++) {
                    int h = size >> s;
                    low[s] = new float[batch * h * h];
                    lowGrad[s] = new float[batch * h * h];
                    tmp[s] = new float[size * h];
                    taps(s, h);
                }
                logits = new float[stages + 1][batch * size * size];
                logitGrads = new float[stages + 1][batch * size * size];
            }
            allConvs.addAll(convs);
            if (unet) {
                decoder.forEach(allConvs::addAll);
                allConvs.add(outConv);
            } else {
                allConvs.addAll(List.of(sides));
            }
        } catch (RuntimeException e) {
            d.close();
            if (nhwc != null) {
                nhwc.close();
            }
            throw e;
        }
    }

    /** The two interpolation taps of every output row of {@link Bilinear#matrix}{@code (S, h)}. */
    private void taps(int s, int h) {
        double[] u = Bilinear.matrix(size, h);
        tap0[s] = new int[size];
        tap1[s] = new int[size];
        tapT[s] = new float[size];
        for (int i = 0; i < size; i++) {
            int first = -1;
            int second = -1;
            for (int j = 0; j < h; j++) {
                if (u[i * h + j] != 0) {
                    if (first < 0) {
                        first = j;
                    } else {
                        second = j;
                    }
                }
            }
            tap0[s][i] = first;
            tap1[s][i] = second < 0 ? first : second;
            tapT[s][i] = second < 0 ? 0f : (float) u[i * h + second];
        }
    }

    /**
     * One forward and backward pass.
     *
     * @param x {@code [N, C, S, S]} float, contiguous
     * @param wr per-pixel weights of R ({@code N·S·S}, already divided by N), likewise {@code wf}, {@code wb}
     * @param params the network's parameter arrays by name
     * @param gradients receives a new array per parameter (the caller closes them)
     */
    LossValues run(INDArray x, float[] wr, float[] wf, float[] wb, double alpha, double beta, Map<String, INDArray> params,
                   Map<String, INDArray> gradients) {
        if (nhwc == null) {
            Dnnl.setHandle(input, pointer(x));
        } else {
            // [N, C, S, S] → [N, S, S, C]: the layout every convolution of the pass reads.
            pointer(x);   // throws unless x is a contiguous float array
            float[] a = x.data().asFloat();
            float[] t = nhwcHeap;
            int px = size * size;
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < inChannels; c++) {
                    int from = (n * inChannels + c) * px;
                    for (int i = 0; i < px; i++) {
                        t[(n * px + i) * inChannels + c] = a[from + i];
                    }
                }
            }
            nhwc.put(t);
            Dnnl.setHandle(input, nhwc);
        }
        for (Conv c : allConvs) {
            c.bind(params);
        }
        // Forward: the encoder stage by stage (HNN: with each side convolution), then the decoder.
        int ci = 0;
        for (int s = 0; s < stages; s++) {
            if (s > 0) {
                d.run(pools[s].fwd);
            }
            for (int c = 0; c < config.convsPerStage().get(s); c++) {
                convs.get(ci++).forward();
            }
            if (!unet) {
                sides[s].forward();
            }
        }
        if (unet) {
            for (int i = 0; i < decoder.size(); i++) {
                d.run(ups[stages - 2 - i].fwd);
                for (Conv c : decoder.get(i)) {
                    c.forward();
                }
            }
            outConv.forward();
        }
        d.await();
        double[] sums;
        float[] fuseW = null;
        if (unet) {
            outConv.dstFloats.get(logits[0]);
            sums = loss(wr, wf, wb, (float) alpha, (float) beta, null, gradients);
            outConv.diffDstFloats.put(logitGrads[0]);
        } else {
            fuseW = params.get("fuse_W").data().asFloat();
            for (int s = 0; s < stages; s++) {
                sides[s].dstFloats.get(low[s]);
                upsample(s, low[s], logits[s]);
            }
            fuse(fuseW, params.get("fuse_b").getFloat(0));
            sums = loss(wr, wf, wb, (float) alpha, (float) beta, fuseW, gradients);
            for (int s = 0; s < stages; s++) {
                upsampleTransposed(s, logitGrads[s], lowGrad[s]);
                sides[s].diffDstFloats.put(lowGrad[s]);
            }
        }
        // Backward: the decoder (its skip parts write the encoder maps' gradients), then the
        // encoder, deepest stage first.
        if (unet) {
            outConv.backward(true, gradients);
            for (int i = decoder.size() - 1; i >= 0; i--) {
                List<Conv> stage = decoder.get(i);
                for (int c = stage.size() - 1; c >= 0; c--) {
                    stage.get(c).backward(true, gradients);
                }
                d.run(ups[stages - 2 - i].bwd);
            }
        }
        for (int s = stages - 1; s >= 0; s--) {
            if (!unet) {
                sides[s].backward(true, gradients);
            }
            if (s + 1 < stages) {
                d.run(pools[s + 1].bwd);
                d.run(pools[s + 1].accumulate);
            }
            int first = ci - config.convsPerStage().get(s);
            for (int c = ci - 1; c >= first; c--) {
                convs.get(c).backward(c > 0, gradients);
            }
            ci = first;
        }
        d.await();
        return new LossValues(sums[0], sums[1], sums[2], alpha, beta, sums[0] + alpha * sums[1] + beta * sums[2]);
    }

    /** The HNN's fused logit {@code Σ_s w_s·side_s + b} into the last logit map. */
    private void fuse(float[] fuseW, float fuseB) {
        float[] fused = logits[stages];
        for (int i = 0; i < fused.length; i++) {
            float v = fuseB;
            for (int s = 0; s < stages; s++) {
                v += fuseW[s] * logits[s][i];
            }
            fused[i] = v;
        }
    }

    /**
     * The three loss parts summed over the logit maps (deep supervision weighs them equally) and
     * each map's gradient of {@code L = L_R + α L_F + β L_B}, with −log σ(z) = softplus(−z) and
     * −log(1 − σ(z)) = softplus(−z) + z. For the HNN ({@code fuseW} not null) the fused output's
     * gradient is passed on in the same sweep to the side logits, and to {@code fuse_W} and
     * {@code fuse_b}, which go into {@code gradients}.
     */
    private double[] loss(float[] wr, float[] wf, float[] wb, float alpha, float beta, float[] fuseW,
                          Map<String, INDArray> gradients) {
        int sides = fuseW == null ? 0 : stages;
        double[] gw = new double[sides];
        double gb = 0;
        double lr = 0, lf = 0, lb = 0;
        for (int i = 0; i < wr.length; i++) {
            float pos = wr[i] + alpha * wf[i];
            float neg = beta * wb[i];
            double negLogP = 0;
            double zSum = 0;
            for (int k = 0; k < logits.length; k++) {
                float z = logits[k][i];
                double e = Math.exp(-Math.abs(z));
                negLogP += Math.max(-z, 0) + Math.log(1 + e);
                zSum += z;
                double sigma = z >= 0 ? 1 / (1 + e) : e / (1 + e);
                logitGrads[k][i] = (float) (pos * (sigma - 1) + neg * sigma);
            }
            lr += wr[i] * negLogP;
            lf += wf[i] * negLogP;
            lb += wb[i] * (negLogP + zSum);
            if (sides > 0) {       // fused = Σ_s w_s·side_s + b
                float g = logitGrads[sides][i];
                gb += g;
                for (int s = 0; s < sides; s++) {
                    gw[s] += (double) g * logits[s][i];
                    logitGrads[s][i] += fuseW[s] * g;
                }
            }
        }
        if (sides > 0) {
            float[] w = new float[sides];
            for (int s = 0; s < sides; s++) {
                w[s] = (float) gw[s];
            }
            gradients.put("fuse_W", Nd4j.create(w, new long[]{1, 1, sides, 1}, 'c'));
            gradients.put("fuse_b", Nd4j.create(new float[]{(float) gb}, new long[]{1}, 'c'));
        }
        return new double[]{lr, lf, lb};
    }

    /** {@code out = U·in·Uᵀ} per image, U = {@link Bilinear#matrix}{@code (S, h)}; identity at stage 0. */
    private void upsample(int s, float[] in, float[] out) {
        int h = size >> s;
        if (h == size) {
            System.arraycopy(in, 0, out, 0, in.length);
            return;
        }
        int[] a0 = tap0[s], a1 = tap1[s];
        float[] t = tapT[s];
        float[] rows = tmp[s];                      // [S, h]: rows resampled
        for (int n = 0; n < batch; n++) {
            int ib = n * h * h, ob = n * size * size;
            for (int i = 0; i < size; i++) {
                int r0 = ib + a0[i] * h, r1 = ib + a1[i] * h;
                float ti = t[i];
                for (int j = 0; j < h; j++) {
                    rows[i * h + j] = (1 - ti) * in[r0 + j] + ti * in[r1 + j];
                }
            }
            for (int i = 0; i < size; i++) {
                int rb = i * h, o = ob + i * size;
                for (int j = 0; j < size; j++) {
                    out[o + j] = (1 - t[j]) * rows[rb + a0[j]] + t[j] * rows[rb + a1[j]];
                }
            }
        }
    }

    /** The transpose of {@link #upsample}: {@code in = Uᵀ·out·U} per image. */
    private void upsampleTransposed(int s, float[] out, float[] in) {
        int h = size >> s;
        if (h == size) {
            System.arraycopy(out, 0, in, 0, in.length);
            return;
        }
        int[] a0 = tap0[s], a1 = tap1[s];
        float[] t = tapT[s];
        float[] rows = tmp[s];
        java.util.Arrays.fill(in, 0f);
        for (int n = 0; n < batch; n++) {
            int ib = n * h * h, ob = n * size * size;
            java.util.Arrays.fill(rows, 0f);
            for (int i = 0; i < size; i++) {
                int rb = i * h, o = ob + i * size;
                for (int j = 0; j < size; j++) {
                    float g = out[o + j];
                    rows[rb + a0[j]] += (1 - t[j]) * g;
                    rows[rb + a1[j]] += t[j] * g;
                }
            }
            for (int i = 0; i < size; i++) {
                int r0 = ib + a0[i] * h, r1 = ib + a1[i] * h;
                float ti = t[i];
                for (int j = 0; j < h; j++) {
                    float g = rows[i * h + j];
                    in[r0 + j] += (1 - ti) * g;
                    in[r1 + j] += ti * g;
                }
            }
        }
    }

    /**
     * The address {@code floats} floats into {@code p}. oneDNN takes a {@code void *}, to which
     * JavaCPP adds a pointer's position in bytes, whatever the pointer's element type.
     */
    private static Pointer at(FloatPointer p, long floats) {
        return new BytePointer(p).position(floats * Float.BYTES);
    }

    private static FloatPointer pointer(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.isView() || a.ordering() != 'c' || a.offset() != 0) {
            throw new IllegalArgumentException("the oneDNN pass needs contiguous float arrays, got " + a.shapeInfoToString());
        }
        return new FloatPointer(a.data().addressPointer());
    }

    /**
     * One convolution over NHWC activations: forward (with a fused ReLU when {@code relu}), and
     * in the backward pass the ReLU's derivative (in place), the weight (and bias) gradient and,
     * when asked, the input gradient, written into the memory the layer below reads it from.
     *
     * <p>It may use input channels {@code [inOffset, inOffset + cin)} of a parameter with
     * {@code inTotal} input channels, and may add into another convolution's output
     * ({@code sumInto}: same output and output gradient, a sum post-op before the ReLU): together
     * two such parts are one convolution over the concatenation of their inputs.
     */
    private final class Conv {
        final String name;
        final long[] wShape;
        final int cout;
        final boolean bias;
        final long weightOffset;
        final dnnl_memory dst;
        final dnnl_memory diffDst;
        final FloatPointer dstFloats;
        final FloatPointer diffDstFloats;
        private final dnnl_memory userW;
        private final dnnl_memory userB;
        private final dnnl_memory userGradW;
        private final dnnl_memory userGradB;
        private final Dnnl.Op fwdReorder;
        private final Dnnl.Op fwd;
        private final Dnnl.Op reluBwd;
        private final Dnnl.Op bwdWeights;
        private final Dnnl.Op gradReorder;
        private final Dnnl.Op bwdDataReorder;
        private final Dnnl.Op bwdData;

        Conv(String name, dnnl_memory src, int cin, int cout, int h, int k, boolean bias, boolean relu, dnnl_memory diffSrc,
             int inOffset, int inTotal, Conv sumInto) {
            this.name = name;
            this.cout = cout;
            this.bias = bias;
            this.wShape = new long[]{k, k, inTotal, cout};
            this.weightOffset = (long) inOffset * cout;
            long[] strides = {1, 1};
            long[] pad = {k / 2, k / 2};
            dnnl_memory_desc_t srcMd = Dnnl.md(dnnl_nhwc, batch, cin, h, h);
            dnnl_memory_desc_t dstMd = Dnnl.md(dnnl_nhwc, batch, cout, h, h);
            dnnl_memory_desc_t anyW = Dnnl.md(dnnl_format_tag_any, cout, cin, k, k);
            // [kH, kW, inTotal, out] row-major, logical (out, in, kH, kW), in-channels from inOffset
            dnnl_memory_desc_t userWMd = new dnnl_memory_desc_t();
            Dnnl.check(dnnl_memory_desc_init_by_strides(userWMd, 4, new long[]{cout, cin, k, k}, dnnl_f32,
                    new long[]{1, cout, (long) k * inTotal * cout, (long) inTotal * cout}), name + " weight descriptor");
            dnnl_memory_desc_t bMd = bias ? Dnnl.md(dnnl_x, cout) : null;

            dnnl_convolution_desc_t fd = new dnnl_convolution_desc_t();
            Dnnl.check(dnnl_convolution_forward_desc_init(fd, dnnl_forward_training, dnnl_convolution_direct, srcMd, anyW, bMd,
                    dstMd, strides, pad, pad), name + " forward descriptor");
            dnnl_primitive_desc fpd = d.pd(fd, d.attr(sumInto != null, relu), null, name + " forward");
            dst = sumInto != null ? sumInto.dst : d.memory(dstMd);
            diffDst = sumInto != null ? sumInto.diffDst : d.memory(dstMd);
            dstFloats = Dnnl.floats(dst, (long) batch * cout * h * h);
            diffDstFloats = Dnnl.floats(diffDst, (long) batch * cout * h * h);
            userW = d.unbound(userWMd);
            userB = bias ? d.unbound(bMd) : null;
            dnnl_memory_desc_t fwdWMd = Dnnl.query(fpd, dnnl_query_weights_md);
            Dnnl.Staged fwdWeights = d.staged(userW, userWMd, fwdWMd, false, name + " weight reorder");
            dnnl_memory fwdW = fwdWeights.memory();
            fwdReorder = fwdWeights.reorder();
            fwd = bias ? d.op(fpd, name + " forward", DNNL_ARG_SRC, src, DNNL_ARG_WEIGHTS, fwdW, DNNL_ARG_BIAS, userB, DNNL_ARG_DST, dst)
                    : d.op(fpd, name + " forward", DNNL_ARG_SRC, src, DNNL_ARG_WEIGHTS, fwdW, DNNL_ARG_DST, dst);

            if (relu) {
                dnnl_eltwise_desc_t ef = new dnnl_eltwise_desc_t();
                Dnnl.check(dnnl_eltwise_forward_desc_init(ef, dnnl_forward_training, dnnl_eltwise_relu_use_dst_for_bwd, dstMd, 0f, 0f),
                        name + " ReLU descriptor");
                dnnl_primitive_desc efpd = d.pd(ef, null, null, name + " ReLU");
                dnnl_eltwise_desc_t eb = new dnnl_eltwise_desc_t();
                Dnnl.check(dnnl_eltwise_backward_desc_init(eb, dnnl_eltwise_relu_use_dst_for_bwd, dstMd, dstMd, 0f, 0f),
                        name + " ReLU backward descriptor");
                reluBwd = d.op(d.pd(eb, null, efpd, name + " ReLU backward"), name + " ReLU backward", DNNL_ARG_DST, dst,
                        DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_DIFF_SRC, diffDst);
            } else {
                reluBwd = null;
            }

            dnnl_convolution_desc_t wd = new dnnl_convolution_desc_t();
            Dnnl.check(dnnl_convolution_backward_weights_desc_init(wd, dnnl_convolution_direct, srcMd, anyW, bMd, dstMd, strides,
                    pad, pad), name + " weight-gradient descriptor");
            dnnl_primitive_desc wpd = d.pd(wd, null, fpd, name + " weight gradient");
            dnnl_memory_desc_t gradWMd = Dnnl.query(wpd, dnnl_query_diff_weights_md);
            userGradW = d.unbound(userWMd);
            userGradB = bias ? d.unbound(bMd) : null;
            Dnnl.Staged gradWeights = d.staged(userGradW, userWMd, gradWMd, true, name + " gradient reorder");
            dnnl_memory gradWMem = gradWeights.memory();
            gradReorder = gradWeights.reorder();
            bwdWeights = bias
                    ? d.op(wpd, name + " weight gradient", DNNL_ARG_SRC, src, DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_DIFF_WEIGHTS,
                    gradWMem, DNNL_ARG_DIFF_BIAS, userGradB)
                    : d.op(wpd, name + " weight gradient", DNNL_ARG_SRC, src, DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_DIFF_WEIGHTS,
                    gradWMem);

            if (diffSrc == null) {
                bwdData = null;
                bwdDataReorder = null;
            } else {
                dnnl_convolution_desc_t dd = new dnnl_convolution_desc_t();
                Dnnl.check(dnnl_convolution_backward_data_desc_init(dd, dnnl_convolution_direct, srcMd, anyW, dstMd, strides, pad,
                        pad), name + " input-gradient descriptor");
                dnnl_primitive_desc dpd = d.pd(dd, null, fpd, name + " input gradient");
                dnnl_memory_desc_t bwdWMd = Dnnl.query(dpd, dnnl_query_weights_md);
                Dnnl.Staged dataWeights = Dnnl.same(bwdWMd, fwdWMd) ? new Dnnl.Staged(fwdW, null)
                        : d.staged(userW, userWMd, bwdWMd, false, name + " weight reorder (backward)");
                dnnl_memory bwdW = dataWeights.memory();
                bwdDataReorder = dataWeights.reorder();
                bwdData = d.op(dpd, name + " input gradient", DNNL_ARG_DIFF_DST, diffDst, DNNL_ARG_WEIGHTS, bwdW, DNNL_ARG_DIFF_SRC,
                        diffSrc);
            }
        }

        void bind(Map<String, INDArray> params) {
            Dnnl.setHandle(userW, at(pointer(params.get(name + "_W")), weightOffset));
            if (bias) {
                Dnnl.setHandle(userB, pointer(params.get(name + "_b")));
            }
        }

        void forward() {
            if (fwdReorder != null) {
                d.run(fwdReorder);
            }
            d.run(fwd);
        }

        /**
         * ReLU derivative, weight gradient (into {@code gradients}, created there by the first
         * part of a parameter), and the input gradient when {@code inputGradient}.
         */
        void backward(boolean inputGradient, Map<String, INDArray> gradients) {
            if (reluBwd != null) {
                d.run(reluBwd);
            }
            INDArray gw = gradients.computeIfAbsent(name + "_W", n -> Nd4j.createUninitialized(DataType.FLOAT, wShape, 'c'));
            Dnnl.setHandle(userGradW, at(pointer(gw), weightOffset));
            if (bias) {
                INDArray gb = gradients.computeIfAbsent(name + "_b", n -> Nd4j.createUninitialized(DataType.FLOAT, new long[]{cout}, 'c'));
                Dnnl.setHandle(userGradB, pointer(gb));
            }
            d.run(bwdWeights);
            if (gradReorder != null) {
                d.run(gradReorder);
            }
            if (inputGradient && bwdData != null) {
                if (bwdDataReorder != null) {
                    d.run(bwdDataReorder);
                }
                d.run(bwdData);
            }
        }
    }

    /** Bilinear ×2 upsampling of a decoder input (UNet), forward and backward. */
    private final class Resample {
        final dnnl_memory dst;
        final dnnl_memory diffDst;
        final Dnnl.Op fwd;
        final Dnnl.Op bwd;

        Resample(Conv from, int channels, int h, int big) {
            dnnl_memory_desc_t srcMd = Dnnl.md(dnnl_nhwc, batch, channels, h, h);
            dnnl_memory_desc_t dstMd = Dnnl.md(dnnl_nhwc, batch, channels, big, big);
            dnnl_resampling_desc_t fd = new dnnl_resampling_desc_t();
            Dnnl.check(dnnl_resampling_forward_desc_init(fd, dnnl_forward_training, dnnl_resampling_linear, (float[]) null, srcMd,
                    dstMd), "upsampling descriptor");
            dnnl_primitive_desc fpd = d.pd(fd, null, null, "upsampling");
            dst = d.memory(dstMd);
            fwd = d.op(fpd, "upsampling", DNNL_ARG_SRC, from.dst, DNNL_ARG_DST, dst);
            dnnl_resampling_desc_t bd = new dnnl_resampling_desc_t();
            Dnnl.check(dnnl_resampling_backward_desc_init(bd, dnnl_resampling_linear, (float[]) null, srcMd, dstMd),
                    "upsampling backward descriptor");
            diffDst = d.memory(dstMd);
            bwd = d.op(d.pd(bd, null, fpd, "upsampling backward"), "upsampling backward", DNNL_ARG_DIFF_DST, diffDst,
                    DNNL_ARG_DIFF_SRC, from.diffDst);
        }
    }

    /**
     * {@code 2×2} max-pooling at the start of a stage, its backward pass, and the addition of its
     * input gradient to the side output's (both flow into the same activation).
     */
    private final class Pool {
        final dnnl_memory dst;
        final dnnl_memory diffDst;
        final Dnnl.Op fwd;
        final Dnnl.Op bwd;
        final Dnnl.Op accumulate;

        Pool(Conv below, int channels, int h) {
            long[] two = {2, 2};
            long[] zero = {0, 0};
            dnnl_memory_desc_t srcMd = Dnnl.md(dnnl_nhwc, batch, channels, 2L * h, 2L * h);
            dnnl_memory_desc_t dstMd = Dnnl.md(dnnl_nhwc, batch, channels, h, h);
            dnnl_pooling_desc_t fd = new dnnl_pooling_desc_t();
            Dnnl.check(dnnl_pooling_forward_desc_init(fd, dnnl_forward_training, dnnl_pooling_max, srcMd, dstMd, two, two, zero, zero),
                    "max-pool descriptor");
            dnnl_primitive_desc fpd = d.pd(fd, null, null, "max-pool");
            dst = d.memory(dstMd);
            dnnl_memory ws = d.memory(Dnnl.query(fpd, dnnl_query_workspace_md));
            fwd = d.op(fpd, "max-pool", DNNL_ARG_SRC, below.dst, DNNL_ARG_DST, dst, DNNL_ARG_WORKSPACE, ws);
            dnnl_pooling_desc_t bd = new dnnl_pooling_desc_t();
            Dnnl.check(dnnl_pooling_backward_desc_init(bd, dnnl_pooling_max, srcMd, dstMd, two, two, zero, zero),
                    "max-pool backward descriptor");
            diffDst = d.memory(dstMd);
            dnnl_memory diffSrc = d.memory(srcMd);
            bwd = d.op(d.pd(bd, null, fpd, "max-pool backward"), "max-pool backward", DNNL_ARG_DIFF_DST, diffDst,
                    DNNL_ARG_WORKSPACE, ws, DNNL_ARG_DIFF_SRC, diffSrc);
            dnnl_binary_desc_t add = new dnnl_binary_desc_t();
            Dnnl.check(dnnl_binary_desc_init(add, dnnl_binary_add, srcMd, srcMd, srcMd), "gradient sum descriptor");
            accumulate = d.op(d.pd(add, null, null, "gradient sum"), "gradient sum", DNNL_ARG_SRC_0, below.diffDst,
                    DNNL_ARG_SRC_1, diffSrc, DNNL_ARG_DST, below.diffDst);
        }
    }

    @Override
    public void close() {
        d.close();
        if (nhwc != null) {
            nhwc.close();
        }
    }
}
