package org.wsss.io;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.wsss.api.WsssIoException;

/**
 * NumPy's {@code .npy} arrays and {@code .npz} archives (a zip of {@code <name>.npy} members,
 * stored or deflated), as the FLARE25 challenge exchanges its cases.
 *
 * <p>Read: format versions 1.0, 2.0 and 3.0; dtypes bool, int8..int64, uint8..uint64, float16,
 * float32, float64 in either byte order ({@code <}, {@code >}, {@code |}, {@code =}); C or
 * Fortran order; any number of dimensions. The header's shape is checked against the member's
 * size and a voxel limit before the data are allocated. Written: version 1.0, little-endian,
 * C order, uint8, int16 or float64; an {@code .npz} deflated, through {@link AtomicFiles}.
 *
 * <p>Why our own: no maintained pure-JVM npy/npz library is on Maven Central (the format is a
 * short header and raw bytes); golden files written by numpy pin this reader and writer.
 */
public final class Npy {

    /** Default largest array read, in elements. */
    public static final long DEFAULT_MAX_ELEMENTS = 1L << 30;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([biuf])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * A numeric array: shape, element type and the raw bytes, read through {@link #get(long)}
     * in C (row-major) index order whatever order the file stored.
     */
    public static final class Array {
        private final long[] shape;
        private final char kind;
        private final int itemSize;
        private final boolean fortran;
        private final ByteBuffer data;

        Array(long[] shape, char kind, int itemSize, boolean fortran, ByteBuffer data) {
            this.shape = shape.clone();
            this.kind = kind;
            this.itemSize = itemSize;
            this.fortran = fortran;
            this.data = data;
        }

        /** The shape (copied). */
        public long[] shape() {
            return shape.clone();
        }

        /** NumPy's dtype string without byte order, e.g. {@code i2}, {@code f4}, {@code b1}. */
        public String dtype() {
            return "" + kind + itemSize;
        }

        /** Number of elements. */
        public long size() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        /** Element {@code c} in C order (last axis fastest), as a double (bool: 0 or 1). */
        public double get(long c) {
            long at = fortran ? fortranOffset(c) : c;
            int o = Math.toIntExact(at * itemSize);
            return switch (kind) {
                case 'b' -> data.get(o) != 0 ? 1 : 0;
                case 'i' -> switch (itemSize) {
                    case 1 -> data.get(o);
                    case 2 -> data.getShort(o);
                    case 4 -> data.getInt(o);
                    default -> (double) data.getLong(o);
                };
                case 'u' -> switch (itemSize) {
                    case 1 -> data.get(o) & 0xFF;
                    case 2 -> data.getShort(o) & 0xFFFF;
                    case 4 -> data.getInt(o) & 0xFFFFFFFFL;
                    default -> {
                        long v = data.getLong(o);
                        yield v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
                    }
                };
                default -> switch (itemSize) {
                    case 2 -> halfToFloat(data.getShort(o));
                    case 4 -> data.getFloat(o);
                    default -> data.getDouble(o);
                };
            };
        }

        /** IEEE 754 binary16 → float (Java 17 has no Float.float16ToFloat). */
        private static float halfToFloat(short h) {
            int bits = h & 0xFFFF;
            int sign = (bits >>> 15) << 31;
            int exp = (bits >>> 10) & 0x1F;
            int mant = bits & 0x3FF;
            if (exp == 0x1F) {
                return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
            }
            if (exp == 0) {
                float v = mant / 1024f / 16384f;
                return sign != 0 ? -v : v;
            }
            return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        }

        private long fortranOffset(long c) {
            long f = 0;
            long stride = 1;
            long[] idx = new long[shape.length];
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d] = c % shape[d];
                c /= shape[d];
            }
            for (int d = 0; d < shape.length; d++) {
                f += idx[d] * stride;
                stride *= shape[d];
            }
            return f;
        }

        /** All elements in C order as doubles (for small arrays such as a spacing). */
        public double[] toDoubles() {
            double[] v = new double[Math.toIntExact(size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = get(i);
            }
            return v;
        }

        @Override
        public String toString() {
            return dtype() + Arrays.toString(shape);
        }
    }

