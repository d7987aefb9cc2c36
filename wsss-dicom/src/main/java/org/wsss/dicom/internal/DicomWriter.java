package org.wsss.dicom.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.wsss.api.SdkVersion;

/**
 * A DICOM data set being built, written as a Part 10 file in Explicit VR Little Endian with
 * defined lengths everywhere. Values are checked against their VR's length limit when put, so
 * a writer cannot produce a file a validator would refuse for an over-long value.
 */
public final class DicomWriter {

    /** Implementation Class UID of the SDK (a UUID-derived UID under 2.25). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.229542342409219937364574862318931474731";

    private static final Map<String, Integer> MAX_CHARS = Map.ofEntries(
            Map.entry("AE", 16), Map.entry("AS", 4), Map.entry("CS", 16), Map.entry("DA", 8), Map.entry("DS", 16),
            Map.entry("DT", 26), Map.entry("IS", 12), Map.entry("LO", 64), Map.entry("PN", 64), Map.entry("SH", 16),
            Map.entry("TM", 14), Map.entry("UI", 64), Map.entry("LT", 10240), Map.entry("ST", 1024));

    private record Value(String vr, byte[] bytes, List<DicomWriter> items) {
    }

    private final Map<Integer, Value> values = new TreeMap<>(Integer::compareUnsigned);

    /** A text element (backslash separates multiple values); null or "" writes an empty element. */
    public DicomWriter put(int tag, String vr, String value) {
        String v = value == null ? "" : value;
        Integer max = MAX_CHARS.get(vr);
        if (max != null) {
            for (String part : v.split("\\\\", -1)) {
                if (part.length() > max) {
                    throw new IllegalArgumentException(Tags.name(tag) + " value '" + part + "' is longer than the "
                            + max + " characters of VR " + vr);
                }
            }
        }
        byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
        if ((b.length & 1) == 1) {
            byte[] p = new byte[b.length + 1];
            System.arraycopy(b, 0, p, 0, b.length);
            p[b.length] = (byte) (vr.equals("UI") ? 0 : ' ');
            b = p;
        }
        values.put(tag, new Value(vr, b, null));
        return this;
    }

    /** Removes an element (tests build faulty files this way). */
    public DicomWriter remove(int tag) {
        values.remove(tag);
        return this;
    }

