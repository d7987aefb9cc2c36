package org.wsss.hnn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.SliceSegmenter;
import org.wsss.api.Window;
import org.wsss.api.WsssIoException;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.SyntheticDiscs;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.Augmentation;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.hnn.train.TrainingExample;
import org.wsss.hnn.loss.AlphaBetaSchedule;

/** Save → load → identical predictions; bad files are rejected with a clear error. */
class ModelFileTest {

    private static final HnnConfig TINY = HnnConfig.tiny(2, 4, 16);

    private static HnnModel trained(long seed) {
        List<TrainingExample> ex = new ArrayList<>();
        SyntheticDiscs.make(4, 32, seed).forEach(c -> ex.add(c.weakExample()));
        try (HnnModel m = Hnn.create(TINY, seed)) {
            return Hnn.trainer(new TrainerConfig(1e-2, 1e-2, 10, 2, 4, AlphaBetaSchedule.constant(1, 1), Augmentation.defaults(),
                    1L, null), List.of()).fit(m, ex, List.of()).model();
        }
    }

    @Test
    void saveLoadGivesIdenticalPredictionsAndMetadata(@TempDir Path dir) {
        Path f = dir.resolve("m.zip");
        var cases = SyntheticDiscs.make(3, 32, 9L);
        try (HnnModel m = trained(4L)) {
            Hnn.save(m, f);
            try (HnnModel back = Hnn.load(f)) {
                assertEquals(m.info(), back.info());
                for (var c : cases) {
                    ProbabilityMap a = m.predict(c.slice(), c.recist(), Window.DEFAULT);
                    ProbabilityMap b = back.predict(c.slice(), c.recist(), Window.DEFAULT);
                    assertArrayEquals(a.toArray(), b.toArray(), 0f);
                    assertEquals(a.roi(), b.roi());
                }
                assertEquals("hnn", back.info().provenance().method());
                assertEquals("2", back.info().provenance().parameters().get("trainer.epochsDone"));
            }
        }
    }

    @Test
    void batchedPredictionEqualsOneByOne() {
        var cases = SyntheticDiscs.make(HnnModel.INFERENCE_BATCH + 3, 32, 12L);
        try (HnnModel m = Hnn.create(TINY, 8L)) {
            List<SliceSegmenter.Request> req = new ArrayList<>();
            cases.forEach(c -> req.add(new SliceSegmenter.Request(c.slice(),
                    org.wsss.hnn.train.RoiSampler.recistRoi(c.recist()), Window.DEFAULT)));
            List<ProbabilityMap> all = m.predictAll(req);
            for (int i = 0; i < cases.size(); i += 5) {
                assertArrayEquals(m.predict(req.get(i).slice(), req.get(i).roi(), Window.DEFAULT).toArray(),
                        all.get(i).toArray(), 1e-6f);
            }
        }
    }

    @Test
    void truncatedFileIsRejected(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.zip");
        try (HnnModel m = Hnn.create(TINY, 1L)) {
            Hnn.save(m, f);
        }
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        WsssIoException e = assertThrows(WsssIoException.class, () -> Hnn.load(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(cut, e.file().orElseThrow());
    }

    @Test
    void trainingCalibratesAndAFileWithoutCalibrationReadsAsUncalibrated(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.zip");
        var c = SyntheticDiscs.make(1, 32, 9L).get(0);
        try (HnnModel m = trained(5L)) {
            assertFalse(m.info().calibration().isIdentity(), "training fits a calibration");
            Hnn.save(m, f);
            Path old = dir.resolve("old.zip");
            ModelZips.rewrite(f, old, t -> t.replaceAll("(?m)^calibration\\..*$", ""));
            try (HnnModel back = Hnn.load(old)) {
                assertTrue(back.info().calibration().isIdentity());
                // The raw output, calibrated by the trained model's calibration, is what the trained model returns.
                float[] raw = back.predict(c.slice(), c.recist(), Window.DEFAULT).toArray();
                float[] cal = m.predict(c.slice(), c.recist(), Window.DEFAULT).toArray();
                for (int i = 0; i < raw.length; i++) {
                    assertEquals(m.info().calibration().apply(raw[i]), cal[i], 1e-5f);
                }
            }
        }
    }

    @Test
    void aSecondRecistSliceCalibrationIsSavedAndReadThroughTheView(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.zip");
        var c = SyntheticDiscs.make(1, 32, 9L).get(0);
        var roi = org.wsss.hnn.train.RoiSampler.recistRoi(c.recist());
        org.wsss.hnn.model.Calibration recist = new org.wsss.hnn.model.Calibration(0.5, 1.5);
        try (HnnModel one = trained(5L); HnnModel two = one.withRecistCalibration(recist)) {
            assertTrue(one.recistCalibrated() == one, "one calibration: the model itself");
            Hnn.save(one, f);
            assertFalse(properties(f).contains("recistCalibration"), "a model with one calibration writes the file it did");
            Hnn.save(two, f);
            assertTrue(properties(f).contains("recistCalibration.offset=1.5"), properties(f));
            Path raw = dir.resolve("raw.zip");
            ModelZips.rewrite(f, raw, t -> t.replaceAll("(?m)^(recistC|c)alibration\\..*$", ""));
            try (HnnModel back = Hnn.load(f); HnnModel uncalibrated = Hnn.load(raw)) {
                assertEquals(two.info(), back.info());
                assertEquals(recist, back.info().recistCalibration());
                assertEquals(one.info().calibration(), back.info().calibration());
                float[] r = uncalibrated.predict(c.slice(), roi, Window.DEFAULT).toArray();
                float[] main = back.predict(c.slice(), roi, Window.DEFAULT).toArray();
                float[] viaRecist = back.recistCalibrated().predict(c.slice(), roi, Window.DEFAULT).toArray();
                for (int i = 0; i < r.length; i++) {
                    assertEquals(one.info().calibration().apply(r[i]), main[i], 1e-5f, "pixel " + i);
                    assertEquals(recist.apply(r[i]), viaRecist[i], 1e-5f, "pixel " + i);
                }
            }
        }
    }

    private static String properties(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return new String(z.getInputStream(z.getEntry("model.properties")).readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void otherFormatVersionIsRejected(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.zip");
        try (HnnModel m = Hnn.create(TINY, 1L)) {
            Hnn.save(m, f);
        }
        Path v2 = dir.resolve("v2.zip");
        ModelZips.rewrite(f, v2, m -> m.replace("formatVersion=1", "formatVersion=2"));
        WsssIoException e = assertThrows(WsssIoException.class, () -> Hnn.load(v2));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void missingFileAndWrongInputShapeAreRejected(@TempDir Path dir) {
        assertThrows(WsssIoException.class, () -> Hnn.load(dir.resolve("none.zip")));
        try (HnnModel m = Hnn.create(TINY, 1L)) {
            var twoChannels = Nd4j.zeros(DataType.FLOAT, 1, 2, 16, 16);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.network().predict(twoChannels));
            assertTrue(e.getMessage().contains("[N, 1, 16, 16]"), e.getMessage());
        }
    }
}
