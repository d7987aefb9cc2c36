package org.wsss.hnn.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Roi;
import org.wsss.api.contract.Fixtures;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;

/**
 * Writes the golden model file of this version and the predictions it must give: a small
 * 2-stage HNN (seed 7) saved as {@code model-v1.zip}, and its probability map over a fixed ROI
 * of the contract fixture's key slice as {@code model-v1-expected.txt}. Later versions must load
 * the file and reproduce the map ({@link GoldenModelFileTest}); never regenerate it to make that
 * test pass. Run from the repository root:
 *
 * <pre>{@code
 * mvn -B -q -o -pl wsss-hnn -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "wsss-hnn/target/test-classes:wsss-hnn/target/classes:wsss-api/target/test-classes:wsss-api/target/classes:$(cat /tmp/cp.txt)" \
 *     org.wsss.hnn.io.GoldenModelFile wsss-hnn/src/test/resources/golden
 * }</pre>
 */
final class GoldenModelFile {

    static final String MODEL = "model-v1.zip";
    static final String EXPECTED = "model-v1-expected.txt";
    static final Roi ROI = new Roi(22, 25, 48, 48);

    private GoldenModelFile() {
    }

    static float[] predict(HnnModel m) {
        ProbabilityMap p = m.predict(Fixtures.keySlice(), ROI, Fixtures.WINDOW);
        return p.toArray();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        try (HnnModel m = Hnn.create(new HnnConfig(List.of(4, 8), List.of(1, 1), 32), 7L)) {
            Hnn.save(m, dir.resolve(MODEL));
        }
        try (HnnModel back = Hnn.load(dir.resolve(MODEL))) {
            List<String> lines = new ArrayList<>();
            for (float v : predict(back)) {
                lines.add(String.format(Locale.ROOT, "%.9g", v));
            }
            Files.write(dir.resolve(EXPECTED), lines, StandardCharsets.UTF_8);
        }
    }
}
