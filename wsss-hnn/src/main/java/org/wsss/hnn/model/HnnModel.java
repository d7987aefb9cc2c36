package org.wsss.hnn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.SliceSegmenter;
import org.wsss.api.Window;
import org.wsss.hnn.internal.HnnNetwork;
import org.wsss.hnn.train.RoiSampler;

/**
 * A holistically nested network with its metadata, used as a {@link SliceSegmenter}: the ROI
 * of a slice is windowed, resampled to the network's input, and the fused output (Ŷ of
 * Sec. 2.2), after the model's {@link Calibration}, is mapped back onto the ROI. {@link #predictAll} runs many ROIs as batches. The
 * UNet baseline ({@link Architecture#UNET}) is used through this same class: its single output
 * takes the fused output's place.
 *
 * <pre>{@code
 * HnnModel model = Hnn.load(Path.of("lesion-hnn.zip"));
 * ProbabilityMap p = model.predict(slice, RoiSampler.recistRoi(recist), caseWindow);
 * Mask lesion = p.threshold(slice.width(), slice.height(), 0.5);
 * }</pre>
 *
 * <p>Thread-safe: calls are serialised on the model (one graph, one set of weights). Holds
 * native memory: {@link #close()} it when done.
 */
public final class HnnModel implements SliceSegmenter, AutoCloseable {

    /** ROIs per forward pass in {@link #predictAll}. */
    public static final int INFERENCE_BATCH = 16;

    private final HnnNetwork network;
    private final ModelInfo info;
    private final RoiSampler sampler;

    /** A model over {@code network} (which it then owns). */
    public HnnModel(HnnNetwork network, ModelInfo info) {
        this.network = Objects.requireNonNull(network, "network");
        this.info = Objects.requireNonNull(info, "info");
        if (!network.config().equals(info.config())) {
            throw new IllegalArgumentException("network config " + network.config() + " differs from metadata " + info.config());
        }
        this.sampler = new RoiSampler(info.config().inputSize());
    }

    /** Metadata. */
    public ModelInfo info() {
        return info;
    }

    /**
     * This model with provenance {@code p}: an independent copy (its own weights and native
     * memory; close both). Models are immutable: training and relabelling return new ones.
     */
    public HnnModel withProvenance(Provenance p) {
        return new HnnModel(network.copy(), info.withProvenance(Objects.requireNonNull(p, "provenance")));
    }

    /**
     * This model with {@code c} as its RECIST-slice calibration: an independent copy (close both).
     */
    public HnnModel withRecistCalibration(Calibration c) {
        return new HnnModel(network.copy(), info.withRecistCalibration(Objects.requireNonNull(c, "calibration")));
    }

    /**
     * This model as a 2.5D network reading the images at ±{@code mm} too
     * ({@link HnnConfig#withContextMm}), an independent copy: the first convolution keeps its
     * weights on the slice's channel and starts at zero on the two context channels, so the new
     * model predicts exactly as this one until training teaches it to use the neighbours (how a
     * one-slice pretrained model starts a 2.5D training). A model that already reads context
     * keeps its weights and reads at {@code mm}.
     *
     * @throws IllegalArgumentException if {@code mm} is not in (0, {@link HnnConfig#MAX_CONTEXT_MM}]
     */
    public HnnModel withContextMm(double mm) {
        if (!(mm > 0)) {
            throw new IllegalArgumentException("context must be positive mm, got " + mm);
        }
        HnnConfig cfg = info.config().withContextMm(mm);
        Map<String, float[]> values = new TreeMap<>(network.parameterValues());
        if (info.config().inputChannels() == 1) {
            float[] w = values.get("s0_c0_W");               // [3, 3, 1, out]
            int out = info.config().channels().get(0);
            int ch = cfg.inputChannels();
            float[] wide = new float[w.length * ch];          // [3, 3, ch, out]
            for (int k = 0; k < 9; k++) {
                System.arraycopy(w, k * out, wide, k * ch * out, out);
            }
            values.put("s0_c0_W", wide);
        }
        ModelInfo next = new ModelInfo(cfg, info.defaultWindow(), info.provenance(), info.calibration(),
                info.recistCalibration());
        return new HnnModel(HnnNetwork.withParameters(cfg, values, network.dataType()), next);
    }

    /**
     * The network itself, for the trainer and the model file. Its type lives in an internal
     * package and may change between versions; embedders use the model's methods instead.
     */
    public HnnNetwork network() {
        return network;
    }

    @Override
    public ProbabilityMap predict(Slice slice, Roi roi, Window window) {
        return predictAll(List.of(new Request(slice, roi, window))).get(0);
    }

