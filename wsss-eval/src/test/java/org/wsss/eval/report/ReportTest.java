package org.wsss.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.LesionDataset;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.api.Progress;
import org.wsss.eval.experiments.Table1;
import org.wsss.eval.experiments.Tables;
import org.wsss.eval.experiments.Volumetric;

class ReportTest {

    static final VoxelSpacing SP = new VoxelSpacing(0.8, 0.8, 2.5);

    /** A 40×40×7 sphere of radius 6 px / 2.4 slices at (20, 20), slices 3..9, RECIST on slice 6. */
    record Sphere(String id, LesionCategory category, Split split) implements LesionCase {
        boolean inside(int x, int y, int s) {
            double dx = (x - 20) / 6.0, dy = (y - 20) / 6.0, dz = (s - 6) / 2.4;
            return dx * dx + dy * dy + dz * dz <= 1;
        }

        Mask slab(int s) {
            return Mask.fromPredicate(40, 40, (x, y) -> inside(x, y, s));
        }

        @Override
        public Recist recist() {
            return Recist.fromMask(slab(6), SP, 6);
        }

        @Override
        public VoxelSpacing spacing() {
            return SP;
        }

        @Override
        public Window window() {
            return Window.DEFAULT;
        }

        @Override
        public int width() {
            return 40;
        }

        @Override
        public int height() {
            return 40;
        }

        @Override
        public int[] sliceIndices() {
            return new int[] {3, 4, 5, 6, 7, 8, 9};
        }

        @Override
        public Slice slice(int s) {
            float[] hu = new float[1600];
            for (int i = 0; i < hu.length; i++) {
                hu[i] = inside(i % 40, i / 40, s) ? 120 : -20;
            }
            return Slice.of(40, 40, hu, SP);
        }

        @Override
        public java.util.Optional<Mask3D> groundTruth() {
            List<Mask> m = new ArrayList<>();
            for (int s : sliceIndices()) {
                m.add(slab(s));
            }
            return java.util.Optional.of(Mask3D.stack(m, SP));
        }
    }

    static LesionDataset data() {
        List<LesionCase> cases = List.of(new Sphere("s1", LesionCategory.BONE, Split.TEST),
                new Sphere("s2", LesionCategory.KIDNEY, Split.TEST), new Sphere("s3", LesionCategory.BONE, Split.TRAIN),
                new Sphere("s4", LesionCategory.BONE, Split.TEST));
        return LesionDataset.of(cases);
    }

    static final InitialMaskMethod THRESHOLD = new InitialMaskMethod() {
        @Override
        public String name() {
            return "threshold";
        }

        @Override
        public Mask segment(Slice s, Recist r, Window w) {
            return Mask.fromPredicate(s.width(), s.height(), (x, y) -> s.get(x, y) > 50);
        }
    };

    /** The truth eroded to its middle three slices. */
    static final LesionSegmenter MIDDLE = c -> {
        Mask3D gt = c.groundTruth().orElseThrow();
        Mask3D.Builder b = Mask3D.builder(gt.width(), gt.height(), gt.depth(), gt.spacing());
        for (int z = 2; z <= 4; z++) {
            b.setSlice(z, gt.slice(z));
        }
        return b.build();
    };

