package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A failure for want of Java heap names the heap's maximum and WSSS_JAVA_OPTS; other failures are left as they are. */
class HeapHintTest {

    private static final long GB = 1L << 30;

    @Test
    void heapExhaustionNamesTheMaximumAndTheVariable() {
        String r = HeapHint.append("OutOfMemoryError: Java heap space", new OutOfMemoryError("Java heap space"), 6 * GB);
        assertEquals("OutOfMemoryError: Java heap space (the Java heap's maximum is 6144 MB; raise it with"
                + " WSSS_JAVA_OPTS=-Xmx12g ./wsss ... or use fewer --threads)", r);
        assertTrue(HeapHint.append("x", new OutOfMemoryError("Requested array size exceeds VM limit"), GB)
                .endsWith("WSSS_JAVA_OPTS=-Xmx2g ./wsss ... or use fewer --threads)"));
        // a fraction of a gigabyte is rounded up: 1000 MB -> suggest 2 GB
        assertTrue(HeapHint.append("x", new OutOfMemoryError("GC overhead limit exceeded"), 1000L << 20)
                .contains("maximum is 1000 MB; raise it with WSSS_JAVA_OPTS=-Xmx2g"));
        assertTrue(HeapHint.append("x", new OutOfMemoryError("Java heap space"), 1500L << 20)
                .contains("WSSS_JAVA_OPTS=-Xmx3g"));
    }

    @Test
    void aCauseCounts() {
        RuntimeException wrapped = new RuntimeException("reading case_0001.npz", new OutOfMemoryError("Java heap space"));
        assertTrue(HeapHint.append("reading case_0001.npz", wrapped, 2 * GB).contains("WSSS_JAVA_OPTS=-Xmx4g"));
    }

    @Test
    void otherFailuresAreUnchanged() {
        assertEquals("Direct buffer memory", HeapHint.append("Direct buffer memory",
                new OutOfMemoryError("Direct buffer memory"), 6 * GB));
        assertEquals("unable to create native thread", HeapHint.append("unable to create native thread",
                new OutOfMemoryError("unable to create native thread: possibly out of memory"), 6 * GB));
        assertEquals("bad mark", HeapHint.append("bad mark", new IllegalArgumentException("bad mark"), 6 * GB));
    }

    @Test
    void aLesionThatRanOutOfHeapSaysSoInItsFailureReason() {
        assertTrue(Batch.reason(new OutOfMemoryError("Java heap space")).contains("WSSS_JAVA_OPTS=-Xmx"));
        assertEquals("bad mark", Batch.reason(new IllegalArgumentException("bad mark")));
    }
}
