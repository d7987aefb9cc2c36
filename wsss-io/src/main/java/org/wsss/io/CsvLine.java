package org.wsss.io;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect of {@code DL_info.csv}: one record per line, fields separated by commas,
 * a field holding a comma or a quote enclosed in double quotes, a quote inside it doubled
 * (RFC 4180 without line breaks inside fields).
 *
 * <p>Why a parser of our own rather than a CSV library: one physical line is one row here, so a
 * malformed row (an unbalanced quote, a stray field) stays that row's problem with its exact
 * line number, and every other row is still read. A general CSV parser would let an
 * unbalanced quote swallow the rest of the file into one field. DeepLesion's file never breaks
 * a line inside a field, so nothing is lost.
 */
final class CsvLine {

    private CsvLine() {
    }

    /**
     * Splits one line into fields.
     *
     * @throws IllegalArgumentException on a quote that is not closed, or text after a closing quote
     */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>(20);
        StringBuilder cur = new StringBuilder();
        int i = 0, n = line.length();
        while (true) {
            cur.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                int open = i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("quote opened at character " + (open + 1) + " is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cur.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cur.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after the closing quote at character " + i);
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new IllegalArgumentException("quote inside an unquoted field at character " + i);
                    }
                    cur.append(c);
                }
            }
            fields.add(cur.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** Joins fields into one line, quoting where needed. */
    static String join(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < fields.size(); k++) {
            if (k > 0) {
                sb.append(',');
            }
            String f = fields.get(k);
            if (f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("CSV field " + (k + 1) + " holds a line break: " + f);
            }
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }

    /**
     * A finite decimal number: {@code [+-]digits[.digits][(e|E)[+-]digits]} (either side of the
     * point may be empty, not both); no NaN, infinity, hex or type suffix, which
     * {@link Double#parseDouble} would accept. Surrounding spaces are ignored.
     */
    static double parseDouble(String column, String text) {
        String t = text.strip();
        if (!isDecimal(t)) {
            throw new IllegalArgumentException(column + ": '" + text + "' is not a number");
        }
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(column + ": '" + text + "' is out of range");
        }
        return v;
    }

    /** An int, {@code [+-]digits}, surrounding spaces ignored. */
    static int parseInt(String column, String text) {
        String t = text.strip();
        int i = t.startsWith("+") || t.startsWith("-") ? 1 : 0;
        if (digits(t, i) != t.length() || i == t.length()) {
            throw new IllegalArgumentException(column + ": '" + text + "' is not an integer");
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": '" + text + "' is out of range", e);
        }
    }

    // Hand-written rather than a regex: these run ~20 times per row, and opening a 32,735-row
    // file should cost parsing, not matcher allocation.
    private static boolean isDecimal(String t) {
        int n = t.length();
        int i = n > 0 && (t.charAt(0) == '+' || t.charAt(0) == '-') ? 1 : 0;
        int intEnd = digits(t, i);
        int fracEnd = intEnd;
        if (intEnd < n && t.charAt(intEnd) == '.') {
            fracEnd = digits(t, intEnd + 1);
            if (intEnd == i && fracEnd == intEnd + 1) {
                return false; // a lone point
            }
        } else if (intEnd == i) {
            return false; // no digits
        }
        if (fracEnd == n) {
            return true;
        }
        char e = t.charAt(fracEnd);
        if (e != 'e' && e != 'E') {
            return false;
        }
        int j = fracEnd + 1;
        if (j < n && (t.charAt(j) == '+' || t.charAt(j) == '-')) {
            j++;
        }
        int expEnd = digits(t, j);
        return expEnd > j && expEnd == n;
    }

    /** Index of the first non-digit at or after {@code from}. */
    private static int digits(String t, int from) {
        int i = from;
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** Exactly {@code count} comma-separated decimals. */
    static double[] parseDoubles(String column, String text, int count) {
        String[] parts = text.split(",", -1);
        if (parts.length != count) {
            throw new IllegalArgumentException(column + ": " + parts.length + " numbers in '" + text + "', expected "
                    + count);
        }
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            out[k] = parseDouble(column, parts[k]);
        }
        return out;
    }

    /** Exactly {@code count} comma-separated ints. */
    static int[] parseInts(String column, String text, int count) {
        String[] parts = text.split(",", -1);
        if (parts.length != count) {
            throw new IllegalArgumentException(column + ": " + parts.length + " numbers in '" + text + "', expected "
                    + count);
        }
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            out[k] = parseInt(column, parts[k]);
        }
        return out;
    }

    /**
     * The shortest decimal that reads back as exactly {@code v}, never in exponent notation
     * ({@code 5.0} is written {@code 5}).
     */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write " + v + " to a CSV number");
        }
        if (v == 0) {
            return "0";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Numbers joined DeepLesion's way: {@code "a, b, c"}. */
    static String formatList(double... values) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < values.length; k++) {
            if (k > 0) {
                sb.append(", ");
            }
            sb.append(format(values[k]));
        }
        return sb.toString();
    }
}