    /** Decimal strings, each formatted to fit the 16 characters of DS. */
    public DicomWriter putDs(int tag, double... v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append('\\');
            }
            sb.append(ds(v[i]));
        }
        return put(tag, "DS", sb.toString());
    }

    /** Integer strings. */
    public DicomWriter putIs(int tag, long... v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append('\\');
            }
            sb.append(v[i]);
        }
        return put(tag, "IS", sb.toString());
    }

    /** Unsigned shorts. */
    public DicomWriter putUs(int tag, int... v) {
        byte[] b = new byte[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            b[2 * i] = (byte) v[i];
            b[2 * i + 1] = (byte) (v[i] >>> 8);
        }
        values.put(tag, new Value("US", b, null));
        return this;
    }

    /** Unsigned longs. */
    public DicomWriter putUl(int tag, long... v) {
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (v[i] >>> (8 * k));
            }
        }
        values.put(tag, new Value("UL", b, null));
        return this;
    }

    /** Attribute tags (AT): each as group then element. */
    public DicomWriter putAt(int tag, int... tags) {
        byte[] b = new byte[4 * tags.length];
        for (int i = 0; i < tags.length; i++) {
            int g = tags[i] >>> 16, e = tags[i] & 0xffff;
            b[4 * i] = (byte) g;
            b[4 * i + 1] = (byte) (g >>> 8);
            b[4 * i + 2] = (byte) e;
            b[4 * i + 3] = (byte) (e >>> 8);
        }
        values.put(tag, new Value("AT", b, null));
        return this;
    }

    /** Binary data (OB or OW), padded to even length with a zero byte. */
    public DicomWriter putBytes(int tag, String vr, byte[] data) {
        byte[] b = data;
        if ((b.length & 1) == 1) {
            b = java.util.Arrays.copyOf(data, data.length + 1);
        }
        values.put(tag, new Value(vr, b, null));
        return this;
    }

    /** A sequence of items. */
    public DicomWriter putSequence(int tag, List<DicomWriter> items) {
        values.put(tag, new Value("SQ", null, List.copyOf(items)));
        return this;
    }

    /** A one-item sequence. */
    public DicomWriter putSequence(int tag, DicomWriter item) {
        return putSequence(tag, List.of(item));
    }

    /** A code sequence item: value, scheme, meaning. */
    public static DicomWriter code(String value, String scheme, String meaning) {
        return new DicomWriter().put(Tags.CODE_VALUE, "SH", value).put(Tags.CODING_SCHEME_DESIGNATOR, "SH", scheme)
                .put(Tags.CODE_MEANING, "LO", meaning);
    }

    /**
     * Writes the Part 10 file: preamble, "DICM", meta header naming {@code sopClassUid} and
     * {@code sopInstanceUid}, then the data set in Explicit VR Little Endian.
     */
    public void writePart10(OutputStream out, String sopClassUid, String sopInstanceUid) throws IOException {
        out.write(new byte[128]);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        DicomWriter meta = new DicomWriter()
                .putBytes(0x00020001, "OB", new byte[] {0, 1})
                .put(0x00020002, "UI", sopClassUid)
                .put(0x00020003, "UI", sopInstanceUid)
                .put(Tags.TRANSFER_SYNTAX_UID, "UI", DicomParser.EXPLICIT_LE)
                .put(0x00020012, "UI", IMPLEMENTATION_CLASS_UID)
                .put(0x00020013, "SH", implementationVersion());
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        meta.writeTo(m);
        new DicomWriter().putUl(0x00020000, m.size()).writeTo(out);
        m.writeTo(out);
        writeTo(out);
    }

    private static String implementationVersion() {
        String v = ("WSSS_" + SdkVersion.get()).replaceAll("[^A-Za-z0-9_.]", "_");
        return v.length() > 16 ? v.substring(0, 16) : v;
    }

    /** Writes the elements in tag order. */
    void writeTo(OutputStream out) throws IOException {
        for (Map.Entry<Integer, Value> e : values.entrySet()) {
            int tag = e.getKey();
            Value v = e.getValue();
            byte[] body = v.items() == null ? v.bytes() : sequenceBytes(v.items());
            header(out, tag, v.vr(), body.length);
            out.write(body);
        }
    }

    private static byte[] sequenceBytes(List<DicomWriter> items) throws IOException {
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        for (DicomWriter item : items) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            item.writeTo(b);
            writeTag(seq, Tags.ITEM);
            writeU32(seq, b.size());
            b.writeTo(seq);
        }
        return seq.toByteArray();
    }

    private static void header(OutputStream out, int tag, String vr, long length) throws IOException {
        writeTag(out, tag);
        out.write(vr.charAt(0));
        out.write(vr.charAt(1));
        if (Tags.hasLongLength(vr)) {
            out.write(0);
            out.write(0);
            writeU32(out, length);
        } else {
            if (length > 0xffff) {
                throw new IllegalArgumentException(Tags.name(tag) + ": " + length + " bytes do not fit VR " + vr);
            }
            out.write((int) length);
            out.write((int) (length >>> 8));
        }
    }

    private static void writeTag(OutputStream out, int tag) throws IOException {
        int g = tag >>> 16, e = tag & 0xffff;
        out.write(g);
        out.write(g >>> 8);
        out.write(e);
        out.write(e >>> 8);
    }

    private static void writeU32(OutputStream out, long v) throws IOException {
        for (int k = 0; k < 4; k++) {
            out.write((int) (v >>> (8 * k)));
        }
    }

    /** A number as a DS of at most 16 characters, exact where the double allows. */
    static String ds(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("DS value " + v + " is not finite");
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        if (s.length() <= 16 && !s.contains("E")) {
            return s;
        }
        for (int digits = 15; digits >= 1; digits--) {
            s = String.format(Locale.ROOT, "%." + digits + "f", v);
            s = stripZeros(s);
            if (s.length() <= 16) {
                return s;
            }
        }
        s = String.format(Locale.ROOT, "%.8E", v);
        return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.6E", v);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** A list helper for sequences built in loops. */
    public static List<DicomWriter> list() {
        return new ArrayList<>();
    }
}
