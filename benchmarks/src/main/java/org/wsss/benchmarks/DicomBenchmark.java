package org.wsss.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.wsss.api.ForwardingLesionCase;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.Volume;
import org.wsss.dicom.CtSeries;
import org.wsss.dicom.CtSeriesSpec;
import org.wsss.dicom.Dicom;
import org.wsss.dicom.LabeledMask;
import org.wsss.eval.jobs.SegmentSettings;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;
import org.wsss.propagation.LesionSegmenters;
import org.wsss.propagation.wsss.InitialWeights;

/**
 * DICOM I/O against segmentation: reading a 512 × 512 × 300 CT series from its 300 files and
 * writing the SEG of one lesion on it, against segmenting that lesion in 3D in the same run with
 * two references: GrabCut-3DE (the fastest of the SDK's 3D segmenters) and the SDK's default
 * method, {@code wsss segment}'s {@code --method wsss} (WSSS-7-GC: the HNN with GrabCut on every
 * slice), built by {@link SegmentSettings} as the command builds it, over the shipped pretrained
 * network ({@link InitialWeights#pretrained()}) saved as a model file.
 *
 * <p>The series is read lazily (headers parsed and slices sorted at open, a slice decoded when
 * it is first asked for), so "read" is what a lesion pays: opening the series plus decoding the
 * slices the two segmenters read for this lesion (recorded once in setup; their union, so
 * neither reference is favoured). {@link #readSeriesAllSlices} decodes every slice, what a
 * caller that walks the whole volume pays. The series is a phantom test case's CT embedded in
 * the middle of a 512² × 300 grid of soft tissue, written once in setup to a temporary folder
 * (the files then sit in the page cache, as after a PACS download).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class DicomBenchmark {

    static final int SIZE = 512;
    static final int DEPTH = 300;

    private Path dir;
    private CtSeries series;
    private LesionCase lesion;
    private Mask3D mask;
    private LesionSegmenter grabCut3de;
    private Path modelFile;
    private SegmentSettings.Handle defaultMethod;
    private int[] touched;

    /** Writes the series, reads it once, segments the lesion once (its mask is what the SEG holds). */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        LesionCase c = Phantom.dataset(PhantomConfig.defaults().withCount(40)).split(Split.TEST)
                .filter(x -> x.sliceIndices().length <= DEPTH).findFirst().orElseThrow();
        int[] idx = c.sliceIndices();
        int ox = (SIZE - c.width()) / 2, oy = (SIZE - c.height()) / 2, oz = (DEPTH - idx.length) / 2;
        List<Slice> slices = new ArrayList<>();
        for (int z = 0; z < DEPTH; z++) {
            float[] hu = new float[SIZE * SIZE];
            java.util.Arrays.fill(hu, 40f);
            int k = z - oz;
            if (k >= 0 && k < idx.length) {
                Slice s = c.slice(idx[k]);
                for (int y = 0; y < s.height(); y++) {
                    for (int x = 0; x < s.width(); x++) {
                        hu[(y + oy) * SIZE + x + ox] = s.get(x, y);
                    }
                }
            }
            slices.add(Slice.of(SIZE, SIZE, hu, c.spacing()));
        }
        dir = Files.createTempDirectory("wsss-dicom-benchmark");
        Dicom.writeCtSeries(Volume.of(slices, c.spacing()), c.window(), CtSeriesSpec.named("benchmark"), dir);
        series = Dicom.read(dir).series().get(0);
        Recist r = c.recist().translate(ox, oy).withSliceIndex(c.zOf(c.recist().sliceIndex()) + oz);
        lesion = LesionCase.of(c.id(), series.volume(), r, c.window());
        grabCut3de = LesionSegmenters.grabCut3de();
        // `wsss segment` without --method: SegmentSettings("wsss").open(model file, default limits).
        modelFile = Files.createTempFile("wsss-dicom-benchmark-", ".wsss");
        try (HnnModel pretrained = InitialWeights.pretrained().open(HnnConfig.defaults(), 0)) {
            Hnn.save(pretrained, modelFile);
        }
        defaultMethod = SegmentSettings.of("wsss").open(modelFile);
        java.util.SortedSet<Integer> read = new java.util.concurrent.ConcurrentSkipListSet<>();
        LesionCase recording = new ForwardingLesionCase(lesion) {
            @Override
            public Slice slice(int sliceIndex) {
                read.add(sliceIndex);
                return super.slice(sliceIndex);
            }
        };
        mask = grabCut3de.segment(recording);
        defaultMethod.segmenter().segment(recording);
        touched = read.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The slices (z) the two segmenters read for the lesion: what the lazy read decodes per round. */
    int[] touchedSlices() {
        return touched.clone();
    }

    /** Deletes the series. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (defaultMethod != null) {
            defaultMethod.close();
        }
        if (modelFile != null) {
            Files.deleteIfExists(modelFile);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Opens the 300 files as a sorted series and decodes the slices the lesion's segmentation reads. */
    @Benchmark
    public CtSeries readSeries() {
        CtSeries s = Dicom.read(dir).series().get(0);
        for (int z : touched) {
            s.volume().slice(z);
        }
        return s;
    }

    /**
     * The eager read (every slice decoded at open, on up to 4 threads), the reader before the
     * lazy one: the in-run reference for what the lazy read saves.
     */
    @Benchmark
    public CtSeries readSeriesEager() {
        return org.wsss.dicom.internal.SeriesReader.read(dir, false).series().get(0);
    }

    /** Opens the series and decodes all 300 slices (what walking the whole volume costs). */
    @Benchmark
    public CtSeries readSeriesAllSlices() {
        CtSeries s = Dicom.read(dir).series().get(0);
        for (int z = 0; z < s.volume().depth(); z++) {
            s.volume().slice(z);
        }
        return s;
    }

    /** Writes the SEG of the lesion's mask. */
    @Benchmark
    public Path writeSegmentation() {
        return Dicom.writeSegmentation(series, List.of(new LabeledMask(lesion.id(), mask)),
                ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), dir.resolve("lesion.seg.dcm.out"));
    }

    /** The first reference: GrabCut-3DE on the lesion of the series. */
    @Benchmark
    public long segmentOneLesion() {
        return grabCut3de.segment(lesion).count();
    }

    /** The second reference: the default method of {@code wsss segment} (WSSS-7-GC, pretrained network). */
    @Benchmark
    public long segmentOneLesionDefaultMethod() {
        return defaultMethod.segmenter().segment(lesion).count();
    }
}
