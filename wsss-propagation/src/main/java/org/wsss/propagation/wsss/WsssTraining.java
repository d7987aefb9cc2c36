package org.wsss.propagation.wsss;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.wsss.api.BatchRunner;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedMap;
import org.wsss.api.Seeds;
import org.wsss.api.Slice;
import org.wsss.api.SliceSegmenter;
import org.wsss.api.WsssIoException;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.internal.Adam;
import org.wsss.hnn.loss.LossValues;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.HnnTrainer;
import org.wsss.hnn.train.RoiSampler;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.hnn.train.TrainingExample;
import org.wsss.hnn.train.TrainingListener;
import org.wsss.propagation.Components;

/**
 * Slice-propagated training, WSSS-k (Sec. 2.3, "Slice-Propagated CNN Training"):
 * <ol>
 *   <li>Step 0: GrabCut-R masks (Sec. 2.1; any {@link InitialMaskMethod} through {@link Components}) on the RECIST slices of the training lesions, weak
 *       labels ({@link WeakLabels}), and the HNN trained on them ({@link WsssConfig#initial()}).</li>
 *   <li>Step j = 1..(k − 1)/2: for every training lesion, slices r − j and r + j (series
 *       indices) are predicted with the current model on the lesion's training ROI; each gets the
 *       seeds S(Ŷ, R̂, R) ({@code SeedGenerators.cnnPropagated}) and GrabCut, and its weak label
 *       from R̂ and that mask. A side is skipped where the slice is not stored or R̂ is empty.
 *       The new examples are added to the previous ones and the same model is trained on all of
 *       them ({@link WsssConfig#fineTune()}).</li>
 * </ol>
 * Validation examples are GrabCut-R labels on the validation lesions' RECIST slices, and with
 * {@link WsssConfig#offSliceValidation()} (the default) from step j on also the labels of their
 * slices r ± j, made with the current model as the training lesions' are.
 *
 * <p><b>Every slice uses the ROI of the original R</b> ({@code RoiSampler.recistRoi(R)}), the crop
 * 3D inference feeds the network, so a lesion is seen at one scale on all its slices.
 *
 * <p><b>Seeds.</b> {@link WsssConfig#seed()} is the run's one root seed: the network's initial
 * weights draw from {@code Seeds.derive(seed, "network")} and step j's shuffling and
 * augmentation from {@code Seeds.derive(seed, "training-step-j")}; the seeds inside the
 * {@link TrainerConfig}s are not used. (GrabCut's RNG seed is a constant of the refiner, so
 * that the same seeds always give the same mask.)
 *
 * <p><b>Checkpoints and resume.</b> With a checkpoint directory the model is saved after step j
 * as {@link #stepFile}{@code (dir, j)}. A run finds the longest chain of step files 0..j present
 * and resumes after step j: it loads the model of step j and continues with step j + 1. The
 * labels of steps 1..j are made again with the saved models of steps 0..j − 1 (labelling is
 * deterministic for a given model), so the resumed training set is the one the interrupted run
 * had. A run whose steps are all on disk rebuilds the labels and returns the last model untrained further. A
 * step file of another architecture is an error. Mid-step progress is not resumed (use the
 * trainer's own epoch checkpoints via {@link TrainerConfig#checkpointDir()}; each step then
 * writes to its subdirectory {@code step-j}).
 *
 * <p>Failures: a lesion whose slice cannot be read or whose mark does not fit is skipped, named
 * in the step's {@link WsssStep#problems()}, and the run goes on.
 *
 * <p><b>Deviations from the paper.</b> By default ({@link WsssConfig#defaults()}) the off-slice
 * labels use the extent and seed confidence of 3D inference (a z semi-axis from the mean RECIST
 * half-axis rather than the sphere on the long axis; definite-foreground seeds where Ŷ &gt; 0.95
 * rather than 0.8), so fewer labels lie past the lesion's end or over its edge. Each step trains for a fixed number of epochs rather than
 * "until convergence" (the trainer drops the learning rate on a plateau); a fresh Adam state
 * starts every fine-tuning step. Slices are r ± j by series index, so a gap in the stored slices
 * skips that side for that step rather than taking the next stored slice. The paper does not say
 * what a step validates on; here (by default) it is the validation lesions' slices up to r ± j,
 * labelled as the training ones. The network's probability calibration (Platt scaling on the
 * validation set, {@code org.wsss.hnn.model.Calibration}) is then fitted on the slices the 3D walk
 * thresholds: fitted on the RECIST slices alone it left the network over-segmenting off them,
 * where the per-image balanced loss inflates the odds more (the ROI is fixed at the RECIST
 * mark's, the lesion's cross-section smaller). The model also keeps the calibration fitted on the
 * RECIST slices alone ({@code ModelInfo.recistCalibration()}): the off-slice labels' seeds and
 * the "-GC" walk read the network through it ({@code HnnModel.recistCalibrated()}), since their
 * seed confidences were chosen under it. Measured in the module README.
 */
