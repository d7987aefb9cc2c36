package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help texts read whole: {@code wsss --help} lists each command with a complete sentence (not
 * the first line of a longer text cut mid-sentence), and {@code wsss COMMAND --help} shows every
 * paragraph and option description in full, with an example.
 */
class HelpTextTest {

    static final int WIDTH = 80;

    static Stream<String> commands() {
        return WsssCli.commandLine().getSubcommands().keySet().stream().filter(n -> !n.equals("help"));
    }

    @Test
    void theCommandListGivesEachCommandAWholeSentence() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.code(), r.toString());
        Map<String, String> listed = commandList(r.out());
        Map<String, CommandLine> subs = WsssCli.commandLine().getSubcommands();
        assertEquals(subs.keySet(), listed.keySet(), r.out());
        commands().forEach(name -> {
            String summary = listed.get(name);
            String first = String.format(subs.get(name).getCommandSpec().usageMessage().description()[0]).strip();
            assertEquals(normal(first), summary, "the listed summary of " + name + " is its whole first paragraph");
            assertTrue(summary.endsWith("."), name + ": not a whole sentence: " + summary);
        });
        assertLinesFit(r.out());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandsHelpIsWholeWithAnExample(String name) {
        Cli r = Cli.run(name, "--help");
        assertEquals(0, r.code(), r.toString());
        String text = normal(r.out());
        CommandSpec spec = WsssCli.commandLine().getSubcommands().get(name).getCommandSpec();
        for (String paragraph : spec.usageMessage().description()) {
            String p = normal(String.format(paragraph));
            assertTrue(p.endsWith(".") || p.endsWith(":"), name + ": paragraph is not whole: " + p);
            assertTrue(text.contains(p), name + ": paragraph not shown in full: " + p + "\n" + r.out());
        }
        for (OptionSpec o : spec.options()) {
            // picocli reads descriptions as format strings: %n is a line break, %% a percent sign.
            String d = normal(String.join(" ", o.description()).replace("%n", " ").replace("%%", "%"));
            if (d.contains("${")) {
                continue; // shown with the default value substituted
            }
            assertTrue(text.contains(d), name + " " + o.longestName() + ": description not shown in full: " + d);
        }
        assertTrue(r.out().contains("Example:"), name + " has no example:\n" + r.out());
        assertTrue(r.out().contains("./wsss " + name), name + ": the example does not run the command:\n" + r.out());
        assertLinesFit(r.out());
    }

    /** Command name -> its description in the "Commands:" block, continuation lines joined. */
    static Map<String, String> commandList(String usage) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(usage.lines().toList());
        int start = lines.indexOf("Commands:");
        assertTrue(start >= 0, usage);
        String current = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.isBlank() || !line.startsWith("  ")) {
                break;
            }
            if (line.startsWith("   ") && current != null) {
                out.merge(current, " " + line.strip(), String::concat);
            } else {
                String[] parts = line.strip().split("\\s+", 2);
                current = parts[0];
                out.put(current, parts.length > 1 ? parts[1] : "");
            }
        }
        out.replaceAll((k, v) -> normal(v));
        return out;
    }

    private static void assertLinesFit(String usage) {
        usage.lines().forEach(l -> assertFalse(l.length() > WIDTH, "line longer than " + WIDTH + ": " + l));
    }

    private static String normal(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
