package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Errors outside a lesion's isolation end the tool with exit 2 and one line, a stack trace only with --debug. */
class MainThreadErrorTest {

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            // what a zip-bomb model did on the main thread before the model reader had caps
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Command(name = "fails")
    static final class Fails implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("segment (wsss) stopped at lesion L2: InternalError: x");
        }
    }

    private static Cli run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new WsssCli()).addSubcommand(new Boom()).addSubcommand(new Fails());
        int code = WsssCli.run(cl, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    @Test
    void anErrorOnTheMainThreadIsOneLineAndExit2() {
        Cli r = run("boom");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().strip().startsWith("wsss: OutOfMemoryError: Java heap space (the Java heap's maximum is "),
                r.err());
        assertTrue(r.err().contains("WSSS_JAVA_OPTS=-Xmx"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void anExceptionIsOneLineAndExit2() {
        Cli r = run("fails");
        assertEquals(2, r.code(), r.toString());
        assertEquals("wsss fails: segment (wsss) stopped at lesion L2: InternalError: x", r.err().strip());
    }

    @Test
    void debugAddsTheStackTrace() {
        Cli r = run("boom", "--debug");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("wsss: OutOfMemoryError: Java heap space"), r.err());
        assertTrue(r.err().contains("at org.wsss.cli.MainThreadErrorTest$Boom.call"), r.err());
        Cli r2 = run("--debug", "fails");
        assertTrue(r2.err().contains("\tat "), r2.err());
    }
}
