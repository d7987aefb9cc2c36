package org.wsss.hnn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.ReadLimits;
import org.wsss.api.WsssIoException;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;

/** Model files that once exhausted the heap or crashed the JVM: refused before allocating, naming the limit. */
class ModelFileLimitsTest {

    @TempDir
    Path dir;

    private Path tinyModel() {
        Path f = dir.resolve("m.zip");
        try (HnnModel m = Hnn.create(HnnConfig.tiny(2, 4, 16), 3L)) {
            Hnn.save(m, f);
        }
        return f;
    }

    @Test
    void aZipBombEntryStopsAtTheEntryCap() throws IOException {
        Path bomb = dir.resolve("bomb.zip");
        ModelZips.rewrite(tinyModel(), bomb, m -> m, "extra/bomb", 64 << 20);
        assertTrue(Files.size(bomb) < 1 << 20, "64 MB of zeros compress to well under 1 MB");
        ReadLimits small = ReadLimits.defaults().with("modelEntryBytes=1m");
        WsssIoException e = assertThrows(WsssIoException.class, () -> ModelFile.read(bomb, small));
        assertTrue(e.getMessage().contains("entry extra/bomb") && e.getMessage().contains("modelEntryBytes = 1048576"),
                e.getMessage());
        WsssIoException total = assertThrows(WsssIoException.class,
                () -> ModelFile.read(bomb, ReadLimits.defaults().with("modelBytes=8m")));
        assertTrue(total.getMessage().contains("modelBytes = 8388608"), total.getMessage());
        // within the defaults the same file is read whole (the extra entry is ignored by load)
        assertEquals(1, ModelFile.read(bomb).extraArrays().size());
    }

    @Test
    void anArchitectureValidFieldByFieldButHugeInProductIsRefusedBeforeBuildingIt() throws IOException {
        Path huge = dir.resolve("huge.zip");
        ModelZips.rewrite(tinyModel(), huge, m -> m.replaceAll("(?m)^channels=.*$", "channels=4096")
                .replaceAll("(?m)^convsPerStage=.*$", "convsPerStage=1")
                .replaceAll("(?m)^inputSize=.*$", "inputSize=1024"), null, 0);
        WsssIoException e = assertThrows(WsssIoException.class, () -> Hnn.load(huge));
        // 4096 channels x 1024^2 px x 4 bytes = 16 GiB for one convolution's output
        assertTrue(e.getMessage().contains("[4096] channels at 1024 px")
                && e.getMessage().contains("activationBytes = 4294967296"), e.getMessage());
        long act = ModelFile.activationBytes(HnnConfig.tiny(2, 4, 16));
        assertEquals(4L * (4 * 16 * 16 + 8 * 8 * 8), act);
    }

    @Test
    void aDeviceOrAFifoIsNotReadAsAModel() throws Exception {
        Path zero = dir.resolve("zero.zip");
        Files.createSymbolicLink(zero, Path.of("/dev/zero"));
        Path fifo = dir.resolve("fifo.zip");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (Path p : new Path[] {zero, fifo}) {
            WsssIoException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(WsssIoException.class, () -> Hnn.load(p)));
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        }
    }
}
