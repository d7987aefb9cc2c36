package org.wsss.dicom.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wsss.api.WsssIoException;

/**
 * The elements of one parsed DICOM data set (a file's top level or a sequence item), as views
 * into the file's bytes: nothing is copied until a value is asked for, and sequence items are
 * parsed when {@link #items} asks for them.
 */
public final class DicomObject {

    /** One element: where its value lies in {@link #data}. */
    record Element(int tag, String vr, int offset, int length, boolean undefinedLength) {
    }

    private final byte[] data;
    private final boolean explicit;
    private final Path file;
    private final int depth;
    private final Map<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);

    DicomObject(byte[] data, boolean explicit, Path file, int depth) {
        this.data = data;
        this.explicit = explicit;
        this.file = file;
        this.depth = depth;
    }

    void put(Element e) {
        elements.put(e.tag(), e);
    }

    /** The file the object was read from (for error messages). */
    public Path file() {
        return file;
    }

    /** Whether the element is present (possibly empty). */
    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** The value's length in bytes, or −1 if absent. */
    public int length(int tag) {
        Element e = elements.get(tag);
        return e == null ? -1 : e.length();
    }

    /** Offset of the value in {@link #bytes()}, or −1 if absent. */
    public int offset(int tag) {
        Element e = elements.get(tag);
        return e == null ? -1 : e.offset();
    }

    /** The whole file's bytes (shared, not copied; callers read only). */
    byte[] bytes() {
        return data;
    }

    /** A copy of the value bytes, or null if absent. */
    public byte[] value(int tag) {
        Element e = elements.get(tag);
        if (e == null) {
            return null;
        }
        byte[] v = new byte[e.length()];
        System.arraycopy(data, e.offset(), v, 0, e.length());
        return v;
    }

    /** The text value without trailing padding, or null if absent or empty. */
    public String string(int tag) {
        Element e = elements.get(tag);
        if (e == null) {
            return null;
        }
        String s = new String(data, e.offset(), e.length(), StandardCharsets.ISO_8859_1);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        s = s.substring(start, end);
        return s.isEmpty() ? null : s;
    }

    /** The values of a multi-valued text element (split at backslashes, trimmed), empty if absent. */
    public List<String> strings(int tag) {
        String s = string(tag);
        if (s == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String p : s.split("\\\\", -1)) {
            out.add(p.strip());
        }
        return out;
    }

    /**
     * The numbers of a DS or IS element, or null if absent or empty.
     *
     * @throws WsssIoException naming the file and tag if a value is not a finite number
     */
    public double[] numbers(int tag) {
        List<String> parts = strings(tag);
        if (parts.isEmpty()) {
            return null;
        }
        double[] v = new double[parts.size()];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = Double.parseDouble(parts.get(i));
            } catch (NumberFormatException ex) {
                throw new WsssIoException(file, Tags.name(tag) + " value " + (i + 1) + " is not a number: '"
                        + parts.get(i) + "'", ex);
            }
            if (!Double.isFinite(v[i])) {
                throw new WsssIoException(file, Tags.name(tag) + " value " + (i + 1) + " is not finite: '"
                        + parts.get(i) + "'", null);
            }
        }
        return v;
    }

    /** An unsigned short (US) value, or {@code absent} if the element is missing or empty. */
    public int us(int tag, int absent) {
        Element e = elements.get(tag);
        if (e == null || e.length() < 2) {
            return absent;
        }
        return (data[e.offset()] & 0xff) | (data[e.offset() + 1] & 0xff) << 8;
    }

    /**
     * The items of a sequence element, parsed now; empty if absent.
     *
     * @throws WsssIoException naming the file if the sequence is malformed
     */
    public List<DicomObject> items(int tag) {
        Element e = elements.get(tag);
        if (e == null) {
            return List.of();
        }
        return Collections.unmodifiableList(DicomParser.items(data, e.offset(), e.length(), explicit, file, depth + 1));
    }
}
