package org.wsss.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one task per item (usually per lesion) on a pool of worker threads: the loop every batch
 * job of the SDK shares (the command-line tool, the experiments, WSSS training's labelling).
 *
 * <ul>
 *   <li><b>Ordered.</b> Outcomes come back in item order whatever order the workers finish in.</li>
 *   <li><b>Isolated.</b> An item whose task throws anything — an exception or an {@code Error}
 *       such as {@link StackOverflowError}, {@link OutOfMemoryError}, {@link AssertionError} or
 *       {@link LinkageError} — fails alone; its {@link Outcome} holds the error and the other
 *       items are done. Only a {@link VirtualMachineError} other than those two (an
 *       {@link InternalError}, an {@link UnknownError}: the JVM itself is no longer sound) stops
 *       the batch: no further item starts, every outcome (the others {@link Outcome#cancelled()})
 *       still reaches the sink, and then the error is rethrown to the caller.</li>
 *   <li><b>Time limit.</b> {@link #withTimeout} bounds each item's run time. An item past it
 *       fails with a {@link TimeoutException} and its worker is interrupted; its slot goes to the
 *       next item at once, so a task stuck in a native call that ignores the interrupt holds up
 *       neither the batch nor its end (workers are daemon threads; whatever a late task returns
 *       is dropped).</li>
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
    private final Duration timeout;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private BatchRunner(int threads, Progress progress, String task, BooleanSupplier cancelWhen, Duration timeout) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
        this.threads = threads;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.task = Objects.requireNonNull(task, "task");
        this.cancelWhen = Objects.requireNonNull(cancelWhen, "cancelWhen");
        this.timeout = timeout;
    }

    /**
     * A runner on {@code threads} workers, no progress reporting.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static BatchRunner withThreads(int threads) {
        return new BatchRunner(threads, Progress.NONE, "batch", () -> false, null);
    }

    /** This runner reporting to {@code progress} under the name {@code task}. */
    public BatchRunner withProgress(String task, Progress progress) {
        return new BatchRunner(threads, progress, task, cancelWhen, timeout);
    }

    /** This runner, also cancelled when {@code condition} becomes true (checked before each item). */
    public BatchRunner cancelWhen(BooleanSupplier condition) {
        return new BatchRunner(threads, progress, task, condition, timeout);
    }

    /**
     * This runner with a time limit per item (null: none); see the class comment.
     *
     * @throws IllegalArgumentException if {@code limit} is zero or negative
     */
    public BatchRunner withTimeout(Duration limit) {
        return new BatchRunner(threads, progress, task, cancelWhen, limit);
    }

    /**
     * Whether {@code e}, thrown by one item's task, leaves the JVM unsound, so that the batch
     * must stop: a {@link VirtualMachineError} other than {@link StackOverflowError} and
     * {@link OutOfMemoryError} (whose stack or allocation is released when the item fails).
     */
    public static boolean isFatal(Throwable e) {
        return e instanceof VirtualMachineError && !(e instanceof StackOverflowError)
                && !(e instanceof OutOfMemoryError);
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
        int n = items.size();
        List<CompletableFuture<Outcome<R>>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(new CompletableFuture<>());
        }
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        // At most `threads` items at once, on a pool that grows as needed: a timed-out item's
        // thread may stay stuck (a native call ignores interrupts) without taking a slot from the others.
        Semaphore slots = new Semaphore(Math.min(threads, n));
        AtomicInteger workerNo = new AtomicInteger();
        String threadName = "wsss-" + task.replaceAll("\\W+", "-") + "-";
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + workerNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService watchdog = timeout == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName + "watchdog");
            t.setDaemon(true);
            return t;
        });
        Thread dispatcher = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                T item = items.get(i);
                CompletableFuture<Outcome<R>> f = futures.get(i);
                try {
                    slots.acquire();
                } catch (InterruptedException e) {
                    // the caller gave up: the rest are cancelled below
                    cancelled.set(true);
                    for (int k = i; k < n; k++) {
                        progress.advance(1);
                        futures.get(k).complete(new Outcome<>(idOf(id, items.get(k)), null, null, true));
                    }
                    return;
                }
                if (cancelled.get() || cancelWhen.getAsBoolean()) {
                    cancelled.set(true);
                    progress.advance(1);
                    f.complete(new Outcome<>(idOf(id, item), null, null, true));
                    slots.release();
                    continue;
                }
                AtomicReference<Thread> worker = new AtomicReference<>();
                AtomicBoolean claimed = new AtomicBoolean();
                pool.execute(() -> {
                    worker.set(Thread.currentThread());
                    Outcome<R> o = runOne(idOf(id, item), item, work, fatal);
                    synchronized (worker) {
                        finish(claimed, f, o, slots);
                        // the thread goes back to the pool: a late timeout must not interrupt its next item
                        worker.set(null);
                        Thread.interrupted();
                    }
                });
                if (watchdog != null) {
                    watchdog.schedule(() -> {
                        synchronized (worker) {
                            if (finish(claimed, f, new Outcome<>(idOf(id, item), null, new TimeoutException(
                                    "no result within the time limit of " + describe(timeout)), false), slots)) {
                                Thread t = worker.get();
                                if (t != null) {
                                    t.interrupt();
                                }
                            }
                        }
                    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
        }, threadName + "dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
        try {
            boolean interrupted = false;
            for (int i = 0; i < n; i++) {
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
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("cannot happen: futures are only completed normally", e);
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
            pool.shutdownNow();
            progress.finish();
        }
        Throwable f = fatal.get();
        if (f instanceof Error err) {
            throw err;
        }
    }

    /**
     * Completes {@code f} with {@code o} unless the worker or the watchdog claimed it first; the
     * one that claims it advances the progress (before the caller can see the outcome) and frees the slot.
     */
    private <R> boolean finish(AtomicBoolean claimed, CompletableFuture<Outcome<R>> f, Outcome<R> o, Semaphore slots) {
        if (!claimed.compareAndSet(false, true)) {
            return false;
        }
        progress.advance(1);
        f.complete(o);
        slots.release();
        return true;
    }

    private static <T> String idOf(Id<? super T> id, T item) {
        return id.of(item);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private <T, R> Outcome<R> runOne(String id, T item, Task<? super T, ? extends R> work,
                                     AtomicReference<Throwable> fatal) {
        try {
            return new Outcome<>(id, work.run(item), null, false);
        } catch (Throwable e) {
            if (isFatal(e)) {
                // the JVM is not sound: start nothing more, rethrow once every outcome is out
                fatal.compareAndSet(null, e);
                cancelled.set(true);
            }
            return new Outcome<>(id, null, e, false);
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
