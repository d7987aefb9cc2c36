package org.wsss.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Standard output without the debugging lines ND4J 1.0.0-M2.1's SameDiff prints with
 * {@code System.out.println} while it builds a gradient graph ("Added differentiated op ...";
 * it has no logger switch for them). Only the tool's {@code main} installs it: library code
 * never touches {@code System.out}.
 */
final class QuietStdout extends OutputStream {

    static final List<String> DROPPED_PREFIXES = List.of("Added differentiated op ");

    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    QuietStdout(OutputStream out) {
        this.out = out;
    }

    /** Standard output filtered. */
    static PrintStream wrap(PrintStream stdout) {
        return new PrintStream(new QuietStdout(stdout), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void flush() throws java.io.IOException {
        // A partial line (e.g. a prompt) goes out as is; only whole lines are filtered.
        if (line.size() > 0 && !startsDropped()) {
            line.writeTo(out);
            line.reset();
        }
        out.flush();
    }

    private void emit() throws java.io.IOException {
        if (!startsDropped()) {
            line.writeTo(out);
        }
        line.reset();
    }

    /** Whether the buffered text is, or may still become, a line to drop. */
    private boolean startsDropped() {
        String s = line.toString(StandardCharsets.UTF_8);
        for (String p : DROPPED_PREFIXES) {
            if (s.startsWith(p) || (!s.endsWith("\n") && p.startsWith(s))) {
                return true;
            }
        }
        return false;
    }
}
