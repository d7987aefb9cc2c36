package org.wsss.hnn.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.api.Provenance;
import org.wsss.api.WsssIoException;
import org.wsss.hnn.internal.Adam;
import org.wsss.hnn.io.ModelFile;
import org.wsss.hnn.loss.LossValues;
import org.wsss.hnn.loss.PixelWeights;
import org.wsss.hnn.internal.WeakLoss;
import org.wsss.hnn.model.Calibration;
import org.wsss.hnn.model.GradientEngine;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.internal.HnnNetwork;
import org.wsss.hnn.model.ModelInfo;

/**
 * Trains an {@link HnnModel} with Adam on weakly labelled (Sec. 2.2) or fully supervised
 * examples: per epoch the examples are shuffled and augmented from a generator seeded by
 * (seed, epoch), so a run — and a run resumed from a checkpoint — is replayable. After every
 * epoch: validation loss, learning-rate drop on a plateau (Sec. 3.2: 5e-5 → 1e-5), a
 * checkpoint (model + optimizer + trainer state in one {@link ModelFile}), listeners. At the end
 * the fused output is calibrated ({@link Calibration}, fitted on the validation examples, or on
 * the training examples when there are none) and the last checkpoint is rewritten with it.
 *
 * <p>No global ND4J state is read or set. Every per-step array this code creates is closed after
 * the step. With the oneDNN gradient engine ({@link GradientEngine#ONEDNN}, the default in
 * float) every buffer of the pass is allocated once, and off-heap memory stays flat without help
 * (wsss-hnn/README.md). With the SameDiff engine, ND4J 1.0.0-M2.1 allocates small native buffers
 * per op (shape information, op contexts, some outputs) that only the garbage collector frees;
 * with a mostly idle Java heap it runs rarely, so off-heap memory grows over a long run
 * (measured in wsss-hnn/README.md). Under that engine the trainer therefore requests a
 * collection every {@link #GC_EVERY_STEPS} steps, which keeps it flat ({@link #collectsGarbage}).
 *
 * <p>Deviations from the paper: Adam rather than the paper's (unstated) Tensorpack optimiser;
 * the CPU defaults use a larger learning rate because there are no pretrained weights.
 */
public final class HnnTrainer {

    /** Steps between requested garbage collections under the SameDiff engine (see the class comment). */
    public static final int GC_EVERY_STEPS = 4;

    /**
     * Whether the trainer requests a garbage collection after training step {@code step} (1-based)
     * of a network using {@code engine}: every {@link #GC_EVERY_STEPS} steps under
     * {@link GradientEngine#SAMEDIFF}, never under {@link GradientEngine#ONEDNN}.
     */
    public static boolean collectsGarbage(GradientEngine engine, long step) {
        return engine == GradientEngine.SAMEDIFF && step % GC_EVERY_STEPS == 0;
    }

    private final TrainerConfig config;
    private final List<TrainingListener> listeners;
    private long stepsDone;

    /** A trainer with the given listeners. */
    public HnnTrainer(TrainerConfig config, List<TrainingListener> listeners) {
        this.config = Objects.requireNonNull(config, "config");
        this.listeners = List.copyOf(listeners);
    }

    /**
     * What training produced: a new model (its own weights, calibration and provenance; close it
     * when done) and per-epoch figures.
     */
    public record Result(HnnModel model, List<TrainingListener.EpochSummary> history) {
    }

    /**
     * Trains a copy of {@code model} from epoch 0; {@code model} itself is left as it was (models
     * are immutable).
     */
    public Result fit(HnnModel model, List<TrainingExample> train, List<TrainingExample> validation) {
        HnnNetwork net = model.network().copy();
        try (Adam adam = new Adam()) {
            return run(net, model.info(), adam, train, validation, new State(0, config.learningRate(),
                    Double.POSITIVE_INFINITY, 0));
        } catch (RuntimeException | Error e) {
            net.close();
            throw e;
        }
    }

