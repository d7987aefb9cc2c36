package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Mask3D;
import org.wsss.io.Nifti;
import org.wsss.eval.metrics.Metrics;
import org.wsss.hnn.Hnn;

/** {@code wsss segment} and {@code wsss train} on a tiny DeepLesion-layout dataset. */
class SegmentTrainCommandTest {

    @Test
    void segmentWritesOneMaskPerLesionOnTheSeriesGridAndALesionTable(@TempDir Path tmp) throws Exception {
        Path dl = tmp.resolve("dl");
        Map<String, TinyDeepLesion.Disc> cases = TinyDeepLesion.fourCases(dl);
        Path out = tmp.resolve("out");
        Cli r = Cli.run("segment", "--deeplesion", dl.toString(), "--method", "grabcut-3de", "--out", out.toString(),
                "--threads", "2", "--no-progress");
        assertEquals(0, r.code(), r::toString);
        for (Map.Entry<String, TinyDeepLesion.Disc> e : cases.entrySet()) {
            Mask3D m = Nifti.readMask(out.resolve(e.getKey() + ".nii.gz"));
            assertEquals(TinyDeepLesion.SIZE, m.width());
            assertEquals(TinyDeepLesion.SIZE, m.height());
            assertEquals(TinyDeepLesion.DEPTH, m.depth(), "z = the stored slices of the series");
            assertEquals(0.8, m.spacing().x(), 1e-6);
            assertEquals(2.5, m.spacing().z(), 1e-6);
            double dice = Metrics.dice(m, e.getValue().truth());
            assertTrue(dice > 0.7, e.getKey() + " 3D Dice " + dice);
        }
        List<String> rows = Files.readAllLines(out.resolve(SegmentCommand.LESIONS_FILE));
        assertEquals("lesion,volume_ml,long_axis_mm,short_axis_mm,recist_long_axis_mm,recist_short_axis_mm,status",
                rows.get(0));
        assertEquals(cases.size() + 1, rows.size());
        String first = cases.keySet().iterator().next();
        String[] f = rows.get(1).split(",");
        assertEquals(first, f[0]);
        assertEquals("ok", f[6]);
        assertTrue(Double.parseDouble(f[1]) > 0, rows.get(1));
        // The radiologist's long axis of a disc of radius 9 px at 0.8 mm: 18 px = 14.40 mm.
        assertEquals("14.40", f[4]);
        // A rerun skips every lesion and still lists them all.
        Cli again = Cli.run("segment", "--deeplesion", dl.toString(), "--method", "grabcut-3de", "--out", out.toString(),
                "--no-progress");
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("4 already done"), again.out());
        assertEquals(rows, Files.readAllLines(out.resolve(SegmentCommand.LESIONS_FILE)));
    }

    @Test
    void wsssMethodNeedsAModel(@TempDir Path tmp) {
        Path dl = tmp.resolve("dl");
        TinyDeepLesion.fourCases(dl);
        Cli r = Cli.run("segment", "--deeplesion", dl.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--model"), r.err());
        Cli bad = Cli.run("segment", "--deeplesion", dl.toString(), "--out", tmp.resolve("o").toString(), "--split", "4");
        assertEquals(2, bad.code(), bad::toString);
    }

    @Test
    void trainWritesAModelThatSegmentLoads(@TempDir Path tmp) throws Exception {
        Path dl = tmp.resolve("dl");
        TinyDeepLesion.manyCases(dl, 6);
        Path model = tmp.resolve("m").resolve("model.wsss");
        Cli t = Cli.run("train", "--deeplesion", dl.toString(), "--out", model.toString(), "--wsss", "3", "--epochs", "1",
                "--fine-tune-epochs", "1", "--threads", "2", "--no-progress");
        assertEquals(0, t.code(), t::toString);
        assertTrue(Files.isRegularFile(model));
        assertTrue(Files.isRegularFile(model.resolveSibling("model.wsss.steps").resolve("wsss-step-1.zip")));
        try (var m = Hnn.load(model)) {
            assertEquals(96, m.info().config().inputSize());
        }
        Path out = tmp.resolve("masks");
        Cli s = Cli.run("segment", "--deeplesion", dl.toString(), "--model", model.toString(), "--out", out.toString(),
                "--split", "3", "--no-progress");
        assertTrue(s.code() == 0, s::toString);
        List<String> rows = Files.readAllLines(out.resolve(SegmentCommand.LESIONS_FILE));
        assertEquals(1 + 2, rows.size(), "two test-split lesions: " + rows);
        for (String row : rows.subList(1, rows.size())) {
            Mask3D m = Nifti.readMask(out.resolve(row.split(",")[0] + ".nii.gz"));
            assertEquals(TinyDeepLesion.DEPTH, m.depth());
            assertTrue(m.count() > 0, "never empty when the RECIST slice was segmented: " + row);
        }
        Cli wrongK = Cli.run("train", "--deeplesion", dl.toString(), "--out", model.toString(), "--wsss", "4");
        assertEquals(2, wrongK.code(), wrongK::toString);
    }
}
