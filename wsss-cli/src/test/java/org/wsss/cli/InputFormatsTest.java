package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask3D;
import org.wsss.io.LesionInput;
import org.wsss.io.LesionInputs;
import org.wsss.io.Nifti;
import org.wsss.io.NiftiDataType;
import org.wsss.io.NiftiImage;
import org.wsss.io.Npy;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;

/**
 * The same phantom lesions given as the DeepLesion layout, as NIfTI + marks CSV and as FLARE npz
 * cases are segmented to the same voxels; a NIfTI stored with permuted and flipped axes gives
 * the same mask on its own grid; bad rows and files fail only themselves.
 */
class InputFormatsTest {

    @TempDir
    static Path tmp;
    static Path dl;
    static Path nc;
    static Path fl;

    @BeforeAll
    static void data() {
        dl = tmp.resolve("dl");
        Phantom.export(PhantomConfig.defaults().withCount(3).withSeed(15).withFov(64, 80), dl);
        nc = tmp.resolve("nc");
        fl = tmp.resolve("fl");
        assertEquals(0, Cli.run("convert", "--deeplesion", dl.toString(), "--to", "nifti-csv", "--out", nc.toString())
                .code());
        assertEquals(0, Cli.run("convert", "--deeplesion", dl.toString(), "--to", "flare", "--out", fl.toString())
                .code());
    }

    private static final Map<String, Path> DONE = new java.util.concurrent.ConcurrentHashMap<>();

    /** Segments once per input and reuses the result (the runs are deterministic). */
    private static Path segment(String option, Path in, String name) {
        return DONE.computeIfAbsent(option + in, k -> run(option, in, name));
    }

    private static Path run(String option, Path in, String name) {
        Path out = tmp.resolve(name);
        Cli r = Cli.run("segment", option, in.toString(), "--method", "grabcut-3de", "--out", out.toString(),
                "--threads", "2", "--no-progress");
        assertEquals(0, r.code(), r::toString);
        return out;
    }

    /** Masks by volume key, read onto the SDK grid through each input. */
    private static Map<String, Mask3D> masks(LesionInput in, Path out) {
        Map<String, Mask3D> m = new HashMap<>();
        for (LesionCase c : in.dataset()) {
            m.put(in.volumeOf(c), in.readMask(c, in.maskFile(out, c)));
        }
        return m;
    }

    @Test
    void niftiCsvGivesTheDeepLesionMasksToTheVoxel() {
        Path outDl = segment("--deeplesion", dl, "out-dl");
        Path outNc = segment("--nifti-csv", nc.resolve("marks.csv"), "out-nc");
        Map<String, Mask3D> a = masks(LesionInputs.deepLesion(dl), outDl);
        Map<String, Mask3D> b = masks(LesionInputs.niftiCsv(nc.resolve("marks.csv")), outNc);
        assertEquals(3, a.size());
        assertEquals(a.keySet(), b.keySet());
        for (String v : a.keySet()) {
            assertTrue(a.get(v).count() > 0, v);
            assertArrayEquals(a.get(v).toArray(), b.get(v).toArray(), v);
        }
    }

