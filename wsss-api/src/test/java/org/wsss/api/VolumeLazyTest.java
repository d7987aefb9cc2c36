package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class VolumeLazyTest {

    static final VoxelSpacing SP = new VoxelSpacing(0.8, 0.8, 2.5);

    static Slice slice(int w, int h, int z) {
        float[] hu = new float[w * h];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = z * 1000 + i;
        }
        return Slice.of(w, h, hu, SP);
    }

    @Test
    void aLazyVolumeGivesTheSlicesOfTheEagerOneAndMakesOnlyThoseAskedFor() {
        List<Slice> eager = new ArrayList<>();
        for (int z = 0; z < 6; z++) {
            eager.add(slice(7, 5, z));
        }
        Volume e = Volume.of(eager, SP);
        AtomicIntegerArray made = new AtomicIntegerArray(6);
        Volume l = Volume.lazy(7, 5, 6, SP, z -> {
            made.incrementAndGet(z);
            return slice(7, 5, z);
        });
        assertEquals(e.toString(), l.toString());
        assertEquals(0, made.get(0) + made.get(1) + made.get(2) + made.get(3) + made.get(4) + made.get(5),
                "nothing is made before it is asked for");
        assertEquals(e.slice(3), l.slice(3));
        assertSame(l.slice(3), l.slice(3));
        assertEquals(1, made.get(3));
        assertEquals(0, made.get(2));
        for (int z = 0; z < 6; z++) {
            assertEquals(e.slice(z), l.slice(z));
            assertEquals(e.get(4, 2, z), l.get(4, 2, z));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> l.slice(6));
        assertThrows(IndexOutOfBoundsException.class, () -> l.slice(-1));
    }

    @Test
    void concurrentReadersGetOneSliceMadeOnce() throws Exception {
        int depth = 40, threads = 8;
        AtomicIntegerArray made = new AtomicIntegerArray(depth);
        Volume l = Volume.lazy(16, 16, depth, SP, z -> {
            made.incrementAndGet(z);
            Thread.yield();
            return slice(16, 16, z);
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Slice>>> seen = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                seen.add(pool.submit(() -> {
                    start.await();
                    List<Slice> out = new ArrayList<>();
                    for (int i = 0; i < depth; i++) {
                        out.add(l.slice((i + offset) % depth));
                    }
                    return out;
                }));
            }
            start.countDown();
            List<Slice> first = seen.get(0).get(30, TimeUnit.SECONDS);
            for (int t = 1; t < threads; t++) {
                List<Slice> other = seen.get(t).get(30, TimeUnit.SECONDS);
                for (int i = 0; i < depth; i++) {
                    // the same object, whichever thread made it
                    assertSame(first.get(i), other.get((i - t + depth) % depth));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (int z = 0; z < depth; z++) {
            assertEquals(1, made.get(z), "slice " + z + " made once");
            assertEquals(slice(16, 16, z), l.slice(z));
        }
    }

    @Test
    void aFailingSourceReachesTheCallerAndIsTriedAgain() {
        AtomicInteger calls = new AtomicInteger();
        Volume l = Volume.lazy(4, 4, 2, SP, z -> {
            if (calls.incrementAndGet() == 1) {
                throw new WsssIoException(java.nio.file.Path.of("slice-" + z + ".dcm"), "cannot read", null);
            }
            return slice(4, 4, z);
        });
        WsssIoException e = assertThrows(WsssIoException.class, () -> l.slice(1));
        assertTrue(e.getMessage().contains("slice-1.dcm"), e.getMessage());
        assertEquals(slice(4, 4, 1), l.slice(1));
        assertEquals(2, calls.get());
    }

    @Test
    void aSourceGivingAnotherShapeOrNothingIsRefused() {
        Volume wrong = Volume.lazy(4, 4, 2, SP, z -> slice(5, 4, z));
        assertThrows(IllegalStateException.class, () -> wrong.slice(0));
        Volume none = Volume.lazy(4, 4, 2, SP, z -> null);
        assertThrows(IllegalStateException.class, () -> none.slice(1));
        assertThrows(IllegalArgumentException.class, () -> Volume.lazy(4, 4, 0, SP, z -> slice(4, 4, z)));
        assertThrows(IllegalArgumentException.class, () -> Volume.lazy(0, 4, 1, SP, z -> slice(4, 4, z)));
        Volume l = Volume.lazy(4, 3, 2, SP, z -> slice(4, 3, z));
        assertEquals(4, l.width());
        assertEquals(3, l.height());
        assertEquals(2, l.depth());
        assertSame(SP, l.spacing());
    }
}
