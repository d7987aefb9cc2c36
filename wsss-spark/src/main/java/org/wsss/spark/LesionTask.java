package org.wsss.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask3D;
import org.wsss.eval.jobs.LesionJobs;
import org.wsss.eval.jobs.LesionRow;

/**
 * The function run on each partition of lesion references: series by series (a partition is
 * sorted by series), stage the series once, then per lesion skip a valid existing output, else
 * compute, write atomically and read back. A lesion that throws becomes a failed
 * {@link LesionOutcome}: it never fails the task, so one bad lesion never fails the job.
 */
final class LesionTask implements FlatMapFunction<Iterator<LesionRef>, LesionOutcome> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LesionTask.class);

    private final SparkPaths data;
    private final String header;
    private final SparkPaths out;
    private final String tempTag;
    private final boolean force;
    private final LesionWork work;

    LesionTask(SparkPaths data, String header, SparkPaths out, String tempTag, boolean force, LesionWork work) {
        this.data = data;
        this.header = header;
        this.out = out;
        this.tempTag = tempTag;
        this.force = force;
        this.work = work;
    }

    @Override
    public Iterator<LesionOutcome> call(Iterator<LesionRef> refs) throws Exception {
        List<LesionOutcome> outcomes = new ArrayList<>();
        if (!refs.hasNext()) {
            return outcomes.iterator();
        }
        long setup = work.prepare();
        Path scratch = out.isLocal() ? null : Files.createTempDirectory("wsss-spark-out");
        try {
            List<LesionRef> series = new ArrayList<>();
            while (refs.hasNext()) {
                LesionRef r = refs.next();
                if (!series.isEmpty() && !series.get(0).getSeries().equals(r.getSeries())) {
                    runSeries(series, scratch, setup, outcomes);
                    setup = 0;
                    series.clear();
                }
                series.add(r);
            }
            runSeries(series, scratch, setup, outcomes);
        } finally {
            SeriesStage.deleteTree(scratch);
        }
        return outcomes.iterator();
    }

    private void runSeries(List<LesionRef> refs, Path scratch, long setup, List<LesionOutcome> outcomes) {
        long t0 = System.nanoTime();
        try (SeriesStage stage = SeriesStage.open(data, header, refs.get(0).getSeries(), refs)) {
            long staged = System.nanoTime() - t0;
            for (int i = 0; i < refs.size(); i++) {
                outcomes.add(runLesion(refs.get(i), stage.get(i), stage, scratch, i == 0 ? staged : 0,
                        i == 0 ? setup : 0));
            }
        } catch (RuntimeException e) {
            // The rows of the series could not even be parsed on the executor: fail them all.
            String reason = LesionJobs.failureReason(e);
            for (LesionRef r : refs) {
                outcomes.add(new LesionOutcome(r.getId(), r.getRow(), LesionOutcome.Status.FAILED, reason, null, 0, 0,
                        0, 0, 0, 0));
            }
        }
    }

    private LesionOutcome runLesion(LesionRef ref, LesionCase c, SeriesStage stage, Path scratch, long staged,
                                    long setup) {
        String name = work.output(ref.getId());
        Path target = out.isLocal() ? out.localRoot().resolve(name) : scratch.resolve(name);
        if (!force && (out.isLocal() ? Files.exists(target) : out.exists(name))) {
            try {
                if (!out.isLocal()) {
                    out.copyToLocal(name, target);
                }
                Mask3D m = work.readBack(target);
                return new LesionOutcome(ref.getId(), ref.getRow(), LesionOutcome.Status.SKIPPED, null,
                        work.lesionTable() ? LesionRow.of(c, m, null) : null, staged, 0, 0, 0, 0, setup);
            } catch (RuntimeException e) {
                LOG.warn("lesion {}: existing {} is not valid, redoing it: {}", ref.getId(), name,
                        LesionJobs.failureReason(e));
            } finally {
                deleteScratch(target);
            }
        }
        long read0 = stage.readNanos();
        long t0 = System.nanoTime();
        try {
            Object result = work.compute(c);
            long t1 = System.nanoTime();
            work.write(result, target);
            Mask3D m = work.lesionTable() ? work.readBack(target) : null;
            if (!out.isLocal()) {
                out.publish(target, name, tempTag);
            }
            long t2 = System.nanoTime();
            LesionRow row = work.lesionTable() ? LesionRow.of(c, m, null) : null;
            long t3 = System.nanoTime();
            long read = stage.readNanos() - read0;
            return new LesionOutcome(ref.getId(), ref.getRow(), LesionOutcome.Status.DONE, null, row, staged, read,
                    t1 - t0 - read, t2 - t1, t3 - t2, setup);
        } catch (RuntimeException e) {
            String reason = stage.rename(LesionJobs.failureReason(e));
            LOG.info("lesion {} failed: {}", ref.getId(), reason);
            LesionRow row = null;
            if (work.lesionTable()) {
                row = LesionRow.of(c, null, reason);
            }
            return new LesionOutcome(ref.getId(), ref.getRow(), LesionOutcome.Status.FAILED, reason, row, staged,
                    stage.readNanos() - read0, System.nanoTime() - t0, 0, 0, setup);
        } finally {
            deleteScratch(target);
        }
    }

    private void deleteScratch(Path target) {
        if (!out.isLocal()) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
