package org.wsss.hnn.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.wsss.api.ReadLimits;
import org.wsss.api.WsssIoException;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;

/**
 * Fuzz of model loading: a valid tiny model file with bytes overwritten, cut or inserted, or one
 * metadata value replaced, loads or fails with a {@link WsssIoException} naming the file; no
 * other exception and no {@code Error} escapes. Tries from {@code jqwik.tries.default}
 * ({@code -Pfuzz} raises them); a failing try prints its seed.
 */
class ModelZipFuzzProperties {

    private static final byte[] VALID;

    static {
        try {
            Path f = Files.createTempDirectory("wsss-model-fuzz").resolve("m.zip");
            try (HnnModel m = Hnn.create(HnnConfig.tiny(2, 4, 16), 5L)) {
                Hnn.save(m, f);
            }
            VALID = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Edit(int kind, double where, int value, int length) {
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers(), Arbitraries.integers().between(1, 32)).as(Edit::new).list().ofMinSize(1)
                .ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> metadataValues() {
        return Arbitraries.of("", "-1", "0", "1", "4096", "1024", "4096,4096", "8,8", "1,1,1,1,1,1,1,1,1,1,1,1",
                "NaN", "1e309", "9999999999", "hnn", "unet", "other", "2147483647", "x,y");
    }

    @Property
    void corruptBytesFailCleanly(@ForAll("edits") List<Edit> edits) throws IOException {
        byte[] b = VALID.clone();
        for (Edit e : edits) {
            int at = (int) (e.where() * b.length);
            if (e.kind() == 0) {
                for (int i = at; i < Math.min(b.length, at + e.length()); i++) {
                    b[i] = (byte) (e.value() + i);
                }
            } else if (e.kind() == 1) {
                b = java.util.Arrays.copyOf(b, at);
            } else {
                byte[] c = new byte[b.length + e.length()];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at, c, at + e.length(), b.length - at);
                b = c;
            }
        }
        load(b);
    }

    @Property
    void oneMetadataValueReplacedFailsCleanly(@ForAll("metadataValues") String value,
                                              @ForAll("keys") String key) throws IOException {
        Path dir = Files.createTempDirectory("wsss-model-fuzz");
        Path from = dir.resolve("valid.zip"), to = dir.resolve("m.zip");
        Files.write(from, VALID);
        ModelZips.rewrite(from, to, m -> m.replaceAll("(?m)^" + key + "=.*$", key + "=" + value));
        load(Files.readAllBytes(to));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("channels", "convsPerStage", "inputSize", "architecture", "format", "formatVersion",
                "window.lower", "calibration.scale", "provenance.seed");
    }

    private static void load(byte[] bytes) throws IOException {
        Path f = Files.createTempDirectory("wsss-model-fuzz").resolve("m.zip");
        Files.write(f, bytes);
        // small caps keep a lucky "valid" huge architecture from being built
        ReadLimits small = ReadLimits.defaults().with("modelBytes=16m").with("activationBytes=64m");
        try (HnnModel m = ModelFile.load(f, small)) {
            assertTrue(m.info() != null);
        } catch (WsssIoException e) {
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
    }
}
