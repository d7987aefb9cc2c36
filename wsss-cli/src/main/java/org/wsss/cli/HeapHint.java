package org.wsss.cli;

/**
 * The advice a failure for want of Java heap carries: the heap's maximum and how to raise it
 * through the {@code ./wsss} launcher's {@code WSSS_JAVA_OPTS}. The launcher's default suits the
 * usual inputs (figures in wsss-io/README.md); a larger volume, or more worker threads each
 * holding one, can need more.
 */
final class HeapHint {

    /** The environment variable the launcher passes to {@code java} in place of its defaults. */
    static final String VARIABLE = "WSSS_JAVA_OPTS";

    private HeapHint() {
    }

    /**
     * {@code reason} followed by the advice when {@code e} (or a cause) is an
     * {@link OutOfMemoryError} of the Java heap; {@code reason} unchanged otherwise (native memory
     * and thread limits are not helped by a larger heap).
     *
     * @param maxHeapBytes the JVM's maximum heap ({@code Runtime.maxMemory()})
     */
    static String append(String reason, Throwable e, long maxHeapBytes) {
        if (!isHeapExhausted(e)) {
            return reason;
        }
        long mb = maxHeapBytes >> 20;
        // suggest twice the current maximum, in whole gigabytes
        long suggestGb = Math.max(2, (2 * maxHeapBytes + (1L << 30) - 1) >> 30);
        return reason + " (the Java heap's maximum is " + mb + " MB; raise it with " + VARIABLE + "=-Xmx"
                + suggestGb + "g ./wsss ... or use fewer --threads)";
    }

    /** As above with this JVM's maximum heap. */
    static String append(String reason, Throwable e) {
        return append(reason, e, Runtime.getRuntime().maxMemory());
    }

    /** Whether {@code e} or one of its causes says the Java heap ran out. */
    static boolean isHeapExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                String m = t.getMessage();
                // "Java heap space", "GC overhead limit exceeded", "Requested array size exceeds VM limit";
                // not "Direct buffer memory", "unable to create native thread" or a native library's own
                if (m == null || m.contains("heap") || m.contains("GC overhead") || m.contains("array size")) {
                    return true;
                }
            }
        }
        return false;
    }
}