    /**
     * Continues a run from a checkpoint written by this trainer; the returned model is the
     * checkpoint's, trained on to {@link TrainerConfig#epochs()}.
     */
    public Result resume(Path checkpoint, List<TrainingExample> train, List<TrainingExample> validation) {
        ModelFile.Contents c = ModelFile.read(checkpoint);
        Properties p = c.extraProperties();
        State s;
        try {
            s = new State(Integer.parseInt(p.getProperty("trainer.nextEpoch")), Double.parseDouble(p.getProperty("trainer.lr")),
                    Double.parseDouble(p.getProperty("trainer.best")), Integer.parseInt(p.getProperty("trainer.flat")));
        } catch (RuntimeException e) {
            c.model().close();
            throw new WsssIoException(checkpoint, "not a training checkpoint (trainer state missing or bad)", e);
        }
        try (Adam adam = new Adam()) {
            Map<String, float[]> st = new HashMap<>();
            c.extraArrays().forEach((k, v) -> {
                if (k.startsWith("adam/")) {
                    st.put(k.substring("adam/".length()), v);
                }
            });
            // The checkpoint's network is trained on; the returned model takes it over.
            HnnNetwork net = c.model().network();
            adam.importState(net, st, Long.parseLong(p.getProperty("trainer.steps", "0")));
            try {
                return run(net, c.model().info(), adam, train, validation, s);
            } catch (RuntimeException | Error e) {
                net.close();
                throw e;
            }
        }
    }

    private record State(int nextEpoch, double lr, double best, int flat) {
    }

