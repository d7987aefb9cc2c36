package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnConfig;

/** {@code wsss pretrain} writes a model that {@code wsss train --init} starts from. */
class PretrainCommandTest {

    @Test
    void pretrainThenTrainFromIt(@TempDir Path tmp) throws Exception {
        Path pre = tmp.resolve("pre.zip");
        Cli p = Cli.run("pretrain", "--out", pre.toString(), "--n", "10", "--epochs", "1", "--no-progress");
        assertEquals(0, p.code(), p::toString);
        try (var m = Hnn.load(pre)) {
            assertEquals(HnnConfig.defaults(), m.info().config());
            assertEquals("pretrain-phantom-gt", m.info().provenance().method());
            assertEquals("1", m.info().provenance().parameters().get("epochs"));
        }
        Path dl = tmp.resolve("dl");
        TinyDeepLesion.manyCases(dl, 4);
        Path model = tmp.resolve("model.zip");
        Cli t = Cli.run("train", "--deeplesion", dl.toString(), "--out", model.toString(), "--wsss", "1", "--epochs", "1",
                "--init", pre.toString(), "--no-progress");
        assertEquals(0, t.code(), t::toString);
        try (var m = Hnn.load(model)) {
            assertEquals(pre.toString(), m.info().provenance().parameters().get("init"));
        }
        Cli bad = Cli.run("train", "--deeplesion", dl.toString(), "--out", model.toString(), "--init",
                tmp.resolve("missing.zip").toString());
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.toString().contains("missing.zip"), bad::toString);
        assertTrue(Files.isRegularFile(model));
    }
}
