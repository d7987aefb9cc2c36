package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuietStdoutTest {

    @Test
    void dropsSameDiffDebugLinesAndKeepsTheRest() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = QuietStdout.wrap(new PrintStream(sink, true, StandardCharsets.UTF_8));
        ps.println("report: /tmp/x/report.html");
        ps.println("Added differentiated op conv2d_1");
        ps.print("Added diff");
        ps.println("erentiated op relu");
        ps.println("Added 3 rows");
        ps.print("partial");
        ps.flush();
        assertEquals("report: /tmp/x/report.html\nAdded 3 rows\npartial", sink.toString(StandardCharsets.UTF_8));
    }
}
