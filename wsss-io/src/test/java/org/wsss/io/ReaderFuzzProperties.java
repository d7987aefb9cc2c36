package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.WsssIoException;

/**
 * Fuzz of the readers with corrupt input: every input gives either a valid result or a
 * {@link WsssIoException} / {@link IllegalArgumentException} naming what is wrong; no other
 * exception and no {@code Error} escapes. Tries come from {@code jqwik.tries.default} (small in
 * the default run, raised by {@code -Pfuzz}); jqwik prints the seed of a failing try, which
 * replays it ({@code @Property(seed = "...")}).
 */
class ReaderFuzzProperties {

    /** A byte-level corruption: overwrite, truncate, insert or repeat a stretch. */
    record Mutation(int kind, double where, int value, int length) {
        byte[] apply(byte[] in, int protect) {
            int at = protect + (int) (where * Math.max(1, in.length - protect));
            at = Math.min(at, in.length);
            switch (kind) {
                case 0: { // overwrite bytes
                    byte[] out = in.clone();
                    for (int i = at; i < Math.min(in.length, at + length); i++) {
                        out[i] = (byte) (value + i);
                    }
                    return out;
                }
                case 1: // truncate
                    return java.util.Arrays.copyOf(in, at);
                case 2: { // insert
                    byte[] out = new byte[in.length + length];
                    System.arraycopy(in, 0, out, 0, at);
                    for (int i = 0; i < length; i++) {
                        out[at + i] = (byte) (value * 31 + i);
                    }
                    System.arraycopy(in, at, out, at + length, in.length - at);
                    return out;
                }
                default: { // one 32-bit big- or little-endian field set to an extreme value
                    byte[] out = in.clone();
                    int v = value % 2 == 0 ? Integer.MAX_VALUE : value;
                    for (int i = 0; i < 4 && at + i < out.length; i++) {
                        out[at + i] = (byte) (v >>> (8 * (length % 2 == 0 ? 3 - i : i)));
                    }
                    return out;
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers(), Arbitraries.integers().between(1, 64))
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    private static byte[] mutate(byte[] valid, List<Mutation> ms, int protect) {
        byte[] b = valid;
        for (Mutation m : ms) {
            b = m.apply(b, protect);
        }
        return b;
    }

    private static Path temp(String name, byte[] content) {
        try {
            Path dir = Files.createTempDirectory("wsss-fuzz");
            Path f = dir.resolve(name);
            Files.write(f, content);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final byte[] PNG16;
    private static final byte[] NIFTI;

    static {
        try {
            Path d = Files.createTempDirectory("wsss-fuzz-seed");
            PNG16 = Files.readAllBytes(DlFixture.png16(d.resolve("s.png"), 24, 20, (x, y) -> 32768 + x * y));
            Path nii = d.resolve("m.nii");
            Nifti.writeMask(Mask3D.builder(6, 5, 4, new VoxelSpacing(0.7, 0.7, 2.5)).set(2, 2, 1).build(), nii);
            NIFTI = Files.readAllBytes(nii);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property
    void corruptSlicePngsGiveAClearErrorOrTheRightSlice(@ForAll("mutations") List<Mutation> ms) {
        Path f = temp("slice.png", mutate(PNG16, ms, 8));
        try {
            float[] hu = Png16.read(f, 24, 20);
            assertEquals(24 * 20, hu.length);
        } catch (WsssIoException e) {
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
        try {
            MaskPng.read(f);
        } catch (WsssIoException e) {
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    @Property
    void corruptNiftiHeadersAndDataGiveAClearErrorOrAnImage(@ForAll("mutations") List<Mutation> ms) {
        Path f = temp("m.nii", mutate(NIFTI, ms, 0));
        try {
            Nifti.readMask(f);
        } catch (WsssIoException e) {
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> fieldValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "NaN", "-NaN", "Infinity", "-1", "0", "1e200", "1e-300", "2147483648", "\"",
                        "1, 2", "1, 2, 3", "3, 3, 3, 3, 3, 3, 3, 3", "0, 0, 0", "512, 512", "-175, 275",
                        "100, 100, 100, 100, 90, 90, 110, 110", "x\uFFFDy", "0.488281, 0.488281, 5"),
                Arbitraries.doubles().between(-1e6, 1e6).map(d -> Double.toString(d)),
                Arbitraries.doubles().between(-10, 600).list().ofMinSize(1).ofMaxSize(9)
                        .map(l -> String.join(", ", l.stream().map(String::valueOf).toList())),
                Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<List<String>> rows() {
        Arbitrary<String> row = Combinators.combine(Arbitraries.integers().between(0, DlInfo.HEADER.size() - 1),
                fieldValues(), Arbitraries.integers().between(0, 3)).as((k, v, extra) -> {
                    String r = DlFixture.withField(DlFixture.ROW, k, v);
                    // sometimes damage the line itself: drop a field, add one, cut it short
                    return switch (extra) {
                        case 1 -> r.substring(0, r.lastIndexOf(','));
                        case 2 -> r + ",1";
                        case 3 -> r.substring(0, r.length() / 2);
                        default -> r;
                    };
                });
        return row.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property
    void corruptCsvRowsAreBadRowsNamedByRowAndTheOthersRead(@ForAll("rows") List<String> rows) throws IOException {
        Path dir = Files.createTempDirectory("wsss-fuzz-csv");
        List<String> all = new ArrayList<>(rows);
        all.add(DlFixture.ROW); // a good row at the end is always read
        DlFixture.csv(dir, all.toArray(String[]::new));
        LesionDataset ds = DeepLesion.open(dir);
        assertEquals(all.size(), ds.size() + ds.problems().size(), () -> ds.problems().toString());
        // the good last row is read whatever came before (its id's suffix counts the rows of its File_name)
        assertTrue(ds.size() > 0 && ds.get(ds.size() - 1).id().startsWith("000001_01_01_109"),
                () -> ds.problems().toString());
        for (WsssIoException p : ds.problems()) {
            assertTrue(p.row() >= 2 && p.getMessage().contains("DL_info.csv, row " + p.row()), p.getMessage());
        }
        for (LesionCase c : ds) {
            // what was read is valid geometry: the checks of Recist.validate hold
            Recist r = c.recist();
            assertTrue(r.validate(c.width(), c.height(), c.spacing()) == r);
            VoxelSpacing s = c.spacing();
            assertTrue(s.x() >= 0.01 && s.x() <= 50 && s.y() >= 0.01 && s.y() <= 50 && s.z() >= 0.01 && s.z() <= 50);
        }
    }

    @Provide
    Arbitrary<double[]> geometry() {
        Arbitrary<Double> coord = Arbitraries.oneOf(Arbitraries.doubles().between(-20, 560),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.5, 511.5, 1e300));
        Arbitrary<Double> spacing = Arbitraries.oneOf(Arbitraries.doubles().between(1e-4, 100).ofScale(6),
                Arbitraries.of(1e200, 1e-200, Double.MIN_VALUE, Double.MAX_VALUE));
        return Combinators.combine(coord.list().ofSize(8), spacing.list().ofSize(3)).as((c, s) -> {
            double[] v = new double[11];
            for (int i = 0; i < 8; i++) {
                v[i] = c.get(i);
            }
            for (int i = 0; i < 3; i++) {
                v[8 + i] = s.get(i);
            }
            return v;
        });
    }

    @Property
    void recistGeometryIsReadOnlyWhenItIsValid(@ForAll("geometry") double[] g) {
        // plain toString: NaN and Infinity reach the reader as text, as in a hand-edited file
        StringBuilder coords = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            coords.append(i == 0 ? "" : ", ").append(g[i]);
        }
        String row = DlFixture.withField(DlFixture.withField(DlFixture.ROW, 5, coords.toString()), 12,
                g[8] + ", " + g[9] + ", " + g[10]);
        try {
            DeepLesionRecord r = DlInfo.parse(CsvLine.split(row));
            Recist re = r.recist();
            double angle = re.longAxis().angleDegreesTo(re.shortAxis(), r.spacing());
            assertTrue(angle >= 90 - Recist.PERPENDICULAR_TOLERANCE_DEGREES - 1e-9, "angle " + angle);
            assertTrue(re.longLengthMm(r.spacing()) >= re.shortLengthMm(r.spacing()) * (1 - 1e-9));
            for (var p : re.endpoints()) {
                assertTrue(p.x() >= -0.5 && p.x() <= 511.5 && p.y() >= -0.5 && p.y() <= 511.5, p.toString());
            }
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }
}