public final class WsssTraining {

    private final WsssConfig config;
    private final WsssListener listener;
    private final Components parts;

    /** A run with {@code config} and its default parts ({@link Components#forNetwork}) reporting to {@code listener}. */
    public WsssTraining(WsssConfig config, WsssListener listener) {
        this(config, listener, Components.forNetwork(config.propagation(), config.seeds(), config.grabCut()));
    }

    /**
     * A run with {@code parts} in place of the defaults: {@code initialMask} labels the RECIST
     * slices (step 0 and validation), {@code propagator} gives R̂ on slices r ± j, and
     * {@code seeds} (with Ŷ as prior and R as reference) and {@code refiner} label them. Of
     * {@code config} the propagation, seed and GrabCut settings are those of the default parts only.
     */
    public WsssTraining(WsssConfig config, WsssListener listener, Components parts) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.parts = Objects.requireNonNull(parts, "parts");
    }

    /** The model file of step {@code step} in {@code dir}. */
    public static Path stepFile(Path dir, int step) {
        return dir.resolve(String.format("wsss-step-%d.zip", step));
    }

    /** A label-making result: the examples in lesion order, and the counts. */
    private record Labels(List<TrainingExample> examples, int skipped, int fallbacks, List<String> problems) {
    }

    /**
     * Runs (or resumes) WSSS-k.
     *
     * @throws IllegalArgumentException if there is no training lesion, no label could be made
     *     in step 0, or a step file holds another architecture
     */
    public WsssResult run(List<? extends LesionCase> train, List<? extends LesionCase> validation) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        if (train.isEmpty()) {
            throw new IllegalArgumentException("WSSS-" + config.k() + ": no training lesions");
        }
        List<WsssStep> steps = new ArrayList<>();
        int done = completedSteps();
        long t0 = System.nanoTime();
        Labels base = recistLabels(train, 0);
        if (base.examples().isEmpty()) {
            throw new IllegalArgumentException("WSSS-" + config.k() + ": no RECIST-slice label could be made; problems: "
                    + base.problems());
        }
        List<TrainingExample> val = new ArrayList<>(recistLabels(validation, -1).examples());
        int recistVal = val.size();
        List<TrainingExample> all = new ArrayList<>(base.examples());
        HnnModel model;
        if (done >= 0) {
            steps.add(restored(0, all.size(), base, t0));
            for (int j = 1; j <= done; j++) {
                long tj = System.nanoTime();
                Labels lj;
                try (HnnModel previous = load(j - 1)) {
                    lj = offSliceLabels(previous, train, j);
                    val.addAll(validationLabels(previous, validation, j));
                }
                all.addAll(lj.examples());
                steps.add(restored(j, all.size(), lj, tj));
            }
            model = load(done);
        } else {
            try (HnnModel initial = config.init().open(config.hnn(), Seeds.derive(config.seed(), "network"))) {
                Trained t = trainStep(initial, 0, all, val, recistVal, base, t0);
                model = t.model();
                steps.add(t.step());
            }
        }
        try {
            for (int j = Math.max(1, done + 1); j < config.steps(); j++) {
                long tj = System.nanoTime();
                Labels lj = offSliceLabels(model, train, j);
                all.addAll(lj.examples());
                val.addAll(validationLabels(model, validation, j));
                Trained t = trainStep(model, j, all, val, recistVal, lj, tj);
                model.close();
                model = t.model();
                steps.add(t.step());
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new WsssResult(model, steps);
    }

    /** A step's new model (the caller's to close) and its record. */
    private record Trained(HnnModel model, WsssStep step) {
    }

    /** The last step j whose files 0..j all exist, or −1. */
    private int completedSteps() {
        if (config.checkpointDir() == null) {
            return -1;
        }
        int j = -1;
        while (j + 1 < config.steps() && Files.isRegularFile(stepFile(config.checkpointDir(), j + 1))) {
            j++;
        }
        return j;
    }

    private HnnModel load(int step) {
        Path f = stepFile(config.checkpointDir(), step);
        HnnModel m = Hnn.load(f);
        if (!m.info().config().equals(config.hnn())) {
            m.close();
            throw new IllegalArgumentException("checkpoint " + f + " holds network " + m.info().config()
                    + " but the run asks for " + config.hnn());
        }
        return m;
    }

    private WsssStep restored(int step, int examples, Labels l, long t0) {
        WsssStep s = new WsssStep(step, examples, l.examples().size(), l.skipped(), l.fallbacks(), 0, Double.NaN, Double.NaN,
                (System.nanoTime() - t0) / 1e9, stepFile(config.checkpointDir(), step), true, l.problems());
        listener.onStepEnd(s);
        return s;
    }

    /** Trains a copy of {@code model} on {@code all}; {@code model} stays the caller's. */
    private Trained trainStep(HnnModel model, int step, List<TrainingExample> all, List<TrainingExample> val,
                              int recistVal, Labels l, long t0) {
        TrainerConfig tc = (step == 0 ? config.initial() : config.fineTune())
                .withSeed(Seeds.derive(config.seed(), "training-step-" + step));
        if (tc.checkpointDir() != null) {
            tc = tc.withCheckpointDir(tc.checkpointDir().resolve("step-" + step));
        }
        listener.onStepStart(step, config.steps(), all.size(), tc.epochs());
        TrainingListener bridge = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batches, LossValues loss) {
                listener.onBatchEnd(step, epoch, batch, batches, loss);
            }

            @Override
            public void onEpochEnd(EpochSummary summary) {
                listener.onEpochEnd(step, summary);
            }
        };
        HnnTrainer trainer = Hnn.trainer(tc, List.of(bridge));
        HnnTrainer.Result r = trainer.fit(model, List.copyOf(all), val);
        Map<String, String> p = new TreeMap<>();
        p.put("k", Integer.toString(config.k()));
        p.put("step", Integer.toString(step));
        p.put("examples", Integer.toString(all.size()));
        p.put("validation", Integer.toString(val.size()));
        p.put("init", config.init().toString());
        p.putAll(parts.provenance());
        HnnModel trained;
        try (HnnModel fitted = r.model()) {
            trained = fitted.withProvenance(Provenance.of("wsss-" + config.k(), p).withSeed(config.seed())
                    .withParent(fitted.info().provenance()));
            if (recistVal > 0 && val.size() > recistVal) {
                // Validated on off-slice labels too: keep the RECIST-slice calibration for the "-GC" walk.
                try (HnnModel both = trained) {
                    trained = both.withRecistCalibration(trainer.calibrate(both, val.subList(0, recistVal)));
                }
            }
        }
        Path file = null;
        if (config.checkpointDir() != null) {
            file = stepFile(config.checkpointDir(), step);
            try {
                Files.createDirectories(config.checkpointDir());
            } catch (java.io.IOException e) {
                throw new WsssIoException(config.checkpointDir(), "cannot create the checkpoint directory", e);
            }
            try {
                Hnn.save(trained, file);
            } catch (RuntimeException e) {
                trained.close();
                throw e;
            }
        }
        TrainingListener.EpochSummary last = r.history().isEmpty() ? null : r.history().get(r.history().size() - 1);
        WsssStep s = new WsssStep(step, all.size(), l.examples().size(), l.skipped(), l.fallbacks(), r.history().size(),
                last == null ? Double.NaN : last.train().total(), last == null ? Double.NaN : last.validationLoss(),
                (System.nanoTime() - t0) / 1e9, file, false, l.problems());
        listener.onStepEnd(s);
        return new Trained(trained, s);
    }

    /** GrabCut-R labels on the RECIST slices; {@code step} &lt; 0 reports no progress (validation). */
    private Labels recistLabels(List<? extends LesionCase> cases, int step) {
        List<Job> jobs = new ArrayList<>();
        for (LesionCase c : cases) {
            jobs.add(new Job(c, c.recist(), null, null, null));
        }
        return label(jobs, step, 0, List.of());
    }

    /**
     * With {@link WsssConfig#offSliceValidation()}, the labels of the validation lesions' slices r ± j,
     * made as the training lesions' are; else none.
     */
    private List<TrainingExample> validationLabels(HnnModel model, List<? extends LesionCase> cases, int j) {
        if (!config.offSliceValidation() || cases.isEmpty()) {
            return List.of();
        }
        return offSliceLabels(model, cases, j, -1).examples();
    }

    /** Labels of slices r ± j made with {@code model}, reported as step j's progress. */
    private Labels offSliceLabels(HnnModel model, List<? extends LesionCase> cases, int j) {
        return offSliceLabels(model, cases, j, j);
    }

    /** Labels of slices r ± j made with {@code model}; {@code step} &lt; 0 reports no progress. */
    private Labels offSliceLabels(HnnModel model, List<? extends LesionCase> cases, int j, int step) {
        List<Job> jobs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int skipped = 0;
        List<SliceSegmenter.Request> requests = new ArrayList<>();
        for (LesionCase c : cases) {
            Recist r = c.recist();
            for (int sign = -1; sign <= 1; sign += 2) {
                int idx = r.sliceIndex() + sign * j;
                if (idx < 0 || c.zOf(idx) < 0) {
                    skipped++;
                    continue;
                }
                try {
                    Optional<Recist> rHat = parts.propagator().propagate(r, idx, c.spacing());
                    if (rHat.isEmpty()) {
                        skipped++;
                        continue;
                    }
                    Slice s = c.slice(idx);
                    List<Slice> context = c.context(idx, model.contextOffsetsMm());
                    requests.add(new SliceSegmenter.Request(s, RoiSampler.recistRoi(r), c.window(), context));
                    jobs.add(new Job(c, rHat.get(), s, context, null));
                } catch (IllegalArgumentException | WsssIoException e) {
                    skipped++;
                    problems.add("case " + c.id() + ", slice " + idx + ": " + e.getMessage());
                }
            }
        }
        // Seeded as the "-GC" walk seeds: through the RECIST-slice calibration.
        List<ProbabilityMap> maps = model.recistCalibrated().predictAll(requests);
        List<Job> withMaps = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            Job jb = jobs.get(i);
            withMaps.add(new Job(jb.lesion(), jb.mark(), jb.slice(), jb.context(), maps.get(i)));
        }
        return label(withMaps, step, skipped, problems);
    }

    /**
     * One slice to label: a RECIST-slice job has no slice, context or prior yet; an off-slice job
     * carries the slice and the context its prior was predicted from, which its example reuses.
     */
    private record Job(LesionCase lesion, Recist mark, Slice slice, List<Slice> context, ProbabilityMap prior) {
    }

    private record Made(TrainingExample example, boolean fallback, String problem) {
    }

    private Labels label(List<Job> jobs, int step, int skipped, List<String> problems) {
        AtomicInteger count = new AtomicInteger();
        List<Made> made = BatchRunner.valuesOrThrow(BatchRunner.withThreads(config.threads()).run(jobs,
                jb -> jb.lesion().id(), jb -> {
                    Made m = labelOne(jb);
                    int n = count.incrementAndGet();
                    if (step >= 0) {
                        synchronized (listener) {
                            listener.onLabels(step, n, jobs.size());
                        }
                    }
                    return m;
                }));
        List<TrainingExample> ex = new ArrayList<>();
        List<String> probs = new ArrayList<>(problems);
        int fallbacks = 0;
        for (Made m : made) {
            if (m.example() != null) {
                ex.add(m.example());
                fallbacks += m.fallback() ? 1 : 0;
            } else {
                skipped++;
                probs.add(m.problem());
            }
        }
        return new Labels(ex, skipped, fallbacks, probs);
    }

    private Made labelOne(Job jb) {
        LesionCase c = jb.lesion();
        Recist r = c.recist();
        try {
            Slice s = jb.slice() != null ? jb.slice() : c.slice(jb.mark().sliceIndex());
            Mask mask;
            boolean fallback = false;
            if (jb.prior() == null) {
                mask = parts.initialMask().segment(s, r, c.window());
            } else {
                SeedMap sm = parts.seeds().generate(SeedInput.of(s, jb.mark()).withPrior(jb.prior()).withReference(r));
                fallback = sm.provenance().notes().stream().anyMatch(n -> n.startsWith("fallback"));
                mask = parts.refiner().refine(s, sm, c.window());
            }
            Roi roi = RoiSampler.recistRoi(r);
            // A 2.5D network learns from the same neighbours it will read at inference.
            List<Slice> context = jb.context() != null ? jb.context()
                    : c.context(jb.mark().sliceIndex(), config.hnn().contextOffsetsMm());
            return new Made(TrainingExample.weak(s, roi, c.window(), WeakLabels.of(jb.mark(), mask, roi)).withContext(context),
                    fallback, null);
        } catch (IllegalArgumentException | WsssIoException e) {
            return new Made(null, false, "case " + c.id() + ", slice " + jb.mark().sliceIndex() + ": " + e.getMessage());
        }
    }
}
