package org.wsss.benchmarks;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * The glibc {@code malloc} settings a benchmark fork runs under, applied identically to both
 * sides of {@link HnnPeerBenchmark}. PyTorch's CPU allocator takes every tensor straight from
 * {@code malloc}; with glibc's defaults the large activation and gradient buffers of a training
 * step are fresh {@code mmap}s, page-faulted and zeroed by the kernel on every step; on the
 * 2-core machine that made its step about 4 times slower (a run of 110 steps spent 13 s in the
 * kernel, against 0.7 s tuned). Raising
 * the {@code mmap} threshold (and the trim threshold, so the heap is not handed back either)
 * lets freed buffers be reused — the effect the PyTorch CPU tuning advice gets from jemalloc or
 * tcmalloc. ND4J reuses its own memory, so the setting is expected to matter little for it.
 *
 * <ul>
 *   <li>{@code default}: glibc as the process starts (nothing is changed).</li>
 *   <li>{@code tuned}: {@code mallopt(M_MMAP_THRESHOLD, 64 MiB)} and
 *       {@code mallopt(M_TRIM_THRESHOLD, 256 MiB)}, what the environment
 *       {@code MALLOC_MMAP_THRESHOLD_=67108864 MALLOC_TRIM_THRESHOLD_=268435456} sets at start.</li>
 * </ul>
 */
final class MallocPolicy {

    /** glibc's defaults. */
    static final String DEFAULT = "default";
    /** Large blocks stay in the heap for reuse. */
    static final String TUNED = "tuned";

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;

    private MallocPolicy() {
    }

    /**
     * Applies a policy to this process and prints it.
     *
     * @throws IllegalArgumentException for an unknown policy
     * @throws IllegalStateException if {@code tuned} cannot be applied (no glibc {@code mallopt})
     */
    static void apply(String policy) {
        switch (policy) {
            case DEFAULT -> System.out.println("malloc: glibc defaults");
            case TUNED -> {
                Function mallopt;
                try {
                    mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
                } catch (UnsatisfiedLinkError e) {
                    throw new IllegalStateException("malloc policy tuned needs glibc's mallopt: " + e.getMessage(), e);
                }
                // mallopt returns 1 on success
                if (mallopt.invokeInt(new Object[]{M_MMAP_THRESHOLD, 64 << 20}) != 1
                        || mallopt.invokeInt(new Object[]{M_TRIM_THRESHOLD, 256 << 20}) != 1) {
                    throw new IllegalStateException("mallopt refused the tuned malloc settings");
                }
                System.out.println("malloc: M_MMAP_THRESHOLD 64 MiB, M_TRIM_THRESHOLD 256 MiB");
            }
            default -> throw new IllegalArgumentException("malloc policy must be " + DEFAULT + " or " + TUNED + ", got "
                    + policy);
        }
    }
}
