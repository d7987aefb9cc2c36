package org.wsss.dicom.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wsss.api.WsssIoException;

/**
 * Parses DICOM Part 10 files in the uncompressed little-endian transfer syntaxes (implicit and
 * explicit VR). Every length read from the file is checked against the bytes that remain before
 * anything is allocated or skipped, so a truncated file or an absurd length (a 2 GB header
 * value in a 600 kB file) gives an error naming the file and element, never an allocation.
 * Other transfer syntaxes are refused by name: their pixels are compressed (or big-endian or
 * deflated) and this parser does not decode them.
 */
public final class DicomParser {

    /** Implicit VR Little Endian. */
    public static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    /** Explicit VR Little Endian. */
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    /** Largest file read into memory: far above any CT slice, well below the heap. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private static final int MAX_DEPTH = 32;

    private static final Map<String, String> KNOWN_SYNTAXES = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.2", "Explicit VR Big Endian"),
            Map.entry("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"));

    private DicomParser() {
    }

    /**
     * A parsed file: its meta header (group 0002) and its data set.
     *
     * @param error null, or (from {@link #readPartial}) why parsing stopped early; the data set
     *     then holds the elements before that point
     */
    public record Part10(DicomObject meta, DicomObject dataset, String transferSyntax, WsssIoException error) {
    }

