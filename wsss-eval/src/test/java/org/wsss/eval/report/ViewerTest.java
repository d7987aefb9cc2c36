package org.wsss.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask3D;
import org.wsss.api.Progress;
import org.wsss.api.Provenance;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.eval.experiments.Volumetric;

/** The report's per-lesion provenance table and the data the 3D viewer reads. */
class ViewerTest {

    /** The truth, with provenance carrying the lesion's RECIST (per lesion) and one parameter (configuration). */
    static final LesionSegmenter SEEDED = c -> c.groundTruth().orElseThrow().withProvenance(
            Provenance.of("seeded", Map.of("recist", c.recist().toString(), "alpha", "0.5")).withSeed(7));

    static Volumetric.Result result(LesionDataset data) {
        return Volumetric.run(data, Split.TEST, List.of(Volumetric.Method.binary("seeded", SEEDED),
                Volumetric.Method.binary("middle", ReportTest.MIDDLE)), Volumetric.Config.defaults(), 1, Progress.NONE);
    }

    @Test
    void configurationOncePerMethodAndProvenancePerLesion(@TempDir Path dir) throws Exception {
        LesionDataset data = ReportTest.data();
        Volumetric.Result v = result(data);
        String h = Files.readString(Report.builder().volumetric(v).build().write(dir));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| seeded | seeded{alpha=0.5} seed=7 |"), md);
        String configs = md.substring(md.indexOf("### Method configurations"), md.indexOf("## Lesions shown"));
        assertFalse(configs.contains("recist") || configs.contains("Recist"), "a lesion's RECIST in the configuration: "
                + configs);

        // Sphere truth on slices 4..8; "middle" keeps z = 2..4, slices 5..7; RECIST on slice 6.
        LesionCase s1 = data.get(0);
        String recist = String.format(java.util.Locale.ROOT, "slice 6, %.1f × %.1f mm",
                s1.recist().longLengthMm(s1.spacing()), s1.recist().shortLengthMm(s1.spacing()));
        assertTrue(md.contains("| s1 | Bone | " + recist + " | seeded | 7 | 4–8 (5) | 1.000 | "
                + "[overlay](overlays/overlay_Bone_s1.png) · [3D](viewer.html#case=s1) |"), md);
        assertTrue(md.contains("|  |  |  | middle | – | 5–7 (3) |"), md);
        assertTrue(h.contains("<a href=\"viewer.html#case=s1\">3D</a>"), "viewer link in the HTML table");
        assertTrue(h.contains("<a href=\"overlays/overlay_Kidney_s2.png\">overlay</a>"), "overlay link");
        assertTrue(h.contains("<a href=\"viewer.html\">3D viewer</a>"), "viewer link in the text");
        List<String> csv = Files.readAllLines(dir.resolve("lesions-shown.csv"));
        assertEquals(1 + 2 * 2, csv.size(), csv.toString());
        String row = String.format(java.util.Locale.ROOT, "s1,Bone,6,%.1f,%.1f,middle,–,5,7,3,",
                s1.recist().longLengthMm(s1.spacing()), s1.recist().shortLengthMm(s1.spacing()));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith(row)), row + " in " + csv);

        for (String f : List.of("viewer.html", "viewer/viewer.js", "viewer/cases.js", "viewer/case-0.js",
                "viewer/case-1.js")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        String index = Files.readString(dir.resolve("viewer/cases.js"));
        assertTrue(index.contains("{\"id\": \"s1\", \"category\": \"Bone\", \"file\": \"viewer/case-0.js\"}"), index);
        String page = Files.readString(dir.resolve("viewer.html"));
        assertFalse(page.contains("http://") || page.contains("https://"), "the viewer must load nothing from the network");
    }

    @Test
    void caseDataHoldsTheCroppedCtAndEveryMaskBitForBit() {
        LesionDataset data = ReportTest.data();
        Volumetric.Result v = result(data);
        Volumetric.Example e = v.examples().get(0);
        String js = Viewer.caseScript(e, Overlays.names(v));
        assertTrue(js.startsWith("WSSS_VIEWER_LOAD({") && js.endsWith("});\n"));
        int[] size = ints(js, "size");
        int[] origin = ints(js, "origin");
        Viewer.Crop c = Viewer.crop(e.truth(), e.predictions().values());
        assertEquals(List.of(c.nx(), c.ny(), c.nz()), List.of(size[0], size[1], size[2]));
        assertEquals(List.of(c.x0(), c.y0(), c.z0()), List.of(origin[0], origin[1], origin[2]));
        // Truth on z = 1..5 of 7 stored slices, +2 each side: all 7; in plane 13 px wide (7..19) + 14 px margins.
        assertEquals(0, c.z0());
        assertEquals(7, c.nz());
        assertTrue(c.x0() <= 7 - 8 + 1 && c.x0() >= 0 && c.x0() + c.nx() <= 40, c.toString());

        ByteBuffer ct = ByteBuffer.wrap(Base64.getDecoder().decode(string(js, "ct"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2 * size[0] * size[1] * size[2], ct.capacity());
        LesionCase lesion = e.lesion();
        for (int z = 0; z < size[2]; z++) {
            Slice s = lesion.slice(lesion.sliceIndices()[c.z0() + z]);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    assertEquals(Math.round(s.get(c.x0() + x, c.y0() + y)), ct.getShort(), "HU at " + x + "," + y + "," + z);
                }
            }
        }
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"name\": \"([^\"]+)\", \"colour\": \"(#[0-9a-f]{6})\", \"dice\": ([^,]+), "
                + "\"bits\": \"([^\"]*)\"}").matcher(js);
        List<Mask3D> expected = new ArrayList<>(List.of(e.truth()));
        expected.addAll(e.predictions().values());
        while (m.find()) {
            Mask3D mask = expected.get(names.size());
            names.add(m.group(1));
            byte[] bits = Base64.getDecoder().decode(m.group(4));
            int i = 0;
            for (int z = 0; z < size[2]; z++) {
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++, i++) {
                        boolean set = ((bits[i >> 3] >> (i & 7)) & 1) == 1;
                        assertEquals(mask.get(c.x0() + x, c.y0() + y, c.z0() + z), set, m.group(1) + " at " + i);
                    }
                }
            }
        }
        assertEquals(List.of("Ground truth", "seeded", "middle"), names);
        assertTrue(js.contains("\"colour\": \"#00dc00\""), "truth in the overlays' green");
    }

    @Test
    void theSeedIsTheFirstAlongTheChainOfInputs() {
        Provenance grabCut = Provenance.of("grabcut", Map.of()).withSeed(24301);
        Provenance mask3d = Provenance.of("hnn-gc-3d", Map.of()).withParent(Provenance.of("cnn-seeds", Map.of())
                .withParent(grabCut));
        assertEquals("24301 (grabcut)", Report.seedOf(mask3d));
        assertEquals("5", Report.seedOf(mask3d.withSeed(5)));
        assertEquals("–", Report.seedOf(Provenance.of("identity", Map.of())));
        assertEquals("–", Report.seedOf(null));
    }

    @Test
    void jsonStringsAreEscapedForAScript() {
        assertEquals("\"a\\\"b\\\\c\\u003c/script>\\n\"", Viewer.json("a\"b\\c</script>\n"));
    }

    private static int[] ints(String js, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \\[([-0-9, ]+)]").matcher(js);
        assertTrue(m.find(), key);
        return java.util.Arrays.stream(m.group(1).split(",\\s*")).mapToInt(Integer::parseInt).toArray();
    }

    private static String string(String js, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"([^\"]*)\"").matcher(js);
        assertTrue(m.find(), key);
        return m.group(1);
    }
}
