package org.wsss.io;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wsss.api.Axis;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Point2;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.WsssIoException;

/**
 * Moves lesions between the formats the SDK reads ({@code wsss convert}): any {@link LesionInput}
 * to the DeepLesion layout, to NIfTI volumes with a marks CSV, or to FLARE25 {@code .npz} cases.
 * Volumes are written on the SDK's axial grid (the stored slices of a DeepLesion series, in
 * slice order); a volume or lesion that cannot be converted is listed in the result and the
 * others are converted. Every file goes through {@link AtomicFiles}.
 *
 * <h2>What each target keeps</h2>
 * <ul>
 * <li>NIfTI + CSV: {@code volumes/<volume>.nii.gz} (int16 when every HU is a whole number in range,
 *     else float32), with the radiological transform of {@link VolumeGeometry#lps}; {@code marks.csv}
 *     in voxel coordinates with the mark as given (both axes, the long axis alone, or a box),
 *     category, window and split.</li>
 * <li>FLARE npz: {@code imgs} int16 (HU rounded), {@code spacing} (x, y, z), {@code recist} uint8 with
 *     each lesion's long axis drawn (8-connected line between the rounded endpoints) as its label;
 *     a short axis or a box's extent is lost, as the format has no place for it.</li>
 * <li>DeepLesion: one series per volume ({@code Images_png/<n:06d>_01_01/}), one
 *     {@code DL_info.csv} row per lesion; a long-axis-only mark gets the short axis the SDK
 *     estimates (the layout needs both).</li>
 * </ul>
 */
public final class LesionConverter {

    private LesionConverter() {
    }

    /** What a conversion did: volumes and lesions written, and what was skipped with why. */
    public record Result(int volumes, int lesions, List<String> failures) {
        /** Copies the list. */
        public Result {
            failures = List.copyOf(failures);
        }
    }

    /** Lesions of {@code in} grouped by volume, in dataset order. */
    private static Map<String, List<LesionCase>> byVolume(LesionInput in) {
        Map<String, List<LesionCase>> m = new LinkedHashMap<>();
        for (LesionCase c : in.dataset()) {
            m.computeIfAbsent(in.volumeOf(c), k -> new ArrayList<>()).add(c);
        }
        return m;
    }

    private static List<String> problems(LesionDataset d) {
        List<String> out = new ArrayList<>();
        for (WsssIoException e : d.problems()) {
            out.add(oneLine(e.getMessage()));
        }
        return out;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** The whole volume of a lesion's case on the SDK grid, slice z = position in its stored slices. */
    static Volume volume(LesionCase c) {
        int[] idx = c.sliceIndices();
        List<Slice> slices = new ArrayList<>(idx.length);
        for (int i : idx) {
            slices.add(c.slice(i));
        }
        return Volume.of(slices, c.spacing());
    }

    /** The mark as given, on the case's z = position of its key slice in the stored slices. */
    static Mark mark(LesionCase c) {
        if (c instanceof GridLesionCase g) {
            return g.mark();
        }
        Recist r = c.recist();
        return new Mark(r.longAxis(), r.shortAxis(), null, null, c.zOf(r.sliceIndex()), "");
    }

    // ---------------------------------------------------------------- NIfTI + CSV

    /**
     * Writes {@code out/volumes/<volume>.nii.gz} and {@code out/marks.csv}.
     *
     * @throws WsssIoException if {@code marks.csv} cannot be written
     */
    public static Result toNiftiCsv(LesionInput in, Path out) {
        Objects.requireNonNull(out, "out");
        List<String> failures = problems(in.dataset());
        try {
            java.nio.file.Files.createDirectories(out.resolve("volumes"));
        } catch (java.io.IOException e) {
            throw new WsssIoException(out, "cannot create output folder: " + e, e);
        }
        List<List<String>> rows = new ArrayList<>();
        int volumes = 0;
        for (Map.Entry<String, List<LesionCase>> e : byVolume(in).entrySet()) {
            String name = "volumes/" + e.getKey() + ".nii.gz";
            try {
                Volume v = volume(e.getValue().get(0));
                Nifti.write(volumeImage(v), out.resolve(name));
                volumes++;
            } catch (RuntimeException ex) {
                failures.add("volume " + e.getKey() + ": " + oneLine(ex.getMessage()));
                continue;
            }
            for (LesionCase c : e.getValue()) {
                try {
                    rows.add(csvRow(name, c));
                } catch (RuntimeException ex) {
                    failures.add("lesion " + c.id() + ": " + oneLine(ex.getMessage()));
                }
            }
        }
        List<String> header = List.of("image", "lesion", "coords", "slice", "x1", "y1", "x2", "y2", "x3", "y3", "x4",
                "y4", "box_x1", "box_y1", "box_x2", "box_y2", "box_z1", "box_z2", "category", "window", "split");
        AtomicFiles.write(out.resolve("marks.csv"), o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            w.write(CsvLine.join(header));
            w.write('\n');
            for (List<String> r : rows) {
                w.write(CsvLine.join(r));
                w.write('\n');
            }
            w.flush();
        });
        return new Result(volumes, rows.size(), failures);
    }

