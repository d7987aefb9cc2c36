package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code wsss} launcher script at the project root, run in a temporary copy with stand-ins
 * for {@code mvn} and {@code java} on the PATH (a real build would take a minute): the one-line
 * build notice, no terminal escape codes, Maven's error summary and exit code 1 when the build
 * fails, and the retry online when the offline build misses a dependency.
 */
class LauncherScriptTest {

    private static final String ESC = "\u001b";

    @TempDir
    Path tmp;
    Path root;
    Path bin;

    @BeforeEach
    void copyLauncher() throws IOException {
        root = tmp.resolve("project");
        bin = tmp.resolve("bin");
        Files.createDirectories(root.resolve("wsss-cli/src/main/java"));
        Files.createDirectories(bin);
        Path script = Path.of("..", "wsss");
        assertTrue(Files.isRegularFile(script), "launcher not found at " + script.toAbsolutePath());
        Files.copy(script, root.resolve("wsss"));
        executable(root.resolve("wsss"));
        Files.writeString(root.resolve("wsss-cli/src/main/java/A.java"), "class A {}\n");
        // java stand-in: prints what it was asked to run.
        write(bin.resolve("java"), "#!/usr/bin/env bash\necho \"java $*\"\n");
    }

    /** A mvn stand-in that logs each call, prints colour codes, and does {@code body}. */
    private void mvn(String body) throws IOException {
        write(bin.resolve("mvn"), "#!/usr/bin/env bash\n"
                + "echo \"$*\" >> \"" + tmp.resolve("mvn-calls") + "\"\n"
                + "printf '\\033[0m\\033[0m\\033[1;34m[INFO]\\033[m Scanning\\n'\n"
                + body + "\n");
    }

    private static final String SUCCEED = "mkdir -p wsss-cli/target && echo /repo/a.jar > wsss-cli/target/classpath.txt\n"
            + "exit 0";

    @Test
    void firstRunPrintsOneCleanNoticeThenRunsTheTool() throws Exception {
        mvn(SUCCEED);
        Run r = run("--help");
        assertEquals(0, r.code, r.toString());
        assertEquals("wsss: building (first run, ~1 min)...\n", r.err, r.toString());
        assertTrue(r.out.contains("-cp " + root.toRealPath() + "/wsss-cli/target/classes:/repo/a.jar org.wsss.cli.WsssCli --help"),
                r.toString());
        assertFalse(r.out.contains(ESC) || r.err.contains(ESC), "escape codes: " + r);
        assertEquals(1, calls().size(), "built offline once: " + calls());
        assertTrue(calls().get(0).contains("-o "), calls().toString());

        Run again = run("demo");
        assertEquals(0, again.code, again.toString());
        assertEquals("", again.err, "no rebuild when nothing changed");
        assertEquals(1, calls().size());
    }

    @Test
    void aFailedBuildShowsMavensErrorsAndExitsOne() throws Exception {
        mvn("printf '\\033[1;31m[ERROR]\\033[m /p/A.java:[3,1] class, interface, enum, or record expected\\n'\n"
                + "printf '\\033[1;31m[ERROR]\\033[m Failed to execute goal compile on project wsss-cli\\n'\n"
                + "printf '[ERROR] -> [Help 1]\\n'\nexit 1");
        Run r = run("--help");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.startsWith("wsss: building (first run, ~1 min)...\nwsss: the build failed. Maven's error summary:\n"),
                r.toString());
        assertTrue(r.err.contains("[ERROR] /p/A.java:[3,1] class, interface, enum, or record expected\n"), r.toString());
        assertTrue(r.err.contains("[ERROR] Failed to execute goal compile on project wsss-cli\n"), r.toString());
        assertFalse(r.err.contains("[Help 1]"), r.toString());
        assertFalse(r.err.contains(ESC), "escape codes: " + r);
        assertFalse(r.out.contains("java "), "the tool must not run after a failed build: " + r);
        assertEquals(1, calls().size(), "a compile error is not retried online: " + calls());
    }

    @Test
    void aDependencyMissingOfflineIsFetchedOnline() throws Exception {
        mvn("case \" $* \" in *' -o '*) echo '[ERROR] Cannot access central in offline mode'; exit 1;; esac\n" + SUCCEED);
        Run r = run("--version");
        assertEquals(0, r.code, r.toString());
        assertEquals("wsss: building (first run, ~1 min)...\n", r.err, r.toString());
        assertEquals(2, calls().size(), calls().toString());
        assertFalse(calls().get(1).contains("-o "), calls().toString());
    }

    @Test
    void aChangedSourceRebuildsWithItsOwnNotice() throws Exception {
        mvn(SUCCEED);
        assertEquals(0, run("--help").code);
        Path src = root.resolve("wsss-cli/src/main/java/A.java");
        Files.setLastModifiedTime(src, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Run r = run("--help");
        assertEquals(0, r.code, r.toString());
        assertEquals("wsss: building (sources changed, ~1 min)...\n", r.err, r.toString());
        assertEquals(2, calls().size());
    }

    private List<String> calls() throws IOException {
        Path f = tmp.resolve("mvn-calls");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", root.resolve("wsss").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().remove("MAVEN_OPTS");
        pb.redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "launcher did not finish");
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8));
    }

    private static void write(Path f, String text) throws IOException {
        Files.writeString(f, text);
        executable(f);
    }

    private static void executable(Path f) throws IOException {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
