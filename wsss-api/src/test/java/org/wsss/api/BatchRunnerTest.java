package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wsss.api.contract.CountingProgress;

class BatchRunnerTest {

    static final List<Integer> ITEMS = IntStream.range(0, 40).boxed().toList();

    @Test
    void outcomesKeepItemOrderWhateverTheFinishingOrder() {
        List<BatchRunner.Outcome<Integer>> out = BatchRunner.withThreads(4).run(ITEMS, i -> "item" + i, i -> {
            Thread.sleep((40 - i) % 7);
            return i * i;
        });
        assertEquals(ITEMS.size(), out.size());
        for (int i = 0; i < out.size(); i++) {
            assertEquals("item" + i, out.get(i).id());
            assertEquals(i * i, out.get(i).value());
            assertTrue(out.get(i).done());
        }
    }

    @Test
    void aFailingItemFailsAloneEvenWithAStackOverflow() {
        List<BatchRunner.Outcome<Integer>> out = BatchRunner.withThreads(3).run(ITEMS, String::valueOf, i -> {
            if (i == 5) {
                throw new IllegalArgumentException("bad five");
            }
            if (i == 6) {
                return recurse(i);
            }
            if (i == 7) {
                throw new IOException("unreadable seven");
            }
            return i;
        });
        assertEquals("bad five", out.get(5).error().getMessage());
        assertInstanceOf(StackOverflowError.class, out.get(6).error());
        assertInstanceOf(IOException.class, out.get(7).error());
        assertEquals(ITEMS.size() - 3, out.stream().filter(BatchRunner.Outcome::done).count());
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class, () -> BatchRunner.valuesOrThrow(out));
        assertEquals("bad five", first.getMessage());
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @Test
    void progressAdvancesOncePerItem() {
        CountingProgress p = new CountingProgress();
        BatchRunner.withThreads(2).withProgress("test", p).run(ITEMS, String::valueOf, i -> i);
        assertEquals(ITEMS.size(), p.total.get());
        assertEquals(ITEMS.size(), p.advanced.get());
        assertEquals(1, p.finished.get());
    }

    @Test
    void cancellationStopsStartingItems() {
        AtomicInteger ran = new AtomicInteger();
        BatchRunner runner = BatchRunner.withThreads(1).cancelWhen(() -> ran.get() >= 10);
        List<BatchRunner.Outcome<Integer>> out = runner.run(ITEMS, String::valueOf, i -> {
            ran.incrementAndGet();
            return i;
        });
        assertEquals(10, ran.get());
        assertEquals(10, out.stream().filter(BatchRunner.Outcome::done).count());
        assertTrue(out.get(39).cancelled());
        assertFalse(out.get(39).failed());
        assertThrows(IllegalStateException.class, () -> BatchRunner.valuesOrThrow(out));
    }

    @Test
    void cancelFromATaskAndInterruptOfTheCaller() throws Exception {
        BatchRunner runner = BatchRunner.withThreads(1);
        List<BatchRunner.Outcome<Integer>> out = runner.run(ITEMS, String::valueOf, i -> {
            if (i == 3) {
                runner.cancel();
            }
            return i;
        });
        assertEquals(4, out.stream().filter(BatchRunner.Outcome::done).count());

        CountDownLatch started = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        List<BatchRunner.Outcome<Integer>> out2 = BatchRunner.withThreads(1).run(ITEMS, String::valueOf, i -> {
            if (i == 0) {
                started.countDown();
                caller.interrupt();
                Thread.sleep(50);
            }
            return i;
        });
        assertTrue(Thread.interrupted(), "the interrupt is handed back to the caller");
        assertEquals(ITEMS.size(), out2.size());
        assertTrue(out2.get(0).done() || out2.get(0).failed());
        assertTrue(out2.get(39).cancelled());
    }

