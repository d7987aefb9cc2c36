package org.wsss.cli;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wsss.api.Mask3D;

/**
 * The masks a {@code segment} run wrote, kept in memory as their set voxels (4 bytes each) up to
 * a budget, so that the label maps written after the run need not read every lesion's whole
 * volume back from disk. A mask past the budget, or written by an earlier run, is read from its
 * file as before. Thread-safe.
 */
final class WrittenMasks {

    /** Set voxels kept at most, over all masks: 16 M voxels = 64 MB. */
    static final long DEFAULT_BUDGET = 16L << 20;

    private record Kept(int width, int height, int depth, org.wsss.api.VoxelSpacing spacing, int[] voxels) {
    }

    private final long budget;
    private final AtomicLong used = new AtomicLong();
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    WrittenMasks(long budget) {
        this.budget = budget;
    }

    /** Keeps {@code mask} of lesion {@code id} if it fits the budget. */
    void put(String id, Mask3D mask) {
        long n = mask.count();
        if (used.addAndGet(n) > budget) {
            used.addAndGet(-n);
            return;
        }
        int[] v = new int[(int) n];
        int k = 0;
        for (long i = mask.nextSet(0); i >= 0; i = mask.nextSet(i + 1)) {
            v[k++] = (int) i;
        }
        kept.put(id, new Kept(mask.width(), mask.height(), mask.depth(), mask.spacing(), v));
    }

    /** The mask kept for {@code id}, or null. */
    Mask3D get(String id) {
        Kept k = kept.get(id);
        if (k == null) {
            return null;
        }
        Mask3D.Builder b = Mask3D.builder(k.width(), k.height(), k.depth(), k.spacing());
        int plane = k.width() * k.height();
        for (int i : k.voxels()) {
            b.set(i % k.width(), i % plane / k.width(), i / plane);
        }
        return b.build();
    }
}
