package org.wsss.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wsss.api.Axis;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.api.WsssIoException;

/**
 * A folder of FLARE25 "Pan-cancer RECIST-to-3D" cases: one {@code <case>.npz} per CT with
 * {@code imgs} (D, H, W; HU), {@code spacing} (x, y, z in mm, the order SimpleITK's
 * {@code GetSpacing} gives) and {@code recist} (D, H, W labels: lesion n's long axis drawn as a
 * line of value n on one axial slice). The line's two voxels farthest apart (in mm) are the long
 * axis; the short axis is estimated ({@link org.wsss.api.ShortAxisEstimate}).
 *
 * <p>Output, as the challenge expects: {@code OUT/<case>.npz} with {@code segs} (D, H, W, uint8,
 * lesion n = n); each lesion's own mask in {@code OUT/lesions/<case>_<n>.nii.gz}. Array axis W is
 * the SDK's x, H its y, D its z, with no flip.
 *
 * <p>The format names no train / validation / test split: every lesion of a case gets the case's
 * own, drawn from its name ({@link VolumeSplit}).
 *
 * <p>Bad input fails what it concerns: a file without {@code imgs}, {@code spacing} or
 * {@code recist}, or with arrays of different shapes, fails all its lesions; a label drawn on
 * two slices, a label of a single voxel or a label number with no line at all fails that lesion.
 */
final class FlareNpzInput extends GridInput {

    private final Path dir;
    private final GridCases grid;
    private final Map<String, int[]> dims = new LinkedHashMap<>();
    private final Map<String, VoxelSpacing> spacings = new HashMap<>();
    private final VolumeCache<Path> cache;

    private FlareNpzInput(Path dir, int cacheSize) {
        this.dir = dir;
        this.cache = new VolumeCache<>(cacheSize, FlareNpzInput::readVolume);
        List<GridLesionCase> cases = new ArrayList<>();
        List<WsssIoException> problems = new ArrayList<>();
        for (Path f : list(dir)) {
            try {
                readCase(f, cases, problems);
            } catch (WsssIoException e) {
                problems.add(e);
            } catch (IllegalArgumentException e) {
                problems.add(new WsssIoException(f, e.getMessage(), e));
            }
        }
        this.grid = new GridCases(cases, problems);
    }