    @Test
    void flareGivesTheLongAxisOnlyNiftiMasksToTheVoxel() throws IOException {
        // The FLARE cases carry only the long axis, drawn on whole pixels, and no window: the same marks as a CSV.
        Path csv = nc.resolve("marks-long.csv");
        List<String> rows = Files.readAllLines(nc.resolve("marks.csv"));
        List<String> out = new ArrayList<>(List.of("image,lesion,coords,slice,x1,y1,x2,y2"));
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split(",", -1);
            for (int i = 4; i <= 7; i++) {
                f[i] = Long.toString(Math.round(Double.parseDouble(f[i])));
            }
            out.add(String.join(",", java.util.Arrays.copyOf(f, 8)));
        }
        Files.write(csv, out);
        Path outNc = segment("--nifti-csv", csv, "out-nc-long");
        Path outFl = segment("--flare", fl, "out-fl");
        Map<String, Mask3D> a = masks(LesionInputs.niftiCsv(csv), outNc);
        Map<String, Mask3D> b = masks(LesionInputs.flareNpz(fl), outFl);
        assertEquals(3, a.size());
        assertEquals(a.keySet(), b.keySet());
        for (String v : a.keySet()) {
            assertTrue(a.get(v).count() > 0, v);
            assertArrayEquals(a.get(v).toArray(), b.get(v).toArray(), v);
            // and the challenge's output: segs (D, H, W) uint8 holding the lesion's label
            try (Npy.Npz z = Npy.openNpz(outFl.resolve(v + ".npz"))) {
                Npy.Array segs = z.get("segs");
                Mask3D m = b.get(v);
                assertArrayEquals(new long[] {m.depth(), m.height(), m.width()}, segs.shape());
                boolean[] bits = m.toArray();
                for (int n = 0; n < bits.length; n++) {
                    assertEquals(bits[n] ? 1.0 : 0.0, segs.get(n), v + " voxel " + n);
                }
            }
        }
        List<String> lesions = Files.readAllLines(outFl.resolve(SegmentCommand.LESIONS_FILE));
        assertEquals(4, lesions.size());
        assertTrue(lesions.get(1).contains("long axis"), lesions.get(1));
    }

    @Test
    void permutedAndFlippedNiftiGivesTheSameMaskOnItsOwnGrid() throws IOException {
        LesionInput in = LesionInputs.niftiCsv(nc.resolve("marks.csv"));
        LesionCase c = in.dataset().get(0);
        String v = in.volumeOf(c);
        NiftiImage orig = Nifti.read(nc.resolve("volumes").resolve(v + ".nii.gz"));
        int w = orig.nx(), h = orig.ny(), d = orig.nz();
        float sx = orig.pixdim()[1], sy = orig.pixdim()[2], sz = orig.pixdim()[3];
        // file (i, j, k) = SDK (x = w-1-j, y = k, z = i): slices along axis 0, x reversed on axis 1
        NiftiImage.Builder b = NiftiImage.builder(d, w, h, NiftiDataType.INT16)
                .pixdim(new float[] {1, sz, sx, sy, 1, 1, 1, 1}).xyztUnits(Nifti.UNITS_MM)
                .sform(1, new float[] {0, sx, 0, -sx * (w - 1)}, new float[] {0, 0, -sy, 0},
                        new float[] {sz, 0, 0, 0});
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < w; j++) {
                for (int k = 0; k < h; k++) {
                    b.setRaw(i, j, k, orig.raw(w - 1 - j, k, i));
                }
            }
        }
        Path dir = tmp.resolve("perm");
        Files.createDirectories(dir);
        Nifti.write(b.build(), dir.resolve("perm.nii.gz"));
        // the same mark in world mm (RAS): x = -sx·x, y = -sy·y, z = sz·z
        var r = c.recist();
        double[] p = {r.longAxis().start().x(), r.longAxis().start().y(), r.longAxis().end().x(),
            r.longAxis().end().y(), r.shortAxis().start().x(), r.shortAxis().start().y(), r.shortAxis().end().x(),
            r.shortAxis().end().y()};
        StringBuilder row = new StringBuilder("perm.nii.gz,perm-1,world,").append(fmt(sz * r.sliceIndex()));
        for (int n = 0; n < 8; n++) {
            row.append(',').append(fmt(n % 2 == 0 ? -sx * p[n] : -sy * p[n]));
        }
        row.append(",\"").append(fmt(c.window().lower())).append(", ").append(fmt(c.window().upper())).append('"');
        Files.write(dir.resolve("marks.csv"), List.of("image,lesion,coords,z,x1,y1,x2,y2,x3,y3,x4,y4,window",
                row.toString()));
        Path outPerm = segment("--nifti-csv", dir.resolve("marks.csv"), "out-perm");
        Path outNc = segment("--nifti-csv", nc.resolve("marks.csv"), "out-nc-2");
        NiftiImage mp = Nifti.read(outPerm.resolve("perm-1.nii.gz"));
        NiftiImage mo = Nifti.read(outNc.resolve(c.id() + ".nii.gz"));
        assertArrayEquals(new int[] {d, w, h}, new int[] {mp.nx(), mp.ny(), mp.nz()});
        assertArrayEquals(new float[] {0, sx, 0, -sx * (w - 1)}, mp.srowX(), "the input's affine");
        int set = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < w; j++) {
                for (int k = 0; k < h; k++) {
                    assertEquals(mo.raw(w - 1 - j, k, i), mp.raw(i, j, k));
                    set += mp.raw(i, j, k) > 0 ? 1 : 0;
                }
            }
        }
        assertTrue(set > 0);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    @Test
    void badRowsFailAloneAndLeaveNothingHalfWritten() throws IOException {
        Path dir = tmp.resolve("bad-csv");
        Files.createDirectories(dir);
        List<String> rows = Files.readAllLines(nc.resolve("marks.csv"));
        String good = rows.get(1).replace("volumes/", "../nc/volumes/");
        String[] f = good.split(",", -1);
        List<String> out = new ArrayList<>(List.of(rows.get(0), good));
        out.add(good.replace(f[1], "outside").replace("," + f[4] + ",", ",9999,"));      // endpoint outside
        out.add(good.replace(f[1], "nolong").replace("," + f[4] + ",", ",,"));            // x1 missing
        out.add(good.replace(f[1], "nofile").replace(f[0], "../nc/volumes/missing.nii.gz"));
        out.add(good.replace(f[1], "badcat").replace(",pelvis,", ",spleen,").replace(",bone,", ",spleen,")
                .replaceAll(",[a-z_]+,\"", ",spleen,\""));
        out.add(good);                                                                     // duplicate id
        Files.write(dir.resolve("marks.csv"), out);
        Path o = tmp.resolve("out-bad");
        Cli r = Cli.run("segment", "--nifti-csv", dir.resolve("marks.csv").toString(), "--method", "grabcut-3de",
                "--out", o.toString(), "--no-progress");
        assertEquals(1, r.code(), r::toString);
        assertTrue(Files.isRegularFile(o.resolve(f[1] + ".nii.gz")), "the good lesion is done");
        String failures = Files.readString(o.resolve("failures.csv"));
        assertTrue(failures.contains("row 3") && failures.contains("column x1") && failures.contains("outside"),
                failures);
        assertTrue(failures.contains("row 4") && failures.contains("column x1: empty"), failures);
        assertTrue(failures.contains("row 5") && failures.contains("column image") && failures.contains("not found"),
                failures);
        assertTrue(failures.contains("row 6") && failures.contains("column category"), failures);
        assertTrue(failures.contains("row 7") && failures.contains("earlier row"), failures);
        try (Stream<Path> s = Files.list(o)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void boxPromptsIn2dAnd3d() throws IOException {
        LesionInput in = LesionInputs.niftiCsv(nc.resolve("marks.csv"));
        LesionCase c = in.dataset().get(0);
        var box = c.recist().boundingBox();
        int z = c.recist().sliceIndex();
        String image = "volumes/" + in.volumeOf(c) + ".nii.gz";
        String corners = (box.x() - 2) + "," + (box.y() - 2) + "," + (box.endX() + 1) + "," + (box.endY() + 1);
        Path csv = nc.resolve("boxes.csv");
        Files.write(csv, List.of("image,lesion,slice,box_x1,box_y1,box_x2,box_y2,box_z1,box_z2",
                image + ",box2d," + z + "," + corners + ",,",
                image + ",box3d,," + corners + "," + z + "," + z));
        Path o = segment("--nifti-csv", csv, "out-box");
        LesionInput boxes = LesionInputs.niftiCsv(csv);
        Mask3D m2 = boxes.readMask(boxes.dataset().get(0), o.resolve("box2d.nii.gz"));
        Mask3D m3 = boxes.readMask(boxes.dataset().get(1), o.resolve("box3d.nii.gz"));
        assertTrue(m2.slice(z).count() > 0, "the 2D box's slice is segmented");
        assertTrue(m3.count() > 0 && m3.count() == m3.slice(z).count(), "a one-slice 3D box keeps one slice");
        for (int y = 0; y < m3.height(); y++) {
            for (int x = 0; x < m3.width(); x++) {
                if (m3.get(x, y, z)) {
                    assertTrue(x >= box.x() - 2 && x <= box.endX() + 1 && y >= box.y() - 2 && y <= box.endY() + 1);
                }
            }
        }
        String lesions = Files.readString(o.resolve(SegmentCommand.LESIONS_FILE));
        assertTrue(lesions.contains("box"), lesions);
    }

    @Test
    void badFlareCasesFailAlone() throws IOException {
        Path dir = tmp.resolve("bad-flare");
        Files.createDirectories(dir);
        Path good = Files.list(fl).sorted().findFirst().orElseThrow();
        Files.copy(good, dir.resolve("good.npz"));
        short[] imgs = new short[4 * 32 * 32];
        double[] sp = {0.8, 0.8, 2.5};
        byte[] two = new byte[4 * 32 * 32];
        two[32 * 32 + 5 * 32 + 5] = 1;
        two[32 * 32 + 5 * 32 + 12] = 1;
        two[2 * 32 * 32 + 6 * 32 + 6] = 1;     // label 1 also on another slice
        two[32 * 32 + 20 * 32 + 5] = 3;        // label 3 without label 2
        two[32 * 32 + 20 * 32 + 15] = 3;
        long[] shape = {4, 32, 32};
        Npy.writeNpz(dir.resolve("lines.npz"), Map.of("imgs", Npy.int16(shape, imgs), "spacing",
                Npy.float64(new long[] {3}, sp), "recist", Npy.uint8(shape, two)));
        Npy.writeNpz(dir.resolve("nokey.npz"), Map.of("imgs", Npy.int16(shape, imgs), "recist",
                Npy.uint8(shape, two)));
        Npy.writeNpz(dir.resolve("shape.npz"), Map.of("imgs", Npy.int16(shape, imgs), "spacing",
                Npy.float64(new long[] {3}, sp), "recist", Npy.uint8(new long[] {4, 32, 16}, new byte[4 * 32 * 16])));
        Path o = tmp.resolve("out-bad-flare");
        Cli r = Cli.run("segment", "--flare", dir.toString(), "--method", "grabcut-3de", "--out", o.toString(),
                "--no-progress");
        assertEquals(1, r.code(), r::toString);
        String failures = Files.readString(o.resolve("failures.csv"));
        assertTrue(failures.contains("lines_1") && failures.contains("2 slices"), failures);
        assertTrue(failures.contains("lines_2") && failures.contains("no line for label 2"), failures);
        assertTrue(failures.contains("nokey.npz") && failures.contains("missing array 'spacing'"), failures);
        assertTrue(failures.contains("shape.npz") && failures.contains("must match"), failures);
        assertTrue(Files.isRegularFile(o.resolve("good.npz")), "the good case is done");
        assertTrue(Files.isRegularFile(o.resolve("lines.npz")), "label 3 of lines.npz is done");
        assertFalse(Files.exists(o.resolve("nokey.npz")));
        try (Npy.Npz z = Npy.openNpz(o.resolve("lines.npz"))) {
            double[] segs = z.get("segs").toDoubles();
            assertFalse(java.util.Arrays.stream(segs).anyMatch(x -> x == 1 || x == 2), "failed labels stay 0");
        }
    }
}
