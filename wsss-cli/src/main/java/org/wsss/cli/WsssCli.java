package org.wsss.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.wsss.api.SdkVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of the {@code wsss} command-line tool. Each subcommand is its own class; this one
 * only wires them and maps failures to exit codes: 0 success, 1 a run that finished with failed
 * lesions (see its {@code failures.csv}), 2 bad usage or unreadable input (a missing folder, an
 * unreadable or invalid {@code DL_info.csv}), reported as one line on standard error.
 * Any {@code Throwable} outside a lesion's isolation (an {@code OutOfMemoryError} while loading
 * a model, a run stopped by an error that leaves the JVM unsound) is reported the same way, exit
 * 2, one line; {@code --debug} (accepted by every command) adds the stack trace.
 */
@Command(name = "wsss", mixinStandardHelpOptions = true, versionProvider = WsssCli.Version.class,
        description = "Weakly supervised slice-propagated segmentation of CT lesions from RECIST marks.",
        footerHeading = "%n",
        footer = {"Run `wsss COMMAND --help` for a command's options and an example. Start with `wsss demo`."},
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, PhantomCommand.class, WeakLabelsCommand.class,
            EvaluateCommand.class, CompareCommand.class, SegmentCommand.class, Table1Command.class, Table2Command.class,
            TrainCommand.class, PretrainCommand.class, ConvertCommand.class})
public final class WsssCli {

    /** Exit code for bad usage, unreadable input or a run that could not finish. */
    static final int EXIT_ERROR = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, print its stack trace too.")
    boolean debug;

    WsssCli() {
    }

    /** Runs the tool and exits with its code. */
    public static void main(String[] args) {
        System.setOut(QuietStdout.wrap(System.out));
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool with the given streams; returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(commandLine(), args, out, err);
    }

    /** Runs {@code cl} (the tool, or the tool with a command added by a test) with the tool's error handling. */
    static int run(CommandLine cl, String[] args, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        boolean debug = Arrays.asList(args).contains("--debug");
        cl.setExecutionExceptionHandler((ex, line, parsed) -> report(err, "wsss " + line.getCommandName(), ex, debug));
        try {
            return cl.execute(args);
        } catch (Throwable e) {
            // picocli hands only Exceptions to the handler; an Error on the main thread ends here.
            return report(err, "wsss", e, debug);
        }
    }

    /** One line naming what failed (the stack trace too with {@code --debug}); the exit code. */
    private static int report(PrintWriter err, String who, Throwable e, boolean debug) {
        String m = e.getMessage();
        String what = HeapHint.append(e instanceof Exception && m != null && !m.isBlank() ? m
                : e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m), e);
        err.println(who + ": " + what.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_ERROR;
    }

    /** The command line of the tool, every subcommand wired (its help texts are tested). */
    static CommandLine commandLine() {
        return new CommandLine(new WsssCli());
    }

    /** Prints the SDK version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"wsss " + SdkVersion.get()};
        }
    }
}