    /**
     * The whole file if it starts like a DICOM Part 10 file (128-byte preamble, then "DICM"),
     * else null; one open and, for a Part 10 file, one read of its known size.
     *
     * @throws WsssIoException naming the file if it cannot be read or is a Part 10 file larger
     *     than {@link #MAX_FILE_BYTES}
     */
    public static byte[] bytesIfPart10(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 132) {
                return null;
            }
            ByteBuffer head = ByteBuffer.allocate(132);
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // read the preamble and marker
            }
            byte[] h = head.array();
            if (head.hasRemaining() || h[128] != 'D' || h[129] != 'I' || h[130] != 'C' || h[131] != 'M') {
                return null;
            }
            if (size > MAX_FILE_BYTES) {
                throw new WsssIoException(file, "file of " + size + " bytes is larger than the " + MAX_FILE_BYTES
                        + " bytes a CT slice can need", null);
            }
            byte[] data = new byte[(int) size];
            System.arraycopy(h, 0, data, 0, 132);
            ByteBuffer rest = ByteBuffer.wrap(data, 132, data.length - 132);
            while (rest.hasRemaining() && ch.read(rest) >= 0) {
                // a file cut while being read ends short: the parser reports it as truncated
            }
            return rest.hasRemaining() ? java.util.Arrays.copyOf(data, rest.position()) : data;
        } catch (IOException e) {
            throw new WsssIoException(file, "cannot read: " + e, e);
        }
    }

    /** Bytes read at first to parse a header: far above a CT slice's header (a few kB). */
    static final int HEAD_BYTES = 16 * 1024;

    /**
     * A file's data set parsed up to its Pixel Data, whose value is left in the file.
     *
     * @param part10 the parsed file; when {@code pixelOffset} ≥ 0 its data set holds the Pixel
     *     Data element with its offset and length in the file, but not its bytes
     * @param pixelOffset where the Pixel Data value starts in the file, or −1 if the whole file
     *     was parsed (no Pixel Data, or elements after it)
     * @param fileSize the file's size when it was parsed
     */
    public record Head(Part10 part10, long pixelOffset, long fileSize) {
    }

    /**
     * Parses a Part 10 file up to its Pixel Data without reading the pixels, when the Pixel Data
     * is the file's last element and its length is exactly what remains of the file (as CT
     * slices are written): one read of the first {@link #HEAD_BYTES} bytes. Anything else (a
     * header longer than that, a length past the end of the file, elements after the pixels, a
     * transfer syntax not read) is parsed from the whole file as {@link #readPartial} does, so a
     * truncated file gives the same error as a full read.
     *
     * @return null if the file is not Part 10 ({@link #bytesIfPart10})
     * @throws WsssIoException as {@link #bytesIfPart10} and {@link #readPartial}
     */
    public static Head readHead(Path file) {
        return readHead(file, HEAD_BYTES);
    }

    /** {@link #readHead(Path)} reading {@code headBytes} at first (tests use small values). */
    static Head readHead(Path file, int headBytes) {
        long size;
        byte[] prefix;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            if (size > MAX_FILE_BYTES) {
                return whole(file);
            }
            prefix = new byte[(int) Math.min(size, Math.max(132, headBytes))];
            ByteBuffer b = ByteBuffer.wrap(prefix);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // a short read (a file being cut) falls back to the whole-file path below
            }
            if (b.hasRemaining() || prefix.length == size) {
                return whole(file);
            }
        } catch (IOException e) {
            throw new WsssIoException(file, "cannot read: " + e, e);
        }
        if (prefix.length < 132 || prefix[128] != 'D' || prefix[129] != 'I' || prefix[130] != 'C'
                || prefix[131] != 'M') {
            return null;
        }
        Part10 p = headOf(prefix, file, size);
        if (p == null) {
            return whole(file);
        }
        return new Head(p, p.dataset().offset(Tags.PIXEL_DATA), size);
    }

    private static Head whole(Path file) {
        byte[] data = bytesIfPart10(file);
        return data == null ? null : new Head(readPartial(file, data), -1, data.length);
    }

    /**
     * The meta header and data set up to a Pixel Data that ends the file exactly, from the
     * file's first bytes; null whenever the prefix does not settle it (the caller then parses
     * the whole file).
     */
    private static Part10 headOf(byte[] data, Path file, long size) {
        try {
            DicomObject meta = new DicomObject(data, true, file, 0);
            int pos = 132;
            while (pos + 4 <= data.length && u16(data, pos) == 0x0002) {
                pos = element(data, pos, data.length, true, meta, file, 0);
            }
            String ts = meta.string(Tags.TRANSFER_SYNTAX_UID);
            if (!EXPLICIT_LE.equals(ts) && !IMPLICIT_LE.equals(ts)) {
                return null;
            }
            boolean explicit = ts.equals(EXPLICIT_LE);
            DicomObject ds = new DicomObject(data, explicit, file, 0);
            while (pos + 12 <= data.length) {
                if (tag(data, pos) == Tags.PIXEL_DATA) {
                    String vr = explicit ? new String(data, pos + 4, 2, StandardCharsets.US_ASCII) : "  ";
                    boolean longLength = explicit && Tags.hasLongLength(vr);
                    long len = !explicit || longLength ? u32(data, pos + (longLength ? 8 : 4)) : u16(data, pos + 6);
                    long valuePos = pos + (longLength ? 12 : 8);
                    if (len == 0xFFFFFFFFL || valuePos + len != size) {
                        return null; // compressed, truncated or followed by other elements: the whole file decides
                    }
                    ds.put(new DicomObject.Element(Tags.PIXEL_DATA, vr, (int) valuePos, (int) len, false));
                    return new Part10(meta, ds, ts, null);
                }
                pos = element(data, pos, data.length, explicit, ds, file, 0);
            }
            return null;
        } catch (WsssIoException e) {
            return null; // an element runs past the prefix: the whole file tells whether it is truncated
        }
    }

    /**
     * {@code length} bytes of a file from {@code offset} (a Pixel Data value located by
     * {@link #readHead}), checking that the file still has the size it had then.
     *
     * @throws WsssIoException naming the file if it cannot be read, changed size, or ends early
     */
    public static byte[] readValue(Path file, long offset, int length, long expectedSize, String what) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != expectedSize) {
                throw new WsssIoException(file, what + ": the file is now " + size + " bytes, it was " + expectedSize
                        + " when its series was opened (changed or truncated since)", null);
            }
            byte[] out = new byte[length];
            ByteBuffer b = ByteBuffer.wrap(out);
            long at = offset;
            while (b.hasRemaining()) {
                int n = ch.read(b, at);
                if (n < 0) {
                    throw new WsssIoException(file, what + ": the file ends at byte " + at + ", " + b.remaining()
                            + " bytes before the end of the value (truncated?)", null);
                }
                at += n;
            }
            return out;
        } catch (IOException e) {
            throw new WsssIoException(file, "cannot read " + what + ": " + e, e);
        }
    }

    /**
     * Reads and parses a Part 10 file.
     *
     * @throws WsssIoException naming the file on anything it cannot read: not Part 10, a transfer
     *     syntax other than implicit/explicit VR little endian, a length past the end of the file
     */
    public static Part10 read(Path file) {
        byte[] data = bytes(file);
        return parse(data, file, false);
    }

    /**
     * Like {@link #read}, but a data set that breaks off (truncated file, absurd length) is
     * returned with the elements before the break and the error in {@link Part10#error()}, so
     * that the caller can tell which series the broken file belongs to.
     *
     * @throws WsssIoException if the file cannot be read, is not Part 10, or its transfer syntax
     *     is not read
     */
    public static Part10 readPartial(Path file, byte[] data) {
        return parse(data, file, true);
    }

    /** Reads a whole file, refusing sizes no CT slice needs before allocating. */
    public static byte[] bytes(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new WsssIoException(file, "file of " + size + " bytes is larger than the " + MAX_FILE_BYTES
                        + " bytes a CT slice can need", null);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WsssIoException(file, "cannot read: " + e, e);
        }
    }

    /** Parses the bytes of a Part 10 file; {@code file} names it in errors. */
    public static Part10 parse(byte[] data, Path file) {
        return parse(data, file, false);
    }

    private static Part10 parse(byte[] data, Path file, boolean partial) {
        if (data.length < 132 || data[128] != 'D' || data[129] != 'I' || data[130] != 'C' || data[131] != 'M') {
            throw new WsssIoException(file, "not a DICOM Part 10 file (no 'DICM' after the 128-byte preamble)", null);
        }
        DicomObject meta = new DicomObject(data, true, file, 0);
        int pos = 132;
        while (pos + 4 <= data.length && u16(data, pos) == 0x0002) {
            pos = element(data, pos, data.length, true, meta, file, 0);
        }
        String ts = meta.string(Tags.TRANSFER_SYNTAX_UID);
        if (ts == null) {
            throw new WsssIoException(file, "no Transfer Syntax UID (0002,0010) in the file meta header", null);
        }
        boolean explicit;
        WsssIoException refused = null;
        if (ts.equals(EXPLICIT_LE)) {
            explicit = true;
        } else if (ts.equals(IMPLICIT_LE)) {
            explicit = false;
        } else {
            String name = KNOWN_SYNTAXES.getOrDefault(ts, "unknown");
            refused = new WsssIoException(file, "transfer syntax " + ts + " (" + name + ") is not read; only implicit"
                    + " and explicit VR little endian are (decompress first, e.g. `dcmdjpeg in.dcm out.dcm` or"
                    + " `gdcmconv --raw`)", null);
            boolean encapsulated = !ts.equals("1.2.840.10008.1.2.2") && !ts.equals("1.2.840.10008.1.2.1.99");
            if (!partial || !encapsulated) {
                throw refused;
            }
            // Compressed syntaxes keep the data set in explicit VR little endian: read it up to
            // the pixels so the caller can tell which series the file belongs to.
            explicit = true;
        }
        DicomObject ds = new DicomObject(data, explicit, file, 0);
        try {
            while (pos < data.length) {
                pos = element(data, pos, data.length, explicit, ds, file, 0);
            }
        } catch (WsssIoException e) {
            if (!partial) {
                throw e;
            }
            return new Part10(meta, ds, ts, refused != null ? refused : e);
        }
        return new Part10(meta, ds, ts, refused);
    }

    /** Parses the items of a sequence value that lies in {@code data[offset, offset + length)}. */
    static List<DicomObject> items(byte[] data, int offset, int length, boolean explicit, Path file, int depth) {
        checkDepth(file, depth);
        List<DicomObject> items = new ArrayList<>();
        int pos = offset, end = offset + length;
        while (pos < end) {
            need(data, pos, 8, end, file, "sequence item header");
            int tag = tag(data, pos);
            long len = u32(data, pos + 4);
            pos += 8;
            if (tag == Tags.SEQUENCE_DELIMITER) {
                break;
            }
            if (tag != Tags.ITEM) {
                throw new WsssIoException(file, "expected a sequence item, found " + Tags.name(tag) + " at byte "
                        + (pos - 8), null);
            }
            DicomObject item = new DicomObject(data, explicit, file, depth);
            if (len == 0xFFFFFFFFL) {
                while (true) {
                    need(data, pos, 8, end, file, "item element");
                    if (tag(data, pos) == Tags.ITEM_DELIMITER) {
                        pos += 8;
                        break;
                    }
                    pos = element(data, pos, end, explicit, item, file, depth);
                }
            } else {
                int itemEnd = checkedEnd(data, pos, len, end, file, "sequence item");
                while (pos < itemEnd) {
                    pos = element(data, pos, itemEnd, explicit, item, file, depth);
                }
            }
            items.add(item);
        }
        return items;
    }

    /** Reads one element at {@code pos} into {@code into}; returns the position after it. */
    private static int element(byte[] data, int pos, int end, boolean explicit, DicomObject into, Path file,
                               int depth) {
        need(data, pos, 8, end, file, "element header");
        int tag = tag(data, pos);
        String vr;
        long len;
        int valuePos;
        if (explicit) {
            vr = new String(data, pos + 4, 2, StandardCharsets.US_ASCII);
            if (Tags.isItemTag(tag)) {
                // Stray item or delimiter tags have no VR: their 4-byte length follows the tag.
                vr = "  ";
                len = u32(data, pos + 4);
                valuePos = pos + 8;
            } else if (Tags.hasLongLength(vr)) {
                need(data, pos, 12, end, file, Tags.name(tag) + " header");
                len = u32(data, pos + 8);
                valuePos = pos + 12;
            } else {
                len = u16(data, pos + 6);
                valuePos = pos + 8;
            }
        } else {
            vr = "  ";
            len = u32(data, pos + 4);
            valuePos = pos + 8;
        }
        if (len == 0xFFFFFFFFL) {
            if (tag == Tags.PIXEL_DATA) {
                throw new WsssIoException(file, "encapsulated (compressed) Pixel Data is not read", null);
            }
            int contentEnd = undefinedEnd(data, valuePos, end, explicit, file, depth + 1);
            into.put(new DicomObject.Element(tag, "SQ", valuePos, contentEnd - valuePos, true));
            return contentEnd + 8; // past the sequence delimiter
        }
        int valueEnd = checkedEnd(data, valuePos, len, end, file, Tags.name(tag));
        into.put(new DicomObject.Element(tag, vr, valuePos, (int) len, false));
        return valueEnd;
    }

    /**
     * Finds the sequence delimiter that ends an undefined-length sequence starting at {@code pos};
     * returns its position.
     */
    private static int undefinedEnd(byte[] data, int pos, int end, boolean explicit, Path file, int depth) {
        checkDepth(file, depth);
        while (true) {
            need(data, pos, 8, end, file, "sequence (no sequence delimiter before the end)");
            int tag = tag(data, pos);
            long len = u32(data, pos + 4);
            if (tag == Tags.SEQUENCE_DELIMITER) {
                return pos;
            }
            if (tag != Tags.ITEM) {
                throw new WsssIoException(file, "expected a sequence item, found " + Tags.name(tag) + " at byte " + pos,
                        null);
            }
            pos += 8;
            if (len == 0xFFFFFFFFL) {
                DicomObject scratch = new DicomObject(data, explicit, file, depth);
                while (true) {
                    need(data, pos, 8, end, file, "item (no item delimiter before the end)");
                    if (tag(data, pos) == Tags.ITEM_DELIMITER) {
                        pos += 8;
                        break;
                    }
                    pos = element(data, pos, end, explicit, scratch, file, depth);
                }
            } else {
                pos = checkedEnd(data, pos, len, end, file, "sequence item");
            }
        }
    }

    private static void checkDepth(Path file, int depth) {
        if (depth > MAX_DEPTH) {
            throw new WsssIoException(file, "sequences nested deeper than " + MAX_DEPTH, null);
        }
    }

    private static int checkedEnd(byte[] data, int pos, long len, int end, Path file, String what) {
        if (len > end - pos) {
            throw new WsssIoException(file, what + ": length " + len + " at byte " + pos + " runs past the end of "
                    + (end == data.length ? "the file (" + data.length + " bytes; truncated?)" : "its enclosing item"),
                    null);
        }
        return pos + (int) len;
    }

    private static void need(byte[] data, int pos, int n, int end, Path file, String what) {
        if ((long) pos + n > end) {
            throw new WsssIoException(file, what + " at byte " + pos + " runs past the end of "
                    + (end == data.length ? "the file (" + data.length + " bytes; truncated?)" : "its enclosing item"),
                    null);
        }
    }

    private static int tag(byte[] d, int pos) {
        return u16(d, pos) << 16 | u16(d, pos + 2);
    }

    static int u16(byte[] d, int pos) {
        return (d[pos] & 0xff) | (d[pos + 1] & 0xff) << 8;
    }

    static long u32(byte[] d, int pos) {
        return (d[pos] & 0xffL) | (d[pos + 1] & 0xffL) << 8 | (d[pos + 2] & 0xffL) << 16 | (d[pos + 3] & 0xffL) << 24;
    }
}
