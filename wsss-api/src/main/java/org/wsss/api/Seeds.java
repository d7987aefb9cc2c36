package org.wsss.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One root seed, split per use: every random choice of a run (a network's initial weights, each
 * training step's shuffling and augmentation) draws from a seed derived from the run's root seed
 * and a stable name of the use, so a run is replayed from one number and two uses never share a
 * stream. The derivation is fixed: the same (root, use) gives the same seed in every version.
 *
 * <pre>{@code
 * long init = Seeds.derive(run.seed(), "network");
 * long step3 = Seeds.derive(run.seed(), "training-step-3");
 * }</pre>
 */
public final class Seeds {

    private Seeds() {
    }

    /**
     * The seed of {@code use} under {@code root}: SplitMix64's finaliser over the root mixed with
     * the 64-bit FNV-1a hash of the use's UTF-8 bytes.
     *
     * @throws IllegalArgumentException if {@code use} is blank
     */
    public static long derive(long root, String use) {
        Objects.requireNonNull(use, "use");
        if (use.isBlank()) {
            throw new IllegalArgumentException("a seed's use must be named");
        }
        long h = 0xcbf29ce484222325L;
        for (byte b : use.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(mix(root) ^ h);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