    @Test
    void writesMarkdownHtmlCsvAndPictures(@TempDir Path dir) throws Exception {
        LesionDataset data = data();
        Table1.Result t1 = Table1.run(data, Split.TEST, List.of(THRESHOLD), 1, Progress.NONE);
        Volumetric.Result v = Volumetric.run(data, Split.TEST, List.of(
                        Volumetric.Method.binary("truth", c -> c.groundTruth().orElseThrow()),
                        Volumetric.Method.binary("middle", MIDDLE)),
                Volumetric.Config.defaults(), 2, Progress.NONE);
        Tables t2 = new Tables(List.of("Method", "mDICE")).add(List.of("HNN", "0.500"));
        Path html = Report.builder().dataset(data, "four spheres", true).table1(t1).table2(t2).volumetric(v)
                .setting("seed", "42").build().write(dir);
        assertEquals(dir.resolve("report.html"), html);
        String h = Files.readString(html);
        String md = Files.readString(dir.resolve("report.md"));
        for (String header : List.of("<th>Recall</th>", "<th>Offset</th>", "<th>Best F1 (PR curve)</th>",
                "<th>Bone</th>", "<th>Pelvis</th>", "<th>Mean</th>", "<th>Train</th>")) {
            assertTrue(h.contains(header), header);
        }
        assertTrue(h.startsWith("<!DOCTYPE html>") && h.contains("<style>") && h.trim().endsWith("</html>"));
        assertTrue(h.contains("not DeepLesion"), "synthetic-data note");
        assertTrue(h.contains("<li>seed: 42</li>"), "setting line");
        assertTrue(h.contains("<td>HNN</td><td>0.500</td>"), "table 2");
        assertTrue(h.contains("<td>slice interval (mm)</td><td>2.5</td>"), "geometry");
        assertTrue(md.contains("| Method | Bone | AB | MD | Liver | Lung | Kidney | ST | Pelvis | Mean | n | failed |"), md);
        assertTrue(md.contains("| truth | 1.000 | – | – | – | – | 1.000 | – | – | 1.000 | 3 | 0 |"), md);
        assertTrue(md.contains("![Fig. 2a"), md);

        List<String> images = new ArrayList<>();
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(h);
        while (m.find()) {
            images.add(m.group(1));
        }
        // Fig. 2a, Fig. 2b, and one overlay per category (bone, kidney).
        assertEquals(4, images.size(), images.toString());
        assertTrue(images.containsAll(List.of("fig2a.png", "fig2b.png", "overlays/overlay_Bone_s1.png",
                "overlays/overlay_Kidney_s2.png")), images.toString());
        for (String img : images) {
            Path p = dir.resolve(img);
            assertTrue(Files.isRegularFile(p), img);
            assertNotNull(ImageIO.read(p.toFile()), img);
            assertTrue(md.contains("](" + img + ")"), img);
        }
        // 5 slice columns of 128 px after a 130 px label; 2 method rows of 128 + 4 px under a 44 px header.
        BufferedImage overlay = ImageIO.read(dir.resolve("overlays/overlay_Bone_s1.png").toFile());
        assertEquals(130 + 5 * 128, overlay.getWidth());
        assertEquals(44 + 2 * (128 + 4), overlay.getHeight());
        for (String csv : List.of("table1.csv", "table2.csv", "fig2a.csv", "fig2b.csv", "table3.csv", "lesions3d.csv")) {
            assertTrue(Files.isRegularFile(dir.resolve(csv)), csv);
        }
        try (var files = Files.walk(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void testsTheLargestWsssAgainstTheHnnBeyondChance(@TempDir Path dir) throws Exception {
        LesionDataset data = data();
        Volumetric.Result v = Volumetric.run(data, Split.TEST, List.of(
                        Volumetric.Method.binary("HNN", MIDDLE),
                        Volumetric.Method.binary("WSSS-3", MIDDLE),
                        Volumetric.Method.binary("WSSS-7", c -> c.groundTruth().orElseThrow())),
                Volumetric.Config.defaults(), 1, Progress.NONE);
        Report.builder().dataset(data, "four spheres", true).volumetric(v).build().write(dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("### Which differences are beyond chance"), md);
        assertTrue(md.contains("A = WSSS-7, B = HNN:"), md);
        assertFalse(md.contains("A = WSSS-3"), "only the largest k");
        assertFalse(md.contains("B = GrabCut-3DE"), "no -GC pair without both methods");
        double dice = v.comparison("WSSS-7", "HNN").dice3d(Report.COMPARISON_SEED, 2000).meanB();
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| 3D Dice | 3 | 1.000 | %.3f |", dice)), md);
        List<String> csv = Files.readAllLines(dir.resolve("compare_WSSS-7_vs_HNN.csv"));
        assertEquals("scored,n,A,B,A - B,95 % interval,verdict", csv.get(0));
        assertTrue(csv.get(1).startsWith("3D Dice,3,1.000,"), csv.toString());
    }

    @Test
    void overlayDrawsTruthGreenAndPredictionInTheMethodColour() {
        LesionDataset data = data();
        Volumetric.Result v = Volumetric.run(data, Split.TEST, List.of(Volumetric.Method.binary("middle", MIDDLE)),
                Volumetric.Config.defaults(), 1, Progress.NONE);
        BufferedImage img = Overlays.montage(v.examples().get(0), Overlays.names(v), 3, 64);
        assertEquals(130 + 3 * 64, img.getWidth());
        int green = 0, method = 0;
        int colour = org.wsss.eval.experiments.Charts.colour(0).getRGB() & 0xFFFFFF;
        for (int y = 44; y < img.getHeight(); y++) {
            for (int x = 130; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                if (rgb == 0x00DC00) {
                    green++;
                } else if (rgb == colour) {
                    method++;
                }
            }
        }
        assertTrue(green > 50, "ground-truth contour pixels: " + green);
        assertTrue(method > 50, "prediction contour pixels: " + method);
    }

    @Test
    void slicesAroundReachTheEndsOfTheLesion() {
        Sphere s = new Sphere("s", LesionCategory.BONE, Split.TEST);
        Mask3D gt = s.groundTruth().orElseThrow();
        // Truth on z = 1..5 (slices 4..8), RECIST z = 3.
        assertEquals(List.of(1, 2, 3, 4, 5), boxed(Overlays.slicesAround(gt, 3, 5)));
        assertEquals(List.of(1, 3, 5), boxed(Overlays.slicesAround(gt, 3, 3)));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), boxed(Overlays.slicesAround(gt, 3, 9)));
        assertEquals(List.of(3), boxed(Overlays.slicesAround(gt, 3, 1)));
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> Report.builder().montage(4, 128));
        assertThrows(IllegalArgumentException.class, () -> Report.builder().montage(5, 20));
        assertThrows(IllegalArgumentException.class, () -> Report.builder().title(" "));
        assertThrows(NullPointerException.class, () -> Report.builder().table1(null));
    }

    @Test
    void emptyReportStillHasProvenance(@TempDir Path dir) throws Exception {
        String h = Files.readString(Report.builder().build().write(dir));
        assertTrue(h.contains("<h2>Provenance</h2>"));
        assertFalse(h.contains("<img"));
        assertFalse(h.contains("not DeepLesion"));
    }

    private static List<Integer> boxed(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
