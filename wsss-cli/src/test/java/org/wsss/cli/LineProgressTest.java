package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineProgressTest {

    @Test
    void printsTheStartAndEachQuarter() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        LineProgress p = new LineProgress(new PrintStream(sink, true, StandardCharsets.UTF_8));
        p.start("labels", 8);
        for (int i = 0; i < 8; i++) {
            p.advance(1);
        }
        p.finish();
        p.advance(1);
        assertEquals("labels: 0/8\nlabels: 2/8\nlabels: 4/8\nlabels: 6/8\nlabels: 8/8\n",
                sink.toString(StandardCharsets.UTF_8));
    }
}
