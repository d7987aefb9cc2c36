package org.wsss.eval.experiments;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wsss.io.AtomicFiles;

/**
 * A small table of strings that prints as Markdown and writes as CSV: the output format of
 * every experiment.
 */
public final class Tables {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column titles. */
    public Tables(List<String> header) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.header = List.copyOf(header);
    }

    /** Appends a row of as many cells as there are columns. */
    public Tables add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, table has " + header.size()
                    + " columns: " + row);
        }
        rows.add(List.copyOf(row));
        return this;
    }

    /** Column titles. */
    public List<String> header() {
        return header;
    }

    /** Rows, in order. */
    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** Formats {@code v} with 3 decimals, as the paper's tables do. */
    public static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A GitHub-flavoured Markdown table. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        sb.append('|');
        for (int i = 0; i < header.size(); i++) {
            sb.append("---|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r);
        }
        return sb.toString();
    }

    /** Writes the table as RFC 4180 CSV, atomically. */
    public void writeCsv(Path file) {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            csvLine(w, header);
            for (List<String> r : rows) {
                csvLine(w, r);
            }
            w.flush();
        });
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }

    private static void csvLine(Writer w, List<String> cells) throws java.io.IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
                w.write('"' + c.replace("\"", "\"\"") + '"');
            } else {
                w.write(c);
            }
        }
        w.write('\n');
    }
}