    private Result run(HnnNetwork net, ModelInfo info, Adam adam, List<TrainingExample> train, List<TrainingExample> validation,
                       State st) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("training set is empty");
        }
        net.setGradientEngine(config.engine());
        RoiSampler sampler = new RoiSampler(net.config().inputSize());
        List<TrainingListener.EpochSummary> history = new ArrayList<>();
        double lr = st.lr();
        double best = st.best();
        int flat = st.flat();
        int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
        for (int epoch = st.nextEpoch(); epoch < config.epochs(); epoch++) {
            long t0 = System.nanoTime();
            SplittableRandom rnd = new SplittableRandom(mix(config.seed(), epoch));
            int[] order = shuffle(train.size(), rnd);
            double sr = 0, sf = 0, sb = 0, st2 = 0;
            double alpha = 0, beta = 0;
            for (int bi = 0; bi < batches; bi++) {
                double when = epoch + (double) bi / batches;
                alpha = config.schedule().alpha(when);
                beta = config.schedule().beta(when);
                List<TrainingExample> batch = new ArrayList<>();
                for (int k = bi * config.batchSize(); k < Math.min(train.size(), (bi + 1) * config.batchSize()); k++) {
                    batch.add(train.get(order[k]));
                }
                LossValues lv = step(net, adam, sampler, batch, alpha, beta, lr, rnd);
                if (collectsGarbage(net.gradientEngine(), ++stepsDone)) {
                    System.gc();
                }
                sr += lv.r();
                sf += lv.f();
                sb += lv.b();
                st2 += lv.total();
                for (TrainingListener l : listeners) {
                    l.onBatchEnd(epoch, bi, batches, lv);
                }
            }
            LossValues mean = new LossValues(sr / batches, sf / batches, sb / batches, alpha, beta, st2 / batches);
            double val = validation.isEmpty() ? Double.NaN : validationLoss(net, sampler, validation, epoch + 1.0);
            TrainingListener.EpochSummary summary = new TrainingListener.EpochSummary(epoch, mean, val, lr,
                    (System.nanoTime() - t0) / 1e9);
            if (summary.monitored() < best) {
                best = summary.monitored();
                flat = 0;
            } else if (++flat >= config.plateauPatience()) {
                lr = config.reducedLearningRate();
            }
            info = info.withProvenance(provenance(info, train.size(), epoch + 1));
            if (config.checkpointDir() != null) {
                checkpoint(net, info, adam, epoch, lr, best, flat);
            }
            history.add(summary);
            boolean stop = false;
            for (TrainingListener l : listeners) {
                l.onEpochEnd(summary);
                stop |= l.stopRequested();
            }
            if (stop) {
                break;
            }
        }
        if (!history.isEmpty()) {
            info = info.withCalibration(calibration(net, sampler, validation.isEmpty() ? train : validation));
            info = info.withProvenance(provenance(info, train.size(), history.get(history.size() - 1).epoch() + 1));
            if (config.checkpointDir() != null) {
                // The last checkpoint then holds the calibrated model a user would load.
                checkpoint(net, info, adam, history.get(history.size() - 1).epoch(), lr, best, flat);
            }
        }
        return new Result(new HnnModel(net, info), history);
    }

    /**
     * The Platt scaling ({@link Calibration}) of {@code model}'s raw output fitted on
     * {@code examples} as training fits it on the validation set, e.g. on a subset of that set.
     *
     * @throws IllegalArgumentException if {@code examples} is empty
     */
    public Calibration calibrate(HnnModel model, List<TrainingExample> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("calibrate needs at least one example");
        }
        HnnNetwork net = model.network();
        return calibration(net, new RoiSampler(net.config().inputSize()), examples);
    }

    /** Most examples whose outputs {@link #calibration} looks at (evenly spaced over the list). */
    static final int CALIBRATION_EXAMPLES = 256;

    /**
     * Platt scaling of the fused output ({@link Calibration}) fitted on up to
     * {@link #CALIBRATION_EXAMPLES} examples, un-augmented, against the labels they were trained
     * with (R ∪ F lesion, B background; or the ground truth).
     */
    private Calibration calibration(HnnNetwork net, RoiSampler sampler, List<TrainingExample> examples) {
        int s = sampler.size();
        int ch = net.config().inputChannels();
        int n = Math.min(examples.size(), CALIBRATION_EXAMPLES);
        float[] prob = new float[n * s * s];
        byte[] label = new byte[n * s * s];
        for (int start = 0; start < n; start += config.batchSize()) {
            int m = Math.min(n, start + config.batchSize()) - start;
            float[] data = new float[m * ch * s * s];
            for (int i = 0; i < m; i++) {
                TrainingExample ex = examples.get((int) ((long) (start + i) * examples.size() / n));
                System.arraycopy(sampler.input(ex.slice(), ex.context(), ex.roi(), ex.window(), RoiSampler.Transform.IDENTITY,
                        ch), 0, data, i * ch * s * s, ch * s * s);
                PixelWeights w = target(sampler, ex, RoiSampler.Transform.IDENTITY);
                float[] r = w.r(), f = w.f(), b = w.b();
                for (int k = 0; k < s * s; k++) {
                    label[(start + i) * s * s + k] = r[k] > 0 || f[k] > 0 ? (byte) 1 : b[k] > 0 ? (byte) 0 : (byte) -1;
                }
            }
            try (INDArray x = Nd4j.create(data, new long[]{m, ch, s, s}, 'c').castTo(net.dataType())) {
                System.arraycopy(net.predict(x), 0, prob, start * s * s, m * s * s);
            }
        }
        return Calibration.fit(prob, label);
    }

    /** The checkpoint file of an epoch in a directory. */
    public static Path checkpointFile(Path dir, int epoch) {
        return dir.resolve(String.format("checkpoint-epoch-%04d.zip", epoch));
    }

    private void checkpoint(HnnNetwork net, ModelInfo info, Adam adam, int epoch, double lr, double best, int flat) {
        Map<String, float[]> extra = new TreeMap<>();
        adam.exportState().forEach((k, v) -> extra.put("adam/" + k, v));
        Properties p = new Properties();
        p.setProperty("trainer.nextEpoch", Integer.toString(epoch + 1));
        p.setProperty("trainer.lr", Double.toString(lr));
        p.setProperty("trainer.best", Double.toString(best));
        p.setProperty("trainer.flat", Integer.toString(flat));
        p.setProperty("trainer.steps", Long.toString(adam.steps()));
        // A view for writing only: the network stays the trainer's, so the view is not closed.
        ModelFile.write(checkpointFile(config.checkpointDir(), epoch), new HnnModel(net, info), extra, p);
    }

    private LossValues step(HnnNetwork net, Adam adam, RoiSampler sampler, List<TrainingExample> batch, double alpha,
                            double beta, double lr, SplittableRandom rnd) {
        int s = sampler.size();
        int ch = net.config().inputChannels();
        float[] data = new float[batch.size() * ch * s * s];
        List<PixelWeights> weights = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            TrainingExample ex = batch.get(i);
            RoiSampler.Transform t = config.augmentation().isNone() ? RoiSampler.Transform.IDENTITY
                    : RoiSampler.Transform.random(config.augmentation(), rnd);
            System.arraycopy(sampler.input(ex.slice(), ex.context(), ex.roi(), ex.window(), t, ch), 0, data, i * ch * s * s,
                    ch * s * s);
            weights.add(target(sampler, ex, t));
        }
        Map<String, INDArray> ph = WeakLoss.placeholders(weights, alpha, beta, net.dataType(), s);
        Map<String, INDArray> grads = new HashMap<>();
        try (INDArray x = Nd4j.create(data, new long[]{batch.size(), ch, s, s}, 'c').castTo(net.dataType())) {
            LossValues lv = net.gradients(x, ph, grads);
            if (!Double.isFinite(lv.total())) {
                throw new IllegalStateException("loss became " + lv.total() + "; lower the learning rate");
            }
            adam.update(net, grads, lr);
            return lv;
        } finally {
            grads.values().forEach(INDArray::close);
            ph.values().forEach(INDArray::close);
        }
    }

    /** Loss weights of an example: its weak label's R/F/B, or its ground truth class-balanced. */
    private static PixelWeights target(RoiSampler sampler, TrainingExample ex, RoiSampler.Transform t) {
        return ex.weak() != null ? sampler.weakTarget(ex.weak(), ex.roi(), t) : sampler.supervisedTarget(ex.groundTruth(), ex.roi(), t);
    }

    private double validationLoss(HnnNetwork net, RoiSampler sampler, List<TrainingExample> val, double epoch) {
        double sum = 0;
        int n = 0;
        int s = sampler.size();
        int ch = net.config().inputChannels();
        for (int start = 0; start < val.size(); start += config.batchSize()) {
            List<TrainingExample> batch = val.subList(start, Math.min(val.size(), start + config.batchSize()));
            float[] data = new float[batch.size() * ch * s * s];
            List<PixelWeights> weights = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                TrainingExample ex = batch.get(i);
                System.arraycopy(sampler.input(ex.slice(), ex.context(), ex.roi(), ex.window(), RoiSampler.Transform.IDENTITY,
                        ch), 0, data, i * ch * s * s, ch * s * s);
                weights.add(target(sampler, ex, RoiSampler.Transform.IDENTITY));
            }
            Map<String, INDArray> ph = WeakLoss.placeholders(weights, config.schedule().alpha(epoch),
                    config.schedule().beta(epoch), net.dataType(), s);
            try (INDArray x = Nd4j.create(data, new long[]{batch.size(), ch, s, s}, 'c').castTo(net.dataType())) {
                sum += net.loss(x, ph).total() * batch.size();
                n += batch.size();
            } finally {
                ph.values().forEach(INDArray::close);
            }
        }
        return sum / n;
    }

    private Provenance provenance(ModelInfo info, int examples, int epochs) {
        Map<String, String> p = new TreeMap<>(info.provenance().parameters());
        p.put("trainer.learningRate", Double.toString(config.learningRate()));
        p.put("trainer.reducedLearningRate", Double.toString(config.reducedLearningRate()));
        p.put("trainer.batchSize", Integer.toString(config.batchSize()));
        p.put("trainer.epochsDone", Integer.toString(epochs));
        p.put("trainer.schedule", config.schedule().toString());
        p.put("trainer.augmentation", config.augmentation().toString());
        p.put("trainer.seed", Long.toString(config.seed()));
        p.put("data.examples", Integer.toString(examples));
        p.put("calibration", info.calibration().toString());
        p.put("trainer.engine", config.engine().name());
        Provenance old = info.provenance();
        return new Provenance(info.config().architecture().id(), p, old.seed(), old.sdkVersion(), old.notes(), old.parent());
    }

    private static long mix(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int[] shuffle(int n, SplittableRandom rnd) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }
}
