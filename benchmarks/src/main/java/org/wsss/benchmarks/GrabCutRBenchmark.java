package org.wsss.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.wsss.api.Axis;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.Mask;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.grabcut.InitialMasks;
import org.wsss.grabcut.SeedGenerators;
import org.wsss.grabcut.opencv.GrabCutConfig;
import org.wsss.grabcut.internal.OpenCvGrabCut;
import org.wsss.grabcut.refine.RoiImages;

/**
 * GrabCut-R per lesion (seeding, windowing, conversion, GrabCut, mask assembly) against the
 * bare OpenCV {@code grabCut} call on the same prepared ROI and seeds, in the same run: the
 * ratio {@code grabCutR / bareGrabCut} is the SDK's overhead, and {@link #overheadOnly} times
 * that overhead alone (every step but the OpenCV call). A 512 × 512 slice with an
 * elliptical lesion of semi-axes {@code a × b} px on noisy soft tissue.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GrabCutRBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GrabCutRBenchmark {

    /** Lesion semi-axes in px, "a x b". */
    @Param({"12x8", "40x28"})
    public String lesion;

    private Slice slice;
    private Recist recist;
    private InitialMaskMethod method;
    private Mat image;
    private Mat seeds;
    private Mat work;

    @Setup(Level.Trial)
    public void setUp() {
        String[] ab = lesion.split("x");
        int a = Integer.parseInt(ab[0]), b = Integer.parseInt(ab[1]);
        int w = 512, h = 512, cx = 250, cy = 260;
        SplittableRandom rnd = new SplittableRandom(17);
        float[] hu = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x - cx) / (double) a, dy = (y - cy) / (double) b;
                hu[y * w + x] = (float) ((dx * dx + dy * dy <= 1 ? 110 : 40) + 25 * rnd.nextGaussian());
            }
        }
        slice = Slice.of(w, h, hu, new VoxelSpacing(0.8, 0.8, 5));
        recist = new Recist(Axis.of(cx - a, cy, cx + a, cy), Axis.of(cx, cy - b, cx, cy + b), 0);
        method = InitialMasks.grabCutR();
        SeedMap s = SeedGenerators.grabcutR().generate(SeedInput.of(slice, recist));
        Roi roi = s.roi();
        image = OpenCvGrabCut.toBgr(RoiImages.windowedBytes(slice, roi, Window.DEFAULT), roi.width(), roi.height());
        seeds = OpenCvGrabCut.toGcMask(s.toOrdinals(), roi.width(), roi.height());
        work = new Mat();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        image.close();
        seeds.close();
        work.close();
    }

    /** The whole method: RECIST in, slice mask out. */
    @Benchmark
    public Mask grabCutR() {
        return method.segment(slice, recist, Window.DEFAULT);
    }

    /** OpenCV alone on the prepared ROI (the mask copied back first, as grabCut overwrites it). */
    @Benchmark
    public Mat bareGrabCut() {
        seeds.copyTo(work);
        GrabCutConfig c = GrabCutConfig.defaults();
        OpenCvGrabCut.grabCut(image, work, c.iterations(), c.rngSeed());
        return work;
    }

    /**
     * Everything {@link #grabCutR} does except the OpenCV call: seeding, windowing, conversion
     * to and from OpenCV, mask assembly. Its ratio to {@link #bareGrabCut} is the overhead.
     */
    @Benchmark
    public Mask overheadOnly() {
        SeedMap s = SeedGenerators.grabcutR().generate(SeedInput.of(slice, recist));
        Roi roi = s.roi();
        try (Mat img = OpenCvGrabCut.toBgr(RoiImages.windowedBytes(slice, roi, Window.DEFAULT), roi.width(),
                roi.height()); Mat m = OpenCvGrabCut.toGcMask(s.toOrdinals(), roi.width(), roi.height())) {
            return RoiImages.toSliceMask(slice, roi, OpenCvGrabCut.foreground(m), s.provenance());
        }
    }

    /** Lesions per second on 2 threads sharing one method instance. */
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Mask grabCutRTwoThreads() {
        return method.segment(slice, recist, Window.DEFAULT);
    }
}