    private static List<String> csvRow(String image, LesionCase c) {
        Mark m = mark(c);
        List<String> r = new ArrayList<>();
        r.add(image);
        r.add(c.id());
        r.add("voxel");
        r.add(m.zRange() != null ? "" : Integer.toString(m.slice()));
        addAxis(r, m.longAxis());
        addAxis(r, m.shortAxis());
        if (m.box() != null) {
            for (double v : m.box()) {
                r.add(CsvLine.format(v));
            }
        } else {
            r.addAll(List.of("", "", "", ""));
        }
        if (m.zRange() != null) {
            r.add(Integer.toString(m.zRange()[0]));
            r.add(Integer.toString(m.zRange()[1]));
        } else {
            r.addAll(List.of("", ""));
        }
        r.add(c.category().name().toLowerCase(java.util.Locale.ROOT));
        r.add(CsvLine.formatList(c.window().lower(), c.window().upper()));
        r.add(Integer.toString(c.split().code()));
        return r;
    }

    private static void addAxis(List<String> r, Axis a) {
        if (a == null) {
            r.addAll(List.of("", "", "", ""));
            return;
        }
        for (Point2 p : new Point2[] {a.start(), a.end()}) {
            r.add(CsvLine.format(p.x()));
            r.add(CsvLine.format(p.y()));
        }
    }

    /** int16 when every HU is a whole number int16 holds, else float32; the radiological transform. */
    static NiftiImage volumeImage(Volume v) {
        boolean integral = true;
        for (int z = 0; z < v.depth() && integral; z++) {
            for (float f : v.slice(z).toArray()) {
                if (!NiftiDataType.INT16.canHold(f)) {
                    integral = false;
                    break;
                }
            }
        }
        NiftiDataType type = integral ? NiftiDataType.INT16 : NiftiDataType.FLOAT32;
        NiftiImage base = Nifti.fromVolume(v, type);
        VolumeGeometry g = VolumeGeometry.lps(v.width(), v.height(), v.depth(), v.spacing());
        NiftiImage t = g.fileImage(new byte[v.width() * v.height() * v.depth()], "");
        return base.toBuilder().qform(t.qformCode(), t.quaternB(), t.quaternC(), t.quaternD(), 0f, 0f, 0f)
                .pixdim(t.pixdim()).sform(t.sformCode(), t.srowX(), t.srowY(), t.srowZ()).build();
    }

    // ---------------------------------------------------------------- FLARE npz