    @Test
    void everyErrorOfOneItemFailsThatItemOnly() {
        List<BatchRunner.Outcome<Integer>> out = BatchRunner.withThreads(2).run(ITEMS, String::valueOf, i -> {
            switch (i) {
                case 2: throw new OutOfMemoryError("Java heap space");
                case 3: throw new AssertionError("broken invariant");
                case 4: throw new UnsatisfiedLinkError("no jniopencv");
                case 5: throw new ExceptionInInitializerError("static init");
                default: return i;
            }
        });
        assertInstanceOf(OutOfMemoryError.class, out.get(2).error());
        assertInstanceOf(AssertionError.class, out.get(3).error());
        assertInstanceOf(UnsatisfiedLinkError.class, out.get(4).error());
        assertInstanceOf(ExceptionInInitializerError.class, out.get(5).error());
        assertEquals(ITEMS.size() - 4, out.stream().filter(BatchRunner.Outcome::done).count());
    }

    @Test
    void anErrorThatLeavesTheJvmUnsoundStopsTheBatchAfterDeliveringEveryOutcome() {
        List<BatchRunner.Outcome<Integer>> seen = new java.util.ArrayList<>();
        InternalError e = assertThrows(InternalError.class, () -> BatchRunner.withThreads(1)
                .<Integer, Integer>runEach(ITEMS, String::valueOf, i -> {
                    if (i == 4) {
                        throw new InternalError("corrupt heap");
                    }
                    return i;
                }, seen::add));
        assertEquals("corrupt heap", e.getMessage());
        assertEquals(ITEMS.size(), seen.size());
        assertEquals(4, seen.stream().filter(BatchRunner.Outcome::done).count());
        assertSame(e, seen.get(4).error());
        assertTrue(seen.subList(5, ITEMS.size()).stream().allMatch(BatchRunner.Outcome::cancelled));
        assertTrue(BatchRunner.isFatal(e));
        assertFalse(BatchRunner.isFatal(new OutOfMemoryError()));
        assertFalse(BatchRunner.isFatal(new StackOverflowError()));
    }

    @Test
    void anItemPastTheTimeLimitFailsAndAStuckOneHoldsUpNothing() {
        java.util.concurrent.atomic.AtomicBoolean release = new java.util.concurrent.atomic.AtomicBoolean();
        long t0 = System.nanoTime();
        List<BatchRunner.Outcome<Integer>> out = BatchRunner.withThreads(2).withTimeout(java.time.Duration.ofMillis(300))
                .run(ITEMS, String::valueOf, i -> {
                    if (i == 1 || i == 7) {
                        // stuck: ignores interrupts, as a native call would
                        while (!release.get()) {
                            Thread.onSpinWait();
                        }
                    }
                    return i;
                });
        double seconds = (System.nanoTime() - t0) / 1e9;
        release.set(true);
        assertInstanceOf(java.util.concurrent.TimeoutException.class, out.get(1).error());
        assertInstanceOf(java.util.concurrent.TimeoutException.class, out.get(7).error());
        assertTrue(out.get(1).error().getMessage().contains("300 ms"), out.get(1).error().getMessage());
        assertEquals(ITEMS.size() - 2, out.stream().filter(BatchRunner.Outcome::done).count());
        assertTrue(seconds < 5, "took " + seconds + " s");
        assertThrows(IllegalArgumentException.class, () -> BatchRunner.withThreads(1).withTimeout(java.time.Duration.ZERO));
    }

    @Test
    void atMostThreadsItemsRunAtOnce() {
        AtomicInteger running = new AtomicInteger(), most = new AtomicInteger();
        BatchRunner.withThreads(3).run(ITEMS, String::valueOf, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(2);
            running.decrementAndGet();
            return i;
        });
        assertTrue(most.get() <= 3 && most.get() >= 2, "at most " + most.get());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BatchRunner.withThreads(0));
        assertTrue(BatchRunner.withThreads(2).run(List.of(), String::valueOf, i -> i).isEmpty());
        List<BatchRunner.Outcome<Object>> nulls = BatchRunner.withThreads(1).run(List.of(1), String::valueOf, i -> null);
        assertSame(null, BatchRunner.valuesOrThrow(nulls).get(0));
    }
}
