package org.wsss.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerRatioCheckTest {

    /** A JMH 1.37 JSON result of HnnPeerBenchmark (one iteration each, training and batch-1 inference). */
    private static String golden() throws IOException {
        try (InputStream in = PeerRatioCheckTest.class.getResourceAsStream("jmh-peer-result.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String entry(String method, String params, double score, String unit) {
        return "{\"benchmark\": \"org.wsss.benchmarks.HnnPeerBenchmark." + method + "\", " + params
                + "\"primaryMetric\": {\"score\": " + score + ", \"scoreError\": 1.5, \"scoreUnit\": \"" + unit + "\"}}";
    }

    @Test
    void parsesTheGoldenFile() throws IOException {
        List<PeerRatioCheck.Result> r = PeerRatioCheck.parse(golden());
        assertEquals(4, r.size());
        assertEquals("djlPyTorch", r.get(0).method());
        assertEquals(Map.of(), r.get(0).params());
        assertEquals(420.3764991666667, r.get(0).ms(), 0);
        assertTrue(Double.isNaN(r.get(0).errorMs()), "JMH writes a missing error as the string NaN");
        assertEquals("djlPyTorchInfer", r.get(1).method());
        assertEquals(Map.of("batch", "1"), r.get(1).params());
        assertEquals(51.02962276190476, r.get(1).ms(), 0);
        assertEquals("wsssSameDiff", r.get(2).method());
        assertEquals(4656.710121, r.get(2).ms(), 0);
        assertEquals("wsssSameDiffInfer", r.get(3).method());
        assertEquals(718.7526533333333, r.get(3).ms(), 0);
    }

    @Test
    void pairsByParametersAndComputesTheRatio() throws IOException {
        PeerRatioCheck.Report rep = PeerRatioCheck.report(PeerRatioCheck.parse(golden()));
        assertEquals(1, rep.train().size());
        assertEquals(4656.710121 / 420.3764991666667, rep.train().get(0).ratio(), 1e-12);
        assertEquals(8, rep.train().get(0).batch(), "training without a batch parameter is the benchmark's batch 8");
        assertEquals(1, rep.infer().size());
        assertEquals(1, rep.infer().get(0).batch());
        assertEquals(718.7526533333333 / 51.02962276190476, rep.infer().get(0).ratio(), 1e-12);
        assertTrue(!rep.withinTarget(PeerRatioCheck.TARGET));
        assertTrue(rep.withinTarget(12));
    }

    @Test
    void exitStatusFollowsTheTarget(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r.json");
        Files.writeString(f, golden());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(1, PeerRatioCheck.run(new String[]{f.toString()}, ps, ps));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("ratio wsssSameDiff/DJL 11.077 (target <= 1.50): EXCEEDED"), text);
        assertTrue(text.contains("training images/s: wsssSameDiff 1.7, DJL/PyTorch 19.0"), text);
        assertTrue(text.contains("inference, batch 1: per slice SameDiff 718.753 ms, DJL/PyTorch 51.030 ms"), text);
        assertEquals(0, PeerRatioCheck.run(new String[]{f.toString(), "12"}, ps, ps));
        assertEquals(2, PeerRatioCheck.run(new String[]{dir.resolve("missing.json").toString()}, ps, ps));
        assertEquals(2, PeerRatioCheck.run(new String[]{f.toString(), "-1"}, ps, ps));
        assertEquals(2, PeerRatioCheck.run(new String[]{}, ps, ps));
    }

    @Test
    void convertsTimeAndThroughputUnitsToMilliseconds() {
        String json = "[" + entry("wsssSameDiff", "", 150000, "us/op") + ", "
                + entry("djlPyTorch", "", 0.01, "ops/ms") + "]";
        List<PeerRatioCheck.Result> r = PeerRatioCheck.parse(json);
        assertEquals(150, r.get(0).ms(), 1e-9);
        assertEquals(0.0015, r.get(0).errorMs(), 1e-12);   // 1.5 us
        assertEquals(100, r.get(1).ms(), 1e-9);
        assertEquals(1.5, PeerRatioCheck.report(r).train().get(0).ratio(), 1e-12);
        assertTrue(PeerRatioCheck.report(r).withinTarget(1.5));
        assertThrows(IllegalArgumentException.class,
                () -> PeerRatioCheck.parse("[" + entry("wsssSameDiff", "", 1, "furlongs/op") + "]"));
    }

    @Test
    void rejectsMissingOrUnmatchedPairs() {
        String onlyOurs = "[" + entry("wsssSameDiff", "", 10, "ms/op") + "]";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerRatioCheck.report(PeerRatioCheck.parse(onlyOurs)));
        assertTrue(e.getMessage().contains("djlPyTorch"), e.getMessage());
        String unmatched = "[" + entry("wsssSameDiff", "", 10, "ms/op") + ", " + entry("djlPyTorch", "", 5, "ms/op") + ", "
                + entry("wsssSameDiffInfer", "\"params\": {\"batch\": \"1\"}, ", 3, "ms/op") + ", "
                + entry("djlPyTorchInfer", "\"params\": {\"batch\": \"8\"}, ", 3, "ms/op") + "]";
        assertThrows(IllegalArgumentException.class, () -> PeerRatioCheck.report(PeerRatioCheck.parse(unmatched)));
    }

    @Test
    void pairsEachParameterSetAndGatesOnTheWorstTrainingRatio() {
        String m1 = "\"params\": {\"malloc\": \"default\"}, ", m2 = "\"params\": {\"malloc\": \"tuned\"}, ";
        String json = "[" + entry("djlPyTorch", m1, 200, "ms/op") + ", " + entry("djlPyTorch", m2, 50, "ms/op") + ", "
                + entry("wsssSameDiff", m2, 150, "ms/op") + ", " + entry("wsssSameDiff", m1, 160, "ms/op") + ", "
                + entry("wsssSameDiffInfer", "\"params\": {\"batch\": \"8\", \"malloc\": \"tuned\"}, ", 16, "ms/op") + ", "
                + entry("djlPyTorchInfer", "\"params\": {\"malloc\": \"tuned\", \"batch\": \"8\"}, ", 32, "ms/op") + "]";
        PeerRatioCheck.Report r = PeerRatioCheck.report(PeerRatioCheck.parse(json));
        assertEquals(2, r.train().size());
        assertEquals(0.8, r.train().get(0).ratio(), 1e-12);   // default: 160 / 200
        assertEquals(3.0, r.train().get(1).ratio(), 1e-12);   // tuned: 150 / 50
        assertTrue(!r.withinTarget(1.5), "one pair above the target fails the run");
        assertEquals(0.5, r.infer().get(0).ratio(), 1e-12);
        assertEquals(8, r.infer().get(0).batch());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PeerRatioCheck.print(r, 1.5, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("training step, batch 8, malloc tuned: wsssSameDiff 150.00 ± 1.50 ms, DJL/PyTorch 50.00 ± 1.50 ms"),
                text);
        assertTrue(text.contains("inference, batch 8, malloc tuned: per slice SameDiff 2.000 ms, DJL/PyTorch 4.000 ms"), text);
    }

    @Test
    void checksTheDefaultEngineAndReportsSameDiffBeside() {
        String json = "[" + entry("djlPyTorch", "", 50, "ms/op") + ", " + entry("wsssSameDiff", "", 120, "ms/op") + ", "
                + entry("wsssTrain", "", 60, "ms/op") + "]";
        PeerRatioCheck.Report r = PeerRatioCheck.report(PeerRatioCheck.parse(json));
        assertEquals(1, r.train().size());
        assertEquals("wsssTrain", r.train().get(0).ours().method());
        assertEquals(1.2, r.train().get(0).ratio(), 1e-12);
        assertEquals(1, r.reference().size());
        assertEquals(2.4, r.reference().get(0).ratio(), 1e-12);
        assertTrue(r.withinTarget(1.5), "the SameDiff engine's ratio is reported, not checked");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PeerRatioCheck.print(r, 1.5, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("ratio wsssTrain/DJL 1.200 (target <= 1.50): OK"), text);
        assertTrue(text.contains("ratio wsssSameDiff/DJL 2.400 (reference engine, not checked)"), text);
    }

    @Test
    void rejectsMalformedJson() {
        for (String bad : new String[]{"", "{}", "[", "[{\"benchmark\": \"x.wsssSameDiff\"}]", "[1,]", "[\"a\\q\"]",
                "[{\"benchmark\": \"x.y\", \"primaryMetric\": {\"score\": -1, \"scoreUnit\": \"ms/op\"}}]", "[] x", "[01]"}) {
            assertThrows(IllegalArgumentException.class, () -> PeerRatioCheck.parse(bad), bad);
        }
    }

    @Test
    void readsEscapesInStrings() {
        String json = "[{\"benchmark\": \"a.b\\u002ewsssSameDiff\", \"params\": {\"k\\\"\": \"v\\n\"}, "
                + "\"primaryMetric\": {\"score\": 2e1, \"scoreError\": \"NaN\", \"scoreUnit\": \"s\\/op\"}}]";
        PeerRatioCheck.Result r = PeerRatioCheck.parse(json).get(0);
        assertEquals("wsssSameDiff", r.method());
        assertEquals(Map.of("k\"", "v\n"), r.params());
        assertEquals(20000, r.ms(), 1e-9);
    }
}
