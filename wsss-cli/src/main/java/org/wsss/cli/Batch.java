package org.wsss.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *     appears as {@code row N}), rewritten on every run, with only a header when nothing failed.</li>
 * <li><b>Resumable.</b> A job names the output file that marks it done. Tasks write it with
 *     {@link AtomicFiles#write} (temporary file + rename), so an output that exists is complete
 *     and a rerun skips its lesion, unless {@code force} is set. Temporaries a killed run left in
 *     {@code OUT} are deleted when the next run starts.</li>
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

    /** A lesion (or CSV row) that could not be processed, with a one-line reason. */
    record Failure(String lesion, String reason) {
    }

    /** A job that ran to the end, with what its task returned (may be null). */
    record Done<R>(String lesion, R value) {
    }

    /**
     * What a run did, each list in job order.
     *
     * @param skipped ids of jobs whose output already existed
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
    }

    /** One job per case of {@code data}, in order, each marked done by {@code output.apply(case)}. */
    static List<Job<LesionCase>> jobs(LesionDataset data, Function<LesionCase, Path> output) {
        List<Job<LesionCase>> jobs = new ArrayList<>(data.size());
        for (LesionCase c : data) {
            jobs.add(new Job<>(c.id(), c, output.apply(c)));
        }
        return jobs;
    }

    /** The rows {@code data} could not read, as failures named {@code row N}. */
    static List<Failure> problems(LesionDataset data) {
        List<Failure> out = new ArrayList<>();
        for (WsssIoException e : data.problems()) {
            out.add(new Failure(e.row() >= 0 ? "row " + e.row()
                    : e.file().map(f -> f.getFileName().toString()).orElse("dataset"), oneLine(e.getMessage())));
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
            if (!force && job.output() != null && Files.exists(job.output())) {
                skipped.add(job.id());
            } else {
                todo.add(job);
            }
        }
        List<BatchRunner.Outcome<R>> outcomes = BatchRunner.withThreads(threads).withProgress(task, progress)
                .run(todo, Job::id, job -> work.run(job.input(), job.output()));

        List<Done<R>> done = new ArrayList<>();
        List<Failure> failures = new ArrayList<>(known);
        for (BatchRunner.Outcome<R> o : outcomes) {
            if (o.done()) {
                done.add(new Done<>(o.id(), o.value()));
            } else {
                String reason = o.cancelled() ? "cancelled" : reason(o.error());
                LOG.info("lesion {} failed: {}", o.id(), reason);
                LOG.debug("lesion {} failed", o.id(), o.error());
                failures.add(new Failure(o.id(), reason));
            }
        }
        Path failuresFile = outDir.resolve(failuresName);
        Tables table = new Tables(List.of("lesion", "reason"));
        for (Failure f : failures) {
            table.add(List.of(f.lesion(), f.reason()));
        }
        table.writeCsv(failuresFile);
        return new Report<>(task, done, skipped, failures, failuresFile);
    }

    /** The message alone for the SDK's own exceptions (they name file and row), else type and message. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        if ((e instanceof WsssIoException || e instanceof IllegalArgumentException) && m != null && !m.isBlank()) {
            return oneLine(m);
        }
        return oneLine(m == null || m.isBlank() ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + m);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
