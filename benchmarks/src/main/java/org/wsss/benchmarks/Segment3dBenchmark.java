package org.wsss.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Split;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.propagation.LesionSegmenters;
import org.wsss.propagation.Wsss;
import org.wsss.propagation.wsss.WsssConfig;

/**
 * Time to segment one lesion in 3D (all its slices) with a trained HNN: CNN threshold and
 * "-GC" (S(Ŷ, R̂, R) + GrabCut per slice), against GrabCut-3DE on the same lesions in the same
 * run (the reference). Lesions: the first {@value #LESIONS} test cases of the default phantom,
 * rendered once in setup. The model is {@code model} (a model file, e.g. a {@code wsss-step-j.zip}
 * of a WSSS run) or, when empty, a default-preset HNN trained in setup on 40 training lesions'
 * RECIST slices for 4 epochs (seeded, so every fork gets the same one; it is saved as
 * {@code wsss-segment3d-benchmark-model.zip} in the temp directory and reused by later forks
 * and runs; delete it to retrain) — enough for a walk that follows the lesion, not for accuracy.
 * How many slices a walk visits depends on the model, so the figure is per lesion with this model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1536m"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class Segment3dBenchmark {

    static final int LESIONS = 8;

    /** A model file, or empty to train one in setup. */
    @Param({""})
    public String model;

    private HnnModel net;
    private List<LesionCase> cases;
    private LesionSegmenter cnn;
    private LesionSegmenter gc;
    private LesionSegmenter reference;

    /** Loads or trains the model and renders the lesions. */
    @Setup(Level.Trial)
    public void setUp() {
        var ds = Phantom.dataset(PhantomConfig.defaults().withCount(200));
        cases = ds.split(Split.TEST).limit(LESIONS).collect(Collectors.toList());
        Path cached = Path.of(System.getProperty("java.io.tmpdir"), "wsss-segment3d-benchmark-model.zip");
        if (model.isEmpty() && Files.isRegularFile(cached)) {
            net = Hnn.load(cached);
        } else if (model.isEmpty()) {
            List<LesionCase> train = ds.split(Split.TRAIN).limit(40).collect(Collectors.toList());
            TrainerConfig t = TrainerConfig.defaults().withEpochs(4);
            net = Wsss.train(train, List.of(), WsssConfig.defaults().withK(1).withHnn(HnnConfig.defaults())
                    .withTraining(t, t)).model();
            Hnn.save(net, cached);
        } else {
            net = Hnn.load(Path.of(model));
        }
        cnn = LesionSegmenters.hnn(net);
        gc = LesionSegmenters.hnnGc(net);
        reference = LesionSegmenters.grabCut3de();
        for (LesionCase c : cases) {
            c.keySlice();
        }
    }

    /** Frees native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        net.close();
    }

    /** CNN threshold, per lesion. */
    @Benchmark
    @OperationsPerInvocation(LESIONS)
    public long hnn3d() {
        return run(cnn);
    }

    /** CNN + GrabCut per slice, per lesion. */
    @Benchmark
    @OperationsPerInvocation(LESIONS)
    public long hnnGc3d() {
        return run(gc);
    }

    /** GrabCut-3DE, the reference, per lesion. */
    @Benchmark
    @OperationsPerInvocation(LESIONS)
    public long grabCut3de() {
        return run(reference);
    }

    private long run(LesionSegmenter s) {
        long n = 0;
        for (LesionCase c : cases) {
            n += s.segment(c).count();
        }
        return n;
    }
}
