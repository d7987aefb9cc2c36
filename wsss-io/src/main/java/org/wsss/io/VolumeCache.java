package org.wsss.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.wsss.api.Volume;

/**
 * Keeps the last few volumes read, so the lesions of one volume (segmented one after another,
 * possibly by several workers at once) read its file once. A volume being read by one worker is
 * waited for, not read again, by the others. At most {@code capacity} volumes are held.
 */
final class VolumeCache<K> {

    private final int capacity;
    private final Function<K, Volume> loader;
    private final LinkedHashMap<K, CompletableFuture<Volume>> held = new LinkedHashMap<>(16, 0.75f, true);

    VolumeCache(int capacity, Function<K, Volume> loader) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.loader = loader;
    }

    /** The volume of {@code key}, read now or earlier; a failed read is not kept, so a retry reads again. */
    Volume get(K key) {
        CompletableFuture<Volume> f;
        boolean mine = false;
        synchronized (this) {
            f = held.get(key);
            if (f == null) {
                f = new CompletableFuture<>();
                held.put(key, f);
                mine = true;
                while (held.size() > capacity) {
                    K eldest = held.keySet().iterator().next();
                    held.remove(eldest);
                }
            }
        }
        if (mine) {
            try {
                f.complete(loader.apply(key));
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    held.remove(key, f);
                }
                f.completeExceptionally(e);
            }
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    synchronized Map<K, Boolean> snapshot() {
        Map<K, Boolean> m = new LinkedHashMap<>();
        held.forEach((k, v) -> m.put(k, v.isDone()));
        return m;
    }
}
