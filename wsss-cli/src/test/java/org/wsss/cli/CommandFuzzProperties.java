package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.wsss.io.MaskPng;
import org.wsss.io.Nifti;

/**
 * Fuzz of the commands in-process: a small dataset with one lesion's key-slice PNG corrupted and
 * one CSV row damaged. Every run must end with exit 0 or 1 (never an escaped exception), the
 * undamaged lesions done with valid outputs, each damaged one either done or in
 * {@code failures.csv} under its id, and no temporary file left. Tries from
 * {@code jqwik.tries.default} (a handful by default; {@code -Pfuzz} raises them); a failing try
 * prints its seed.
 */
class CommandFuzzProperties {

    /** How to damage the dataset: which lesion's PNG and how, which row's field and with what. */
    record Damage(int pngLesion, int pngKind, int pngAt, int rowLesion, int field, String value) {
    }

    @Provide
    Arbitrary<Damage> damage() {
        Arbitrary<String> values = Arbitraries.of("", "NaN", "1e200", "-1", "0, 0, 0", "3, 3, 3, 3, 3, 3, 3, 3",
                "48, 48, 48, 48, 48, 48, 48, 48", "\"", "30000, 30000", "0, 99999", "x");
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 400), Arbitraries.integers().between(0, 3),
                Arbitraries.of(4, 5, 11, 12, 13, 14, 17), values).as(Damage::new);
    }

    @Property
    void weakLabelsFinishesTheRestAndNamesTheDamaged(@ForAll("damage") Damage d) throws IOException {
        run(d, "weak-labels", ".png", "--method", "recist-d");
    }

    @Property(tries = 2)
    void segmentFinishesTheRestAndNamesTheDamaged(@ForAll("damage") Damage d) throws IOException {
        run(d, "segment", ".nii.gz", "--method", "grabcut-3de");
    }

    private static void run(Damage d, String command, String suffix, String... options) throws IOException {
        Path tmp = Files.createTempDirectory("wsss-cmd-fuzz");
        Path data = tmp.resolve("dl"), out = tmp.resolve("out");
        List<String> ids = List.copyOf(TinyDeepLesion.fourCases(data).keySet());
        damagePng(data, d);
        Path csv = data.resolve("DL_info.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        List<String> f = split(lines.get(1 + d.rowLesion()));
        f.set(d.field(), d.value());
        lines.set(1 + d.rowLesion(), join(f));
        Files.write(csv, lines, StandardCharsets.UTF_8);

        List<String> args = new ArrayList<>(List.of(command, "--deeplesion", data.toString(), "--out", out.toString(),
                "--threads", "2", "--no-progress"));
        args.addAll(List.of(options));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertTrue(r.code() == 0 || r.code() == 1, r.toString());
        List<String> failed = Files.readAllLines(out.resolve("failures.csv")).stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(','))).toList();
        // the series of patients 1 and 2 hold one lesion each, patient 3's two: a damaged PNG of
        // patient p may fail every lesion of that series
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            boolean damaged = i == d.rowLesion() || patientOf(i) == Math.min(d.pngLesion() + 1, 3);
            Path o = out.resolve(id + suffix);
            if (failed.contains(id)) {
                assertTrue(damaged, id + " failed but was not damaged: " + r);
                assertTrue(!Files.exists(o) || valid(o, suffix), id);
            } else if (!damaged) {
                assertTrue(Files.exists(o) && valid(o, suffix), id + " missing or invalid: " + r);
            } else {
                // a damaged lesion that was still usable (a flipped byte the decoder ignores) is done
                assertTrue(Files.exists(o) && valid(o, suffix), id + " neither failed nor done: " + r);
            }
        }
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    /** The fields of a CSV line (double quotes group, "" is a quote). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    static String join(List<String> fields) {
        List<String> q = new ArrayList<>();
        for (String f : fields) {
            q.add(f.contains(",") || f.contains("\"") ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        return String.join(",", q);
    }

    private static int patientOf(int lesion) {
        return Math.min(lesion, 2) + 1;
    }

    private static boolean valid(Path o, String suffix) {
        try {
            return suffix.equals(".png") ? MaskPng.read(o).width() == TinyDeepLesion.SIZE
                    : Nifti.readMask(o).width() == TinyDeepLesion.SIZE;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void damagePng(Path data, Damage d) throws IOException {
        Path png = TinyDeepLesion.keySlicePng(data, d.pngLesion() == 3 ? 3 : d.pngLesion() + 1);
        byte[] b = Files.readAllBytes(png);
        int at = Math.min(d.pngAt(), b.length - 1);
        switch (d.pngKind()) {
            case 0 -> b = java.util.Arrays.copyOf(b, at); // truncated
            case 1 -> b[at] ^= 0x5A; // one byte flipped
            case 2 -> { // IHDR width set huge (bytes 16..19)
                b[16] = 0x00;
                b[17] = 0x00;
                b[18] = 0x75;
                b[19] = 0x30;
            }
            default -> b = new byte[0];
        }
        Files.write(png, b);
    }
}
