package org.wsss.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Upper bounds on what the SDK's readers accept, checked from headers and file sizes before
 * anything is allocated, so that memory is bounded by this configuration and not by the input:
 * a 30000 × 30000 PNG of 1.8 MB, a zip bomb posing as a model, {@code /dev/zero} linked as
 * {@code DL_info.csv} each give a clear error naming the file and the limit instead of an
 * {@code OutOfMemoryError} or a native crash.
 *
 * <p>Every limit is overridable: build a record, start from {@link #defaults()} and use
 * {@link #with(String)} ({@code "slicePixels=67108864"}), or on the command line
 * {@code --limit NAME=VALUE}. The names are those of the components below.
 *
 * @param slicePixels pixels per 2D slice (width × height), from the PNG header or the CSV's
 *     {@code Image_size}; default 4096² (a decoded 16-bit slice costs ~10 bytes per pixel)
 * @param slicesPerSeries slice files of one series a case may span; default 4096
 * @param volumeVoxels voxels of one NIfTI image (at most 8 bytes each are read from the file or
 *     its decompression); default 2^27 (512 × 512 × 512)
 * @param csvBytes size of a metadata CSV file such as {@code DL_info.csv}; default 256 MiB
 *     (DeepLesion's own is about 10 MB)
 * @param csvLineChars characters in one CSV line; default 65536 (a DeepLesion row has ~300)
 * @param csvRows data rows of one CSV file; default 5,000,000
 * @param modelEntryBytes uncompressed bytes of one entry of a model file; default 1 GiB
 * @param modelBytes uncompressed bytes of a whole model file, and its size on disk; default 2 GiB
 * @param activationBytes float32 activation memory of one network input (channels × pixels
 *     summed over the layers, times the batch), from the model's architecture; default 4 GiB
 */
public record ReadLimits(long slicePixels, long slicesPerSeries, long volumeVoxels, long csvBytes, long csvLineChars,
                         long csvRows, long modelEntryBytes, long modelBytes, long activationBytes) {

    private static final ReadLimits DEFAULTS = new ReadLimits(4096L * 4096, 4096, 1L << 27, 256L << 20, 65536,
            5_000_000, 1L << 30, 2L << 30, 4L << 30);

    /** Validates: every limit positive, the two that index Java arrays at most {@code Integer.MAX_VALUE - 8}. */
    public ReadLimits {
        check("slicePixels", slicePixels, Integer.MAX_VALUE - 8);
        check("slicesPerSeries", slicesPerSeries, Integer.MAX_VALUE - 8);
        check("volumeVoxels", volumeVoxels, Long.MAX_VALUE);
        check("csvBytes", csvBytes, Long.MAX_VALUE);
        check("csvLineChars", csvLineChars, Integer.MAX_VALUE - 8);
        check("csvRows", csvRows, Integer.MAX_VALUE - 8);
        check("modelEntryBytes", modelEntryBytes, Integer.MAX_VALUE - 8);
        check("modelBytes", modelBytes, Long.MAX_VALUE);
        check("activationBytes", activationBytes, Long.MAX_VALUE);
    }

    /** The defaults listed on the components. */
    public static ReadLimits defaults() {
        return DEFAULTS;
    }

    /** The limits by name, in declaration order. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("slicePixels", slicePixels);
        m.put("slicesPerSeries", slicesPerSeries);
        m.put("volumeVoxels", volumeVoxels);
        m.put("csvBytes", csvBytes);
        m.put("csvLineChars", csvLineChars);
        m.put("csvRows", csvRows);
        m.put("modelEntryBytes", modelEntryBytes);
        m.put("modelBytes", modelBytes);
        m.put("activationBytes", activationBytes);
        return m;
    }

    /**
     * These limits with one changed, given as {@code NAME=VALUE} (an integer, optionally with a
     * binary suffix {@code k}, {@code m} or {@code g}: {@code csvBytes=1g}).
     *
     * @throws IllegalArgumentException naming the known limits if the name is unknown, or the bad value
     */
    public ReadLimits with(String nameEqualsValue) {
        int eq = nameEqualsValue.indexOf('=');
        Map<String, Long> m = asMap();
        String name = eq < 0 ? nameEqualsValue : nameEqualsValue.substring(0, eq).strip();
        if (eq < 0 || !m.containsKey(name)) {
            throw new IllegalArgumentException("limit must be NAME=VALUE with NAME one of " + m.keySet() + ", got '"
                    + nameEqualsValue + "'");
        }
        m.put(name, parse(name, nameEqualsValue.substring(eq + 1).strip()));
        return new ReadLimits(m.get("slicePixels"), m.get("slicesPerSeries"), m.get("volumeVoxels"), m.get("csvBytes"),
                m.get("csvLineChars"), m.get("csvRows"), m.get("modelEntryBytes"), m.get("modelBytes"),
                m.get("activationBytes"));
    }

    /**
     * The error for a size over a limit, e.g. {@code image is 30000x30000 = 900000000 pixels,
     * over the limit slicePixels = 16777216 (--limit slicePixels=N raises it)}.
     */
    public static String over(String what, long value, String limit, long max) {
        return what + " = " + value + ", over the limit " + limit + " = " + max + " (--limit " + limit
                + "=N raises it)";
    }

    private static long parse(String name, String v) {
        String t = v.toLowerCase(Locale.ROOT);
        int shift = 0;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            shift = t.endsWith("k") ? 10 : t.endsWith("m") ? 20 : 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException("too large");
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit " + name + ": '" + v + "' is not a whole number", e);
        }
    }

    private static void check(String name, long v, long max) {
        if (v < 1 || v > max) {
            throw new IllegalArgumentException("ReadLimits." + name + " must lie in [1, " + max + "], got " + v);
        }
    }
}
