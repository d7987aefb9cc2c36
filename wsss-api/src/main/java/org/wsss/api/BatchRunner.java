package org.wsss.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one task per item (usually per lesion) on a pool of worker threads: the loop every batch
 * job of the SDK shares (the command-line tool, the experiments, WSSS training's labelling).
 *
 * <ul>
 *   <li><b>Ordered.</b> Outcomes come back in item order whatever order the workers finish in.</li>
 *   <li><b>Isolated.</b> An item whose task throws fails alone; its {@link Outcome} holds the
 *       error and the other items are done. A {@link StackOverflowError} or
 *       {@link OutOfMemoryError} raised by one item's task is isolated the same way (a deep
 *       recursion or one huge input must not stop the batch); other {@code Error}s stop it.</li>
 *   <li><b>Progress.</b> {@link Progress#advance} once per finished item, from the workers.</li>
 *   <li><b>Cancellation.</b> {@link #cancel()}, a {@code cancelWhen} condition or an interrupt
 *       of the calling thread stops the batch from starting further items: they come back
 *       {@link Outcome#cancelled()}; items already running finish.</li>
 * </ul>
 *
 * <pre>{@code
 * BatchRunner runner = BatchRunner.withThreads(4);
 * List<BatchRunner.Outcome<Mask3D>> out = runner.run(cases, LesionCase::id, segmenter::segment);
 * for (BatchRunner.Outcome<Mask3D> o : out) {
 *     if (o.failed()) System.err.println(o.id() + ": " + o.error().getMessage());
 * }
 * List<Mask3D> all = BatchRunner.valuesOrThrow(out);   // fail-fast view, first error rethrown
 * }</pre>
 *
 * <p>A runner is reusable and thread-safe; each {@link #run} call has its own pool.
 */
public final class BatchRunner {

    /** The work done for one item. */
    @FunctionalInterface
    public interface Task<T, R> {
        /** The result for {@code item} (may be null). */
        R run(T item) throws Exception;
    }

    /** The id an item is reported under (a lesion id, a file name). */
    @FunctionalInterface
    public interface Id<T> {
        /** The id of {@code item}. */
        String of(T item);
    }

    /**
     * What became of one item.
     *
     * @param id the item's id
     * @param value what the task returned, or null if it failed or was cancelled
     * @param error why it failed, or null
     * @param cancelled whether it was never started because the batch was cancelled
     */
    public record Outcome<R>(String id, R value, Throwable error, boolean cancelled) {

        /** Whether the task threw. */
        public boolean failed() {
            return error != null;
        }

        /** Whether the task ran to the end. */
        public boolean done() {
            return error == null && !cancelled;
        }
    }

    private final int threads;
    private final Progress progress;
    private final String task;
    private final BooleanSupplier cancelWhen;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private BatchRunner(int threads, Progress progress, String task, BooleanSupplier cancelWhen) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.task = Objects.requireNonNull(task, "task");
        this.cancelWhen = Objects.requireNonNull(cancelWhen, "cancelWhen");
    }

    /**
     * A runner on {@code threads} workers, no progress reporting.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static BatchRunner withThreads(int threads) {
        return new BatchRunner(threads, Progress.NONE, "batch", () -> false);
    }

    /** This runner reporting to {@code progress} under the name {@code task}. */
    public BatchRunner withProgress(String task, Progress progress) {
        return new BatchRunner(threads, progress, task, cancelWhen);
    }

    /** This runner, also cancelled when {@code condition} becomes true (checked before each item). */
    public BatchRunner cancelWhen(BooleanSupplier condition) {
        return new BatchRunner(threads, progress, task, condition);
    }

    /** The number of worker threads. */
    public int threads() {
        return threads;
    }

    /** Starts no further item in a running or later {@link #run} of this runner. */
    public void cancel() {
        cancelled.set(true);
    }

    /** Runs {@code work} on every item of {@code items}; see the class comment. */
    public <T, R> List<Outcome<R>> run(List<? extends T> items, Id<? super T> id, Task<? super T, ? extends R> work) {
        List<Outcome<R>> out = new ArrayList<>(items.size());
        this.<T, R>runEach(items, id, work, out::add);
        return out;
    }

    /**
     * As {@link #run}, but hands each outcome to {@code sink} in item order as soon as it and
     * every earlier one are done, on the calling thread, and keeps none: for batches whose
     * results are too large to hold all at once (3D masks of thousands of lesions).
     */
    public <T, R> void runEach(List<? extends T> items, Id<? super T> id, Task<? super T, ? extends R> work,
                               Consumer<? super Outcome<R>> sink) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(sink, "sink");
        progress.start(task, items.size());
        if (items.isEmpty()) {
            progress.finish();
            return;
        }
        AtomicInteger workerNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
            Thread t = new Thread(r, "wsss-" + task.replaceAll("\\W+", "-") + "-" + workerNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome<R>>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> runOne(id.of(item), item, work)));
            }
            boolean interrupted = false;
            for (int i = 0; i < futures.size(); i++) {
                while (true) {
                    try {
                        Outcome<R> o = futures.get(i).get();
                        futures.set(i, null);
                        sink.accept(o);
                        break;
                    } catch (InterruptedException e) {
                        // The caller was interrupted: start nothing more, let running items end,
                        // and hand the interrupt back to the caller when done.
                        cancelled.set(true);
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            // runOne isolates Exceptions and the two recoverable Errors; anything else stops the batch.
            Throwable c = e.getCause();
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(task + " stopped: " + c, c);
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
    }

    private <T, R> Outcome<R> runOne(String id, T item, Task<? super T, ? extends R> work) {
        if (cancelled.get() || cancelWhen.getAsBoolean()) {
            cancelled.set(true);
            return new Outcome<>(id, null, null, true);
        }
        try {
            return new Outcome<>(id, work.run(item), null, false);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            return new Outcome<>(id, null, e, false);
        } finally {
            progress.advance(1);
        }
    }

    /**
     * The values of {@code outcomes} in order, for callers that need every item.
     *
     * @throws RuntimeException the first failed item's exception (a checked one wrapped in an
     *     {@link IllegalStateException} naming the item), or {@link IllegalStateException} if an
     *     item was cancelled
     */
    public static <R> List<R> valuesOrThrow(List<Outcome<R>> outcomes) {
        List<R> values = new ArrayList<>(outcomes.size());
        for (Outcome<R> o : outcomes) {
            if (o.error() instanceof RuntimeException re) {
                throw re;
            }
            if (o.error() instanceof Error err) {
                throw err;
            }
            if (o.error() != null) {
                throw new IllegalStateException(o.id() + ": " + o.error(), o.error());
            }
            if (o.cancelled()) {
                throw new IllegalStateException(o.id() + ": cancelled");
            }
            values.add(o.value());
        }
        return values;
    }
}