    /** Writes {@code out/<volume>.npz} per volume with {@code imgs}, {@code spacing}, {@code recist}. */
    public static Result toFlare(LesionInput in, Path out) {
        Objects.requireNonNull(out, "out");
        List<String> failures = problems(in.dataset());
        int volumes = 0, lesions = 0;
        for (Map.Entry<String, List<LesionCase>> e : byVolume(in).entrySet()) {
            try {
                LesionCase first = e.getValue().get(0);
                Volume v = volume(first);
                int w = v.width(), h = v.height(), d = v.depth();
                short[] imgs = new short[w * h * d];
                for (int z = 0; z < d; z++) {
                    float[] s = v.slice(z).toArray();
                    for (int p = 0; p < s.length; p++) {
                        imgs[z * w * h + p] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE,
                                Math.round(s[p])));
                    }
                }
                byte[] recist = new byte[w * h * d];
                int drawn = 0;
                for (LesionCase c : e.getValue()) {
                    int label = in.labelOf(c);
                    if (label > 255) {
                        failures.add("lesion " + c.id() + ": label " + label + " does not fit uint8");
                        continue;
                    }
                    Mark m = mark(c);
                    Axis a = m.longAxis() != null ? m.longAxis() : m.recist(c.spacing()).longAxis();
                    drawLine(recist, w, h, m.slice(), a, (byte) label);
                    drawn++;
                }
                Npy.writeNpz(out.resolve(e.getKey() + ".npz"), Map.of(
                        "imgs", Npy.int16(new long[] {d, h, w}, imgs),
                        "spacing", Npy.float64(new long[] {3}, new double[] {v.spacing().x(), v.spacing().y(),
                            v.spacing().z()}),
                        "recist", Npy.uint8(new long[] {d, h, w}, recist)));
                volumes++;
                lesions += drawn;
            } catch (RuntimeException ex) {
                failures.add("volume " + e.getKey() + ": " + oneLine(ex.getMessage()));
            }
        }
        return new Result(volumes, lesions, failures);
    }

    /** An 8-connected line (Bresenham) between the rounded endpoints of {@code a} on slice {@code z}. */
    static void drawLine(byte[] vol, int w, int h, int z, Axis a, byte label) {
        int x0 = (int) Math.round(a.start().x()), y0 = (int) Math.round(a.start().y());
        int x1 = (int) Math.round(a.end().x()), y1 = (int) Math.round(a.end().y());
        int dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            if (x0 >= 0 && y0 >= 0 && x0 < w && y0 < h) {
                vol[(z * h + y0) * w + x0] = label;
            }
            if (x0 == x1 && y0 == y1) {
                break;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }

    // ---------------------------------------------------------------- DeepLesion

    /** Writes the DeepLesion layout: one series per volume, one row per lesion. */
    public static Result toDeepLesion(LesionInput in, Path out) {
        Objects.requireNonNull(out, "out");
        List<String> failures = problems(in.dataset());
        int volumes = 0, lesions = 0;
        try (DeepLesionWriter wr = DeepLesionWriter.create(out)) {
            int patient = 0;
            for (Map.Entry<String, List<LesionCase>> e : byVolume(in).entrySet()) {
                patient++;
                try {
                    LesionCase first = e.getValue().get(0);
                    Volume v = volume(first);
                    List<DeepLesionRecord> records = new ArrayList<>();
                    for (LesionCase c : e.getValue()) {
                        Recist r = c.recist();
                        Recist onGrid = new Recist(r.longAxis(), r.shortAxis(), c.zOf(r.sliceIndex()));
                        records.add(DeepLesionRecord.of(patient, 1, 1, onGrid, 0, v.depth() - 1, v.spacing(),
                                v.width(), v.height(), c.window(), c.category(), c.split()));
                    }
                    wr.writeVolume(records.get(0), v);
                    for (DeepLesionRecord rec : records) {
                        wr.addRow(rec);
                        lesions++;
                    }
                    volumes++;
                } catch (RuntimeException ex) {
                    failures.add("volume " + e.getKey() + ": " + oneLine(ex.getMessage()));
                }
            }
        }
        return new Result(volumes, lesions, failures);
    }
}