    /** Lesion probability around a RECIST mark, over {@link RoiSampler#recistRoi}. */
    public ProbabilityMap predict(Slice slice, Recist recist, Window window) {
        return predict(slice, RoiSampler.recistRoi(recist), window);
    }

    /**
     * The offsets of the slices a 2.5D model reads ({@link HnnConfig#contextOffsetsMm()}); empty
     * for a one-slice model.
     */
    @Override
    public List<Double> contextOffsetsMm() {
        return info.config().contextOffsetsMm();
    }

    /**
     * Probability maps for many ROIs, computed {@link #INFERENCE_BATCH} at a time, in order. A
     * ROI reaching past its slice's border is padded with zeros (as in training), not clipped.
     * A 2.5D model reads each request's context; a request without one (as from
     * {@link #predict}) gets its slice in every channel.
     */
    @Override
    public List<ProbabilityMap> predictAll(List<Request> requests) {
        return predictAll(requests, info.calibration());
    }

    /**
     * This model read through {@link ModelInfo#recistCalibration()}, the calibration fitted on
     * the RECIST slices alone, instead of {@link ModelInfo#calibration()}: a view sharing this
     * model's network (closing the model ends it too). The "-GC" walk reads the network this
     * way: its seed confidences were chosen under that calibration.
     */
    public SliceSegmenter recistCalibrated() {
        if (info.recistCalibration().equals(info.calibration())) {
            return this;
        }
        HnnModel self = this;
        return new SliceSegmenter() {
            @Override
            public ProbabilityMap predict(Slice slice, Roi roi, Window window) {
                return predictAll(List.of(new Request(slice, roi, window))).get(0);
            }

            @Override
            public List<ProbabilityMap> predictAll(List<Request> requests) {
                return self.predictAll(requests, info.recistCalibration());
            }

            @Override
            public List<Double> contextOffsetsMm() {
                return self.contextOffsetsMm();
            }
        };
    }

    private synchronized List<ProbabilityMap> predictAll(List<Request> requests, Calibration calibration) {
        int s = info.config().inputSize();
        List<ProbabilityMap> out = new ArrayList<>(requests.size());
        Map<String, String> params = new TreeMap<>(Map.of("inputSize", Integer.toString(s),
                "channels", info.config().channels().toString(), "calibration", calibration.toString()));
        if (info.config().contextMm() > 0) {
            params.put("contextMm", Double.toString(info.config().contextMm()));
        }
        Provenance prov = new Provenance(info.config().architecture().id(), params, Provenance.NO_SEED, info.provenance().sdkVersion(),
                List.of(), info.provenance());
        for (int start = 0; start < requests.size(); start += INFERENCE_BATCH) {
            List<Request> chunk = requests.subList(start, Math.min(requests.size(), start + INFERENCE_BATCH));
            int ch = info.config().inputChannels();
            float[] data = new float[chunk.size() * ch * s * s];
            for (int i = 0; i < chunk.size(); i++) {
                Request r = chunk.get(i);
                float[] in = sampler.input(r.slice(), r.context(), r.roi(), r.window(), RoiSampler.Transform.IDENTITY, ch);
                System.arraycopy(in, 0, data, i * ch * s * s, in.length);
            }
            float[] prob;
            try (INDArray x = Nd4j.create(data, new long[]{chunk.size(), ch, s, s}, 'c').castTo(network.dataType())) {
                prob = network.predict(x);
            }
            calibration.applyInPlace(prob);
            for (int i = 0; i < chunk.size(); i++) {
                float[] p = new float[s * s];
                System.arraycopy(prob, i * s * s, p, 0, p.length);
                for (float v : p) {
                    if (!Float.isFinite(v)) {
                        throw new IllegalStateException("network produced a non-finite probability; the weights are corrupt");
                    }
                }
                Request r = chunk.get(i);
                out.add(sampler.toSlice(p, r.roi(), r.slice().width(), r.slice().height(), prov));
            }
        }
        return out;
    }

    /** Releases native memory. */
    @Override
    public void close() {
        network.close();
    }

    /** A fresh float model. */
    public static HnnModel create(HnnConfig config, long seed, Window defaultWindow) {
        Provenance p = Provenance.of(config.architecture().id() + "-untrained", Map.of("channels", config.channels().toString(),
                "convsPerStage", config.convsPerStage().toString(), "inputSize", Integer.toString(config.inputSize())))
                .withSeed(seed);
        return new HnnModel(HnnNetwork.create(config, seed, DataType.FLOAT), new ModelInfo(config, defaultWindow, p));
    }
}
