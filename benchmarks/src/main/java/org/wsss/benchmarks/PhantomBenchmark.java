package org.wsss.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wsss.api.LesionCase;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;

/**
 * Time to generate phantom cases in memory (issue target: 1,000 cases in under a minute on 2
 * cores), all cores via a parallel stream. Each case is fully rendered (its key slice forces
 * the whole volume and its ground truth). {@code metadataOnly} is the reference in the same
 * run: the cost of drawing the cases' parameters without rendering any voxel.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PhantomBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class PhantomBenchmark {

    @Param({"1000"})
    public int cases;

    @Benchmark
    public long render() {
        PhantomConfig cfg = PhantomConfig.defaults().withCount(cases);
        return IntStream.range(0, cases).parallel().mapToLong(i -> {
            LesionCase c = Phantom.generate(cfg, i);
            return (long) c.keySlice().get(0, 0) + c.groundTruth().orElseThrow().count();
        }).sum();
    }

    @Benchmark
    public long metadataOnly() {
        PhantomConfig cfg = PhantomConfig.defaults().withCount(cases);
        return IntStream.range(0, cases).parallel().mapToLong(i -> Phantom.generate(cfg, i).sliceIndices().length).sum();
    }
}
