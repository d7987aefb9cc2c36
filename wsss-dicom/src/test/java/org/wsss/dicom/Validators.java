package org.wsss.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the standard DICOM tools on a file, where they are installed (CI installs them). */
public final class Validators {

    private Validators() {
    }

    /** Whether {@code tool} is on the PATH. */
    public static boolean present(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** The lines dciodvfy reports as errors for {@code file} (empty when it passes). */
    public static List<String> dciodvfyErrors(Path file) {
        return run("dciodvfy", file).lines().filter(l -> l.startsWith("Error")).toList();
    }

    /** dcmdump's output; throws if it exits non-zero. */
    public static String dcmdump(Path file) {
        return run("dcmdump", file);
    }

    private static String run(String tool, Path file) {
        try {
            Process p = new ProcessBuilder(tool, file.toString()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(tool + " did not finish on " + file);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (tool.equals("dcmdump") && p.exitValue() != 0) {
                throw new AssertionError("dcmdump failed on " + file + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + tool + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
