package org.wsss.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import org.wsss.api.ReadLimits;
import org.wsss.api.WsssIoException;

/**
 * Lines of a text file read within {@link ReadLimits}: at most {@code csvLineChars} characters
 * per line, {@code csvRows} lines after the first (the header) and {@code csvBytes} characters
 * in all, so that a file without line breaks, or one that grows while it is read, fails with a
 * message naming the file, the line and the limit instead of filling the heap. Line ends as
 * {@link java.io.BufferedReader#readLine}: {@code \n}, {@code \r\n} or {@code \r}.
 */
final class BoundedLines implements AutoCloseable {

    private final Reader in;
    private final Path file;
    private final ReadLimits limits;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    private long chars;
    private long lines;
    private boolean skipLf;

    BoundedLines(Reader in, Path file, ReadLimits limits) {
        this.in = in;
        this.file = file;
        this.limits = limits;
    }

    /** The next line without its end, or null at the end of the file. */
    String readLine() throws IOException {
        StringBuilder sb = null;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return sb == null ? null : finish(sb);
                }
                chars += end;
                if (chars > limits.csvBytes()) {
                    throw new WsssIoException(file, ReadLimits.over("content read so far (characters)", chars,
                            "csvBytes", limits.csvBytes()), null);
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            sb.append(buf, start, pos - start);
            if (sb.length() > limits.csvLineChars()) {
                throw new WsssIoException(file, (int) Math.min(lines + 1, Integer.MAX_VALUE),
                        ReadLimits.over("line length", sb.length(), "csvLineChars", limits.csvLineChars()), null);
            }
            if (pos < end) {
                skipLf = buf[pos] == '\r';
                pos++;
                return finish(sb);
            }
        }
    }

    private String finish(StringBuilder sb) {
        lines++;
        if (lines - 1 > limits.csvRows()) {
            throw new WsssIoException(file, ReadLimits.over("data rows", lines - 1, "csvRows", limits.csvRows()), null);
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
