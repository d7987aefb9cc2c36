package org.wsss.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsss.api.BatchRunner;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.WsssIoException;
import org.wsss.api.Progress;
import org.wsss.eval.experiments.Tables;
import org.wsss.eval.jobs.LesionJobs;
import org.wsss.io.AtomicFiles;
import org.wsss.io.MaskPng;

/**
 * Runs one task per lesion on a pool of worker threads ({@link BatchRunner}), with the output
 * folder's rules on top: the behaviour every command of the tool that works lesion by lesion shares.
 * <ul>
 * <li><b>A bad lesion does not stop the run.</b> A task that throws (a corrupt PNG, a degenerate
 *     RECIST, missing slices, masks of different shapes…) fails its lesion only; the others are
 *     done. Failed lesions, and the rows a dataset could not read ({@link LesionDataset#problems()}),
 *     are listed in {@code OUT/failures.csv} (columns {@code lesion}, {@code reason}; a CSV row
 *     appears under its lesion id where its {@code File_name} is readable, else as {@code row N};
 *     the reason names the file and row), rewritten on every run, with only a header when nothing failed.</li>
 * <li><b>Every {@code Throwable} isolated.</b> An {@code Error} in one lesion (a stack overflow,
 *     an out-of-memory, a linkage error of a native library) fails that lesion only. Only an error
 *     that leaves the JVM unsound ({@link BatchRunner#isFatal}) stops the run: no further lesion
 *     starts, {@code failures.csv} is still written (the lesions not started listed as
 *     {@code cancelled}), and {@link #run} throws an {@link IllegalStateException} naming the lesion.</li>
 * <li><b>Time limit.</b> {@link #withTimeout} fails a lesion that runs longer (see
 *     {@link BatchRunner#withTimeout}); a timed-out task does not publish its output afterwards,
 *     since {@link AtomicFiles#write} refuses to move a file into place from an interrupted thread.</li>
 * <li><b>Resumable.</b> A job names the output file that marks it done. Tasks write it with
 *     {@link AtomicFiles#write} (temporary file, fsync, rename, fsync of the folder), so an
 *     output that exists is complete and a rerun skips its lesion, unless {@code force} is set.
 *     With {@link #withOutputCheck}, an existing output counts as done only if it reads back
 *     valid (a file left by a full disk or copied in by hand); otherwise the lesion is redone.
 *     Temporaries a killed run left in {@code OUT} are deleted when the next run starts.</li>
 * <li><b>Exit code.</b> {@link Report#exitCode()} is 1 when something failed, 0 otherwise (see
 *     {@link WsssCli} for the codes of the whole tool).</li>
 * </ul>
 * Results are returned in job order whatever the order the workers finish in.
 *
 * <pre>{@code
 * Batch batch = new Batch(out, threads, force, progress);
 * Batch.Report<Void> r = batch.run("weak labels", Batch.jobs(data, c -> out.resolve(c.id() + ".png")),
 *         Batch.problems(data), (lesion, file) -> { MaskPng.write(segment(lesion), file); return null; });
 * return r.exitCode();
 * }</pre>
 */
final class Batch {