    static FlareNpzInput open(Path dir, int cacheSize) {
        return new FlareNpzInput(dir, cacheSize);
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new WsssIoException(dir, "not a folder of FLARE .npz cases", null);
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.npz")) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new WsssIoException(dir, "cannot list: " + e, e);
        }
        out.sort(null);
        if (out.isEmpty()) {
            throw new WsssIoException(dir, "holds no .npz case", null);
        }
        return out;
    }

    static String caseName(Path f) {
        String n = f.getFileName().toString();
        return n.substring(0, n.length() - 4).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private void readCase(Path f, List<GridLesionCase> cases, List<WsssIoException> problems) {
        String name = caseName(f);
        int[] shape;
        VoxelSpacing spacing;
        // label -> voxels of its line, as (x, y, z)
        TreeMap<Integer, List<int[]>> lines = new TreeMap<>();
        try (Npy.Npz z = Npy.openNpz(f)) {
            for (String key : List.of("imgs", "spacing", "recist")) {
                if (!z.has(key)) {
                    throw new WsssIoException(f, "missing array '" + key + "' (holds " + String.join(", ", z.names())
                            + "; a FLARE case needs imgs, spacing, recist)", null);
                }
            }
            long[] is = z.header("imgs").shape();
            if (is.length != 3 || is[0] < 1 || is[1] < 1 || is[2] < 1) {
                throw new WsssIoException(f, "imgs has shape " + Arrays.toString(is) + ", expected (D, H, W)", null);
            }
            long[] rs = z.header("recist").shape();
            if (!Arrays.equals(rs, is)) {
                throw new WsssIoException(f, "recist has shape " + Arrays.toString(rs) + ", imgs "
                        + Arrays.toString(is) + "; they must match", null);
            }
            double[] sp = z.get("spacing").toDoubles();
            if (sp.length != 3) {
                throw new WsssIoException(f, "spacing holds " + sp.length + " values, expected 3 (x, y, z mm)", null);
            }
            try {
                spacing = new VoxelSpacing(sp[0], sp[1], sp[2]);
            } catch (IllegalArgumentException e) {
                throw new WsssIoException(f, "spacing: " + e.getMessage(), e);
            }
            shape = new int[] {(int) is[2], (int) is[1], (int) is[0]};
            int w = shape[0], h = shape[1];
            // slice by slice, so the label volume is never held whole; only line voxels are kept
            z.readFloats("recist", w * h, Npy.DEFAULT_MAX_ELEMENTS, (at, v) -> {
                for (int p = 0; p < v.length; p++) {
                    float x = v[p];
                    if (x == 0) {
                        continue;
                    }
                    long i = at + p;
                    if (x != Math.rint(x) || x < 1) {
                        throw new WsssIoException(f, "recist holds " + x + " at (z, y, x) = (" + i / ((long) w * h)
                                + ", " + i / w % h + ", " + i % w + "); labels must be whole numbers >= 1", null);
                    }
                    lines.computeIfAbsent((int) x, k -> new ArrayList<>()).add(new int[] {(int) (i % w),
                        (int) (i / w % h), (int) (i / ((long) w * h))});
                }
            });
        }
        if (lines.isEmpty()) {
            throw new WsssIoException(f, "recist holds no lesion line (all zero)", null);
        }
        dims.put(name, shape);
        spacings.put(name, spacing);
        // the format names no split: every lesion of the case gets the case's own
        Split split = VolumeSplit.of(name);
        for (int label = 1; label <= lines.lastKey(); label++) {
            String id = name + "_" + label;
            List<int[]> pts = lines.get(label);
            try {
                if (label > 255) {
                    throw new IllegalArgumentException("label " + label + " does not fit the uint8 segs output");
                }
                if (pts == null) {
                    throw new IllegalArgumentException("no line for label " + label + " (labels run 1.."
                            + lines.lastKey() + ")");
                }
                int[] zs = pts.stream().mapToInt(p -> p[2]).distinct().sorted().toArray();
                if (zs.length > 1) {
                    throw new IllegalArgumentException("label " + label + " is drawn on " + zs.length
                            + " slices (z = " + Arrays.toString(zs) + "); a RECIST line lies on one");
                }
                Axis longAxis = farthest(pts, spacing);
                if (longAxis == null) {
                    throw new IllegalArgumentException("label " + label + " is a single voxel, not a line");
                }
                String text = String.format(java.util.Locale.ROOT, "label %d slice %d long axis (%s %s) (%s %s)",
                        label, zs[0], fmt(longAxis.start().x()), fmt(longAxis.start().y()), fmt(longAxis.end().x()),
                        fmt(longAxis.end().y()));
                Mark mark = new Mark(longAxis, null, null, null, zs[0], text);
                cases.add(new GridLesionCase(id, name, label, mark, shape, spacing, Window.DEFAULT,
                        LesionCategory.UNKNOWN, split, () -> cache.get(f)));
            } catch (IllegalArgumentException e) {
                problems.add(new WsssIoException(f, "lesion " + id + ": " + e.getMessage(), e));
            }
        }
    }

    private static String fmt(double v) {
        return CsvLine.format(v);
    }

    /** The two voxels of the line farthest apart in mm, or null for a single voxel. */
    static Axis farthest(List<int[]> pts, VoxelSpacing s) {
        double best = 0;
        int[] a = null, b = null;
        for (int i = 0; i < pts.size(); i++) {
            for (int j = i + 1; j < pts.size(); j++) {
                double dx = (pts.get(i)[0] - pts.get(j)[0]) * s.x(), dy = (pts.get(i)[1] - pts.get(j)[1]) * s.y();
                double d = dx * dx + dy * dy;
                if (d > best) {
                    best = d;
                    a = pts.get(i);
                    b = pts.get(j);
                }
            }
        }
        return a == null ? null : Axis.of(a[0], a[1], b[0], b[1]);
    }

    /**
     * imgs (D, H, W) as a volume: W = x, H = y, D = z. Inflated one slice at a time straight into
     * that slice's HU, so the file's int16 bytes are never held whole beside the volume.
     */
    static Volume readVolume(Path f) {
        try (Npy.Npz z = Npy.openNpz(f)) {
            long[] s = z.header("imgs").shape();
            double[] sp = z.get("spacing").toDoubles();
            VoxelSpacing spacing = new VoxelSpacing(sp[0], sp[1], sp[2]);
            int d = (int) s[0], h = (int) s[1], w = (int) s[2];
            List<Slice> slices = new ArrayList<>(d);
            z.readFloats("imgs", w * h, Npy.DEFAULT_MAX_ELEMENTS, (at, hu) -> {
                int k = (int) (at / ((long) w * h));
                try {
                    slices.add(Slice.of(w, h, hu, spacing));
                } catch (IllegalArgumentException e) {
                    throw new WsssIoException(f, "imgs slice " + k + ": " + e.getMessage(), e);
                }
            });
            return Volume.of(slices, spacing);
        }
    }

    // ---------------------------------------------------------------- LesionInput

    @Override
    public String format() {
        return "flare-npz";
    }

    @Override
    public Path source() {
        return dir;
    }

    @Override
    GridCases cases() {
        return grid;
    }

    @Override
    public Path maskFile(Path out, LesionCase lesion) {
        return out.resolve("lesions").resolve(lesion.id() + ".nii.gz");
    }

    @Override
    public void writeMask(LesionCase lesion, Mask3D mask, Path file) {
        GridLesionCase g = grid(lesion);
        int[] d = dims.get(g.volumeKey());
        Grids.write(VolumeGeometry.lps(d[0], d[1], d[2], spacings.get(g.volumeKey())).toFileGrid(mask), file);
    }

    @Override
    public Mask3D readMask(LesionCase lesion, Path file) {
        return Grids.readSdkMask(file);
    }

    @Override
    public Path labelsFile(Path out, String volume) {
        return out.resolve(volume + ".npz");
    }

    @Override
    public List<String> volumes() {
        return List.copyOf(dims.keySet());
    }

    @Override
    public void writeLabels(String volume, Map<Integer, Path> masks, Path file) {
        writeLabels(volume, masks, Map.of(), file);
    }

    @Override
    public void writeLabels(String volume, Map<Integer, Path> masks, Map<Integer, Mask3D> inMemory, Path file) {
        int[] d = dims.get(volume);
        if (d == null) {
            throw new IllegalArgumentException("unknown case " + volume);
        }
        byte[] labels = Grids.combine(masks, inMemory, VolumeGeometry.lps(d[0], d[1], d[2], spacings.get(volume)).grid(),
                d);
        // NIfTI order (x fastest) of a W x H x D grid is the C order of a (D, H, W) array.
        Npy.writeNpz(file, Map.of("segs", Npy.uint8(new long[] {d[2], d[1], d[0]}, labels)));
    }
}
