package org.wsss.api.contract;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.wsss.api.Progress;

/** A {@link Progress} that counts what it is told, for tests of anything that reports progress. */
public final class CountingProgress implements Progress {

    /** The total of the last {@link #start}. */
    public final AtomicLong total = new AtomicLong();
    /** Units advanced, summed over all threads. */
    public final AtomicLong advanced = new AtomicLong();
    /** Calls of {@link #finish}. */
    public final AtomicInteger finished = new AtomicInteger();

    @Override
    public void start(String task, long n) {
        total.set(n);
    }

    @Override
    public void advance(long n) {
        advanced.addAndGet(n);
    }

    @Override
    public void finish() {
        finished.incrementAndGet();
    }
}
