package org.wsss.hnn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnModel;

/**
 * The model file of version 1 of the format, written by an earlier build
 * ({@link GoldenModelFile}), still loads and predicts the same map within 1e-6.
 */
class GoldenModelFileTest {

    @Test
    void theVersionOneModelFileLoadsAndPredictsTheSame(@TempDir Path dir) throws Exception {
        Path model = dir.resolve(GoldenModelFile.MODEL);
        try (InputStream in = getClass().getResourceAsStream("/golden/" + GoldenModelFile.MODEL)) {
            Files.copy(in, model);
        }
        List<String> expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/" + GoldenModelFile.EXPECTED)) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        try (HnnModel m = Hnn.load(model)) {
            float[] p = GoldenModelFile.predict(m);
            assertEquals(expected.size(), p.length);
            for (int i = 0; i < p.length; i++) {
                assertEquals(Float.parseFloat(expected.get(i)), p[i], 1e-6, "pixel " + i);
            }
        }
    }
}
