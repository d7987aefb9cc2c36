package org.wsss.hnn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
     * Probability maps for many ROIs, computed {@link #INFERENCE_BATCH} at a time, in order. A
     * ROI reaching past its slice's border is padded with zeros (as in training), not clipped.
     */
    @Override
    public synchronized List<ProbabilityMap> predictAll(List<Request> requests) {
        int s = info.config().inputSize();
        List<ProbabilityMap> out = new ArrayList<>(requests.size());
        Provenance prov = new Provenance(info.config().architecture().id(), Map.of("inputSize", Integer.toString(s),
                "channels", info.config().channels().toString(), "calibration", info.calibration().toString()), Provenance.NO_SEED, info.provenance().sdkVersion(),
                List.of(), info.provenance());
        for (int start = 0; start < requests.size(); start += INFERENCE_BATCH) {
            List<Request> chunk = requests.subList(start, Math.min(requests.size(), start + INFERENCE_BATCH));
            float[] data = new float[chunk.size() * s * s];
            for (int i = 0; i < chunk.size(); i++) {
                Request r = chunk.get(i);
                float[] in = sampler.input(r.slice(), r.roi(), r.window(), RoiSampler.Transform.IDENTITY);
                System.arraycopy(in, 0, data, i * s * s, in.length);
            }
            float[] prob;
            try (INDArray x = Nd4j.create(data, new long[]{chunk.size(), 1, s, s}, 'c').castTo(network.dataType())) {
                prob = network.predict(x);
            }
            info.calibration().applyInPlace(prob);
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