    /** Default name of the failure list in the output folder. */
    static final String FAILURES_FILE = "failures.csv";

    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);

    /**
     * One unit of work.
     *
     * @param id the lesion id, as written to the failure list
     * @param input what the task works on
     * @param output the file whose existence marks the job done, or null for a job that is always run
     */
    record Job<T>(String id, T input, Path output) {
        Job {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(input, "input");
        }
    }

    /** The task run on each job; it must write {@code output} (if not null) through {@link AtomicFiles}. */
    @FunctionalInterface
    interface Work<T, R> {
        R run(T input, Path output) throws Exception;
    }

    /** Reads back an existing output; throws if it is not a valid output of the task. */
    @FunctionalInterface
    interface OutputCheck {
        void check(Path output) throws Exception;
    }

    /** A lesion (or CSV row) that could not be processed, with a one-line reason. */
    record Failure(String lesion, String reason) {
    }

    /** A job that ran to the end, with what its task returned (may be null). */
    record Done<R>(String lesion, R value) {
    }

    /**
     * What a run did, each list in job order.
     *
     * @param skipped ids of jobs whose output already existed (and read back valid, with a check)
     * @param failures the dataset's unreadable rows first, then the lesions that failed
     * @param failuresFile where {@code failures} were written
     */
    record Report<R>(String task, List<Done<R>> done, List<String> skipped, List<Failure> failures,
                     Path failuresFile) {

        /** 1 when something failed, 0 otherwise. */
        int exitCode() {
            return failures.isEmpty() ? 0 : 1;
        }

        /** E.g. {@code weak labels: 3 done, 1 already done (skipped), 1 failed (see OUT/failures.csv)}. */
        String summary() {
            StringBuilder sb = new StringBuilder(task).append(": ").append(done.size()).append(" done");
            if (!skipped.isEmpty()) {
                sb.append(", ").append(skipped.size()).append(" already done (skipped; --force redoes them)");
            }
            sb.append(", ").append(failures.size()).append(" failed");
            if (!failures.isEmpty()) {
                sb.append(" (see ").append(failuresFile).append(')');
            }
            return sb.toString();
        }
    }

    private final Path outDir;
    private final int threads;
    private final boolean force;
    private final Progress progress;
    private final String failuresName;
    private final Duration timeout;
    private final OutputCheck outputCheck;

    /** A runner writing into {@code outDir} with its failure list in {@value #FAILURES_FILE}. */
    Batch(Path outDir, int threads, boolean force, Progress progress) {
        this(outDir, threads, force, progress, FAILURES_FILE);
    }

    /**
     * A runner writing into {@code outDir} with its failure list in {@code outDir/failuresName}.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    Batch(Path outDir, int threads, boolean force, Progress progress, String failuresName) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        this.outDir = Objects.requireNonNull(outDir, "outDir");
        this.threads = threads;
        this.force = force;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.failuresName = Objects.requireNonNull(failuresName, "failuresName");
        this.timeout = null;
        this.outputCheck = null;
    }

    private Batch(Batch b, Duration timeout, OutputCheck outputCheck) {
        this.outDir = b.outDir;
        this.threads = b.threads;
        this.force = b.force;
        this.progress = b.progress;
        this.failuresName = b.failuresName;
        this.timeout = timeout;
        this.outputCheck = outputCheck;
    }

    /**
     * This runner with a time limit per lesion (null: none).
     *
     * @throws IllegalArgumentException if {@code limit} is zero or negative
     */
    Batch withTimeout(Duration limit) {
        if (limit != null && (limit.isNegative() || limit.isZero())) {
            throw new IllegalArgumentException("--lesion-timeout must be > 0, got " + limit);
        }
        return new Batch(this, limit, outputCheck);
    }

    /** This runner, counting an existing output as done only if {@code check} accepts it. */
    Batch withOutputCheck(OutputCheck check) {
        return new Batch(this, timeout, Objects.requireNonNull(check, "check"));
    }

    /** One job per case of {@code data}, in order, each marked done by {@code output.apply(case)}. */
    static List<Job<LesionCase>> jobs(LesionDataset data, Function<LesionCase, Path> output) {
        List<Job<LesionCase>> jobs = new ArrayList<>(data.size());
        for (LesionCase c : data) {
            jobs.add(new Job<>(c.id(), c, output.apply(c)));
        }
        return jobs;
    }

    /** The rows {@code data} could not read, as failures named by {@link LesionJobs#problemName}. */
    static List<Failure> problems(LesionDataset data) {
        List<Failure> out = new ArrayList<>();
        for (WsssIoException e : data.problems()) {
            out.add(new Failure(LesionJobs.problemName(e), oneLine(e.getMessage())));
        }
        return out;
    }

    /**
     * Fails when {@code data} had rows but none could be read: the CSV is then not usable at all.
     *
     * @throws WsssIoException naming {@code csv}, the number of bad rows and the first reason
     */
    static void requireUsableRows(LesionDataset data, Path csv, Report<?> report) {
        if (data.size() == 0 && !data.problems().isEmpty()) {
            throw new WsssIoException(csv, "no usable row (" + data.problems().size() + " bad, listed in "
                    + report.failuresFile() + "); first: " + oneLine(data.problems().get(0).getMessage()), null);
        }
    }

    /**
     * Runs {@code work} on every job not already done, on the pool, and writes the failure list.
     *
     * @param task name shown on the progress bar and in the summary
     * @param known failures found before the run (e.g. {@link #problems}), listed first
     * @throws WsssIoException if the output folder or the failure list cannot be written
     */
    <T, R> Report<R> run(String task, List<Job<T>> jobs, List<Failure> known, Work<T, R> work) {
        Objects.requireNonNull(work, "work");
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new WsssIoException(outDir, "cannot create output folder: " + e, e);
        }
        AtomicFiles.deleteStaleTemporaries(outDir);
        List<String> skipped = new ArrayList<>();
        List<Job<T>> todo = new ArrayList<>(jobs.size());
        for (Job<T> job : jobs) {
            if (!force && job.output() != null && isDone(job)) {
                skipped.add(job.id());
            } else {
                todo.add(job);
            }
        }
        List<Done<R>> done = new ArrayList<>();
        List<Failure> failures = new ArrayList<>(known);
        Path failuresFile = outDir.resolve(failuresName);
        Error stop = null;
        String[] stoppedBy = {null};
        try {
            BatchRunner.withThreads(threads).withProgress(task, progress).withTimeout(timeout)
                    .<Job<T>, R>runEach(todo, Job::id, job -> work.run(job.input(), job.output()), o -> {
                        if (o.done()) {
                            done.add(new Done<>(o.id(), o.value()));
                        } else {
                            String reason = o.cancelled() ? "cancelled" : reason(o.error());
                            LOG.info("lesion {} failed: {}", o.id(), reason);
                            LOG.debug("lesion {} failed", o.id(), o.error());
                            failures.add(new Failure(o.id(), reason));
                            if (o.failed() && BatchRunner.isFatal(o.error())) {
                                stoppedBy[0] = o.id();
                            }
                        }
                    });
        } catch (Error e) {
            // The JVM is not sound: list what failed so far, then stop.
            stop = e;
        } finally {
            Tables table = new Tables(List.of("lesion", "reason"));
            for (Failure f : failures) {
                table.add(List.of(f.lesion(), f.reason()));
            }
            table.writeCsv(failuresFile);
        }
        if (stop != null) {
            throw new IllegalStateException(task + " stopped" + (stoppedBy[0] == null ? "" : " at lesion " + stoppedBy[0])
                    + ": " + reason(stop) + " (failures so far in " + failuresFile + ")", stop);
        }
        return new Report<>(task, done, skipped, failures, failuresFile);
    }

    /** Whether {@code job}'s output exists and, with a check, reads back valid. */
    private boolean isDone(Job<?> job) {
        if (!Files.isRegularFile(job.output())) {
            return false;
        }
        if (outputCheck == null) {
            return true;
        }
        try {
            outputCheck.check(job.output());
            return true;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            LOG.info("lesion {}: existing {} is not valid, redoing it: {}", job.id(), job.output(), reason(e));
            return false;
        }
    }

    /** One line saying why a lesion failed ({@link LesionJobs#failureReason}). */
    static String reason(Throwable e) {
        return HeapHint.append(LesionJobs.failureReason(e), e);
    }

    private static String oneLine(String s) {
        return LesionJobs.oneLine(s);
    }
}