    /**
     * Parses one {@code .npy} stream.
     *
     * @param what the name used in messages (file and member)
     * @param declaredSize the stream's length if known, else −1: checked against the header
     * @throws IllegalArgumentException on a bad header, an unsupported dtype, a size beyond
     *     {@code maxElements} or a data length that differs from the shape's
     */
    static Array parse(InputStream in, String what, long declaredSize, long maxElements) throws IOException {
        return parse(in, what, declaredSize, maxElements, true);
    }

    private static Array parse(InputStream in, String what, long declaredSize, long maxElements, boolean withData)
            throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
            throw new IllegalArgumentException(what + ": not a .npy array (no \\x93NUMPY magic)");
        }
        int major = magic[6];
        int headerLen;
        int prefix;
        if (major == 1) {
            byte[] l = in.readNBytes(2);
            if (l.length < 2) {
                throw new EOFException(what + ": header cut short");
            }
            headerLen = (l[0] & 0xFF) | (l[1] & 0xFF) << 8;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            byte[] l = in.readNBytes(4);
            if (l.length < 4) {
                throw new EOFException(what + ": header cut short");
            }
            headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
            prefix = 12;
        } else {
            throw new IllegalArgumentException(what + ": .npy format version " + major + " is not supported (1..3)");
        }
        if (headerLen < 0 || headerLen > 1 << 20) {
            throw new IllegalArgumentException(what + ": header length " + headerLen + " is not plausible");
        }
        byte[] hb = in.readNBytes(headerLen);
        if (hb.length < headerLen) {
            throw new EOFException(what + ": header cut short");
        }
        String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        if (!d.find()) {
            throw new IllegalArgumentException(what + ": unsupported or missing dtype in header " + header.strip()
                    + " (read: bool, int8..int64, uint8..uint64, float16/32/64)");
        }
        char kind = d.group(2).charAt(0);
        int item = Integer.parseInt(d.group(3));
        boolean ok = switch (kind) {
            case 'b' -> item == 1;
            case 'i', 'u' -> item == 1 || item == 2 || item == 4 || item == 8;
            default -> item == 2 || item == 4 || item == 8;
        };
        if (!ok) {
            throw new IllegalArgumentException(what + ": unsupported dtype " + d.group(1) + kind + item);
        }
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN
                : d.group(1).equals("=") ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!f.find() || !s.find()) {
            throw new IllegalArgumentException(what + ": header lacks fortran_order or shape: " + header.strip());
        }
        List<Long> dims = new ArrayList<>();
        for (String t : s.group(1).split(",")) {
            if (!t.isBlank()) {
                try {
                    long v = Long.parseLong(t.strip().replace("L", ""));
                    if (v < 0) {
                        throw new NumberFormatException();
                    }
                    dims.add(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(what + ": bad shape (" + s.group(1) + ")");
                }
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        for (long v : shape) {
            n = Math.multiplyExact(n, v);
        }
        if (n > maxElements) {
            throw new IllegalArgumentException(what + ": shape " + Arrays.toString(shape) + " = " + n
                    + " elements is larger than the limit of " + maxElements);
        }
        long bytes = n * item;
        if (declaredSize >= 0 && declaredSize != prefix + headerLen + bytes) {
            throw new IllegalArgumentException(what + ": shape " + Arrays.toString(shape) + " of " + kind + item
                    + " needs " + bytes + " data bytes, the member holds " + (declaredSize - prefix - headerLen));
        }
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + ": " + bytes + " bytes are more than one array holds");
        }
        if (!withData) {
            return new Array(shape, kind, item, f.group(1).equals("True"), ByteBuffer.allocate(0).order(order));
        }
        // one exact buffer: readNBytes(n) would gather chunks and copy them again
        byte[] data = new byte[(int) bytes];
        int got = in.readNBytes(data, 0, data.length);
        if (got < bytes) {
            throw new EOFException(what + ": data cut short (" + got + " of " + bytes + " bytes)");
        }
        return new Array(shape, kind, item, f.group(1).equals("True"), ByteBuffer.wrap(data).order(order));
    }

    /** Receives one chunk of {@link Npz#readFloats}: elements {@code offset ..} in C order (the array is reused). */
    interface ChunkSink {
        void accept(long offset, float[] values);
    }

    /** An open {@code .npz} archive; members are read on demand. */
    public static final class Npz implements AutoCloseable {
        private final Path file;
        private final ZipFile zip;

        private Npz(Path file, ZipFile zip) {
            this.file = file;
            this.zip = zip;
        }

        /** The archive's file. */
        public Path file() {
            return file;
        }

        /** Whether member {@code name} ({@code name.npy}) is present. */
        public boolean has(String name) {
            return zip.getEntry(name + ".npy") != null;
        }

        /** The names of the arrays held, in archive order. */
        public List<String> names() {
            List<String> out = new ArrayList<>();
            zip.stream().forEach(e -> {
                if (e.getName().endsWith(".npy")) {
                    out.add(e.getName().substring(0, e.getName().length() - 4));
                }
            });
            return out;
        }

        /**
         * Reads array {@code name}.
         *
         * @throws WsssIoException naming the file and the member if it is missing or bad
         */
        public Array get(String name, long maxElements) {
            ZipEntry e = zip.getEntry(name + ".npy");
            if (e == null) {
                throw new WsssIoException(file, "no array '" + name + "' (holds " + String.join(", ", names()) + ")",
                        null);
            }
            try (InputStream in = zip.getInputStream(e)) {
                return parse(in, "array '" + name + "'", e.getSize(), maxElements);
            } catch (IOException | IllegalArgumentException | ArithmeticException ex) {
                throw new WsssIoException(file, ex.getMessage() == null ? ex.toString() : ex.getMessage(), ex);
            }
        }

        /**
         * Shape and dtype of array {@code name}, from its header only (its data are not read:
         * {@link Array#get} on the result fails).
         *
         * @throws WsssIoException naming the file and the member if it is missing or its header is bad
         */
        public Array header(String name) {
            ZipEntry e = zip.getEntry(name + ".npy");
            if (e == null) {
                throw new WsssIoException(file, "no array '" + name + "' (holds " + String.join(", ", names()) + ")",
                        null);
            }
            try (InputStream in = zip.getInputStream(e)) {
                return parse(in, "array '" + name + "'", e.getSize(), Long.MAX_VALUE, false);
            } catch (IOException | IllegalArgumentException | ArithmeticException ex) {
                throw new WsssIoException(file, ex.getMessage() == null ? ex.toString() : ex.getMessage(), ex);
            }
        }

        /**
         * Reads array {@code name} in C order, {@code chunk} elements at a time, as floats: each
         * chunk is inflated straight from the archive into a buffer of that size and handed to
         * {@code sink}, so a large array is never held whole (unless stored in Fortran order).
         * The array's size must be a multiple of {@code chunk}.
         *
         * @throws WsssIoException naming the file and the member if it is missing, bad or cut short
         */
        void readFloats(String name, int chunk, long maxElements, ChunkSink sink) {
            ZipEntry e = zip.getEntry(name + ".npy");
            if (e == null) {
                throw new WsssIoException(file, "no array '" + name + "' (holds " + String.join(", ", names()) + ")",
                        null);
            }
            String what = "array '" + name + "'";
            try (InputStream in = zip.getInputStream(e)) {
                Array h = parse(in, what, e.getSize(), maxElements, false);
                long n = h.size();
                if (n % chunk != 0) {
                    throw new IllegalArgumentException(what + ": " + n + " elements are not a whole number of chunks"
                            + " of " + chunk);
                }
                float[] out = new float[chunk];
                if (h.fortran) {
                    Array all;
                    try (InputStream again = zip.getInputStream(e)) {
                        all = parse(again, what, e.getSize(), maxElements, true);
                    }
                    for (long at = 0; at < n; at += chunk) {
                        for (int i = 0; i < chunk; i++) {
                            out[i] = (float) all.get(at + i);
                        }
                        sink.accept(at, out);
                    }
                    return;
                }
                byte[] buf = new byte[chunk * h.itemSize];
                ByteBuffer bb = ByteBuffer.wrap(buf).order(h.data.order());
                Array view = new Array(new long[] {chunk}, h.kind, h.itemSize, false, bb);
                for (long at = 0; at < n; at += chunk) {
                    int got = in.readNBytes(buf, 0, buf.length);
                    if (got < buf.length) {
                        throw new EOFException(what + ": data cut short at element " + (at + got / h.itemSize)
                                + " of " + n);
                    }
                    if (h.kind == 'i' && h.itemSize == 2) {
                        java.nio.ShortBuffer sb = bb.asShortBuffer();
                        for (int i = 0; i < chunk; i++) {
                            out[i] = sb.get(i);
                        }
                    } else if (h.itemSize == 1 && h.kind == 'u') {
                        for (int i = 0; i < chunk; i++) {
                            out[i] = buf[i] & 0xFF;
                        }
                    } else if (h.kind == 'f' && h.itemSize == 4) {
                        bb.asFloatBuffer().get(out);
                    } else {
                        for (int i = 0; i < chunk; i++) {
                            out[i] = (float) view.get(i);
                        }
                    }
                    sink.accept(at, out);
                }
            } catch (IOException | IllegalArgumentException | ArithmeticException ex) {
                throw new WsssIoException(file, ex.getMessage() == null ? ex.toString() : ex.getMessage(), ex);
            }
        }

        /** {@link #get(String, long)} with {@link #DEFAULT_MAX_ELEMENTS}. */
        public Array get(String name) {
            return get(name, DEFAULT_MAX_ELEMENTS);
        }

        @Override
        public void close() {
            try {
                zip.close();
            } catch (IOException e) {
                throw new WsssIoException(file, "cannot close: " + e, e);
            }
        }
    }

    /**
     * Opens an {@code .npz} archive.
     *
     * @throws WsssIoException naming the file if it is missing or not a zip archive
     */
    public static Npz openNpz(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return new Npz(file, new ZipFile(file.toFile()));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new WsssIoException(file, "file not found", e);
        } catch (ZipException e) {
            throw new WsssIoException(file, "not an .npz (zip) archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WsssIoException(file, "cannot read: " + e, e);
        }
    }

    /**
     * An array to write: numpy dtype string (little-endian), shape and the C-ordered element bytes.
     * Make one with {@link #uint8}, {@link #int16} or {@link #float64}.
     */
    public record Data(String descr, long[] shape, byte[] bytes) {
        /** Checks that the bytes fill the shape. */
        public Data {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            int item = Integer.parseInt(descr.substring(2));
            if (n * item != bytes.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + descr + " needs "
                        + n * item + " bytes, got " + bytes.length);
            }
            shape = shape.clone();
        }
    }

    /** A uint8 array (the values are taken, not copied). */
    public static Data uint8(long[] shape, byte[] values) {
        return new Data("|u1", shape, values);
    }

    /** An int16 array. */
    public static Data int16(long[] shape, short[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(values);
        return new Data("<i2", shape, b.array());
    }

    /** A float64 array. */
    public static Data float64(long[] shape, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new Data("<f8", shape, b.array());
    }

    /** The {@code .npy} (version 1.0) bytes of a header for {@code descr} and {@code shape}. */
    static byte[] header(String descr, long[] shape) {
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sh.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        sh.append(')');
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + sh + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String h = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length()).put(h.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /**
     * Writes {@code arrays} (name → array) as a deflated {@code .npz}, atomically: level 1 when
     * every array is uint8 (label maps), else level 6.
     *
     * @throws WsssIoException naming the file if it cannot be written
     */
    public static void writeNpz(Path file, Map<String, Data> arrays) {
        Map<String, Data> copy = new LinkedHashMap<>(arrays);
        AtomicFiles.write(file, out -> {
            ZipOutputStream z = new ZipOutputStream(nonClosing(out));
            // label maps (uint8 only, mostly zeros) at level 1: about 3 times faster than 6, still small
            z.setLevel(copy.values().stream().allMatch(d -> d.descr().equals("|u1")) ? 1 : 6);
            for (Map.Entry<String, Data> e : copy.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                z.write(header(e.getValue().descr(), e.getValue().shape()));
                z.write(e.getValue().bytes());
                z.closeEntry();
            }
            z.finish();
        });
    }

    /** Writes one array as an {@code .npy} file, atomically. */
    public static void writeNpy(Path file, Data array) {
        AtomicFiles.write(file, out -> {
            out.write(header(array.descr(), array.shape()));
            out.write(array.bytes());
        });
    }

    /**
     * Reads one {@code .npy} file.
     *
     * @throws WsssIoException naming the file on any problem
     */
    public static Array readNpy(Path file) {
        try (InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
            return parse(in, "array", java.nio.file.Files.size(file), DEFAULT_MAX_ELEMENTS);
        } catch (NoSuchFileException e) {
            throw new WsssIoException(file, "file not found", e);
        } catch (IOException | IllegalArgumentException | ArithmeticException e) {
            throw new WsssIoException(file, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    static byte[] toBytes(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
    }
}
