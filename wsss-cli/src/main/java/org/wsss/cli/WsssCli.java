package org.wsss.cli;

import java.io.PrintWriter;
import org.wsss.api.SdkVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code wsss} command-line tool. Each subcommand is its own class; this one
 * only wires them and maps failures to exit codes: 0 success, 1 a run that finished with failed
 * lesions (see its {@code failures.csv}), 2 bad usage or unreadable input (a missing folder, an
 * unreadable or invalid {@code DL_info.csv}), reported as one line on standard error.
 */
@Command(name = "wsss", mixinStandardHelpOptions = true, versionProvider = WsssCli.Version.class,
        description = "Weakly supervised slice-propagated segmentation of CT lesions from RECIST marks.",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, PhantomCommand.class, WeakLabelsCommand.class,
            EvaluateCommand.class, SegmentCommand.class, Table1Command.class, Table2Command.class,
            TrainCommand.class, ConvertCommand.class})
public final class WsssCli {

    private WsssCli() {
    }

    /** Runs the tool and exits with its code. */
    public static void main(String[] args) {
        System.setOut(QuietStdout.wrap(System.out));
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool with the given streams; returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new WsssCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            String m = ex.getMessage();
            line.getErr().println("wsss " + line.getCommandName() + ": "
                    + (m == null || m.isBlank() ? ex.toString() : m));
            return 2;
        });
        return cl.execute(args);
    }

    /** Prints the SDK version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"wsss " + SdkVersion.get()};
        }
    }
}
