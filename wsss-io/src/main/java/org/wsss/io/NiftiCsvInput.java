package org.wsss.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.wsss.api.Axis;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.Mask3D;
import org.wsss.api.Roi;
import org.wsss.api.Split;
import org.wsss.api.Window;
import org.wsss.api.WsssIoException;

/**
 * CT volumes in NIfTI ({@code .nii}/{@code .nii.gz}) with their lesions listed in a marks CSV
 * (the format is documented in {@code docs/nifti-csv.md}): one row per lesion, validated row by
 * row, a bad row or an unreadable volume failing only its own lesions, each error naming the
 * CSV, its row and the column.
 *
 * <p>A row without a {@code split} takes its volume's, drawn from the image path ({@link VolumeSplit}).
 *
 * <p>Volumes are read onto the SDK's axial grid when a lesion first needs pixels ({@link NiftiVolume})
 * and masks go back on each volume's own grid and affine.
 */
final class NiftiCsvInput extends GridInput {

    static final List<String> LONG = List.of("x1", "y1", "x2", "y2");
    static final List<String> SHORT = List.of("x3", "y3", "x4", "y4");
    static final List<String> BOX = List.of("box_x1", "box_y1", "box_x2", "box_y2");
    static final List<String> BOX_Z = List.of("box_z1", "box_z2");
    static final Set<String> KNOWN = Set.of("image", "lesion", "coords", "slice", "z", "x1", "y1", "x2", "y2", "x3",
            "y3", "x4", "y4", "box_x1", "box_y1", "box_x2", "box_y2", "box_z1", "box_z2", "category", "window", "split");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,120}");
    /** An endpoint may lie this far (voxels) off its slice's centre and still count as on it. */
    static final double SLICE_TOLERANCE = 0.5;

    private final Path csv;
    private final GridCases grid;
    private final Map<String, Path> volumeFiles = new LinkedHashMap<>();
    private final Map<String, VolumeGeometry> geometries = new HashMap<>();
    private final VolumeCache<Path> cache;

    private NiftiCsvInput(Path csv, int cacheSize) {
        this.csv = csv;
        this.cache = new VolumeCache<>(cacheSize, p -> NiftiVolume.read(p).volume());
        List<GridLesionCase> cases = new ArrayList<>();
        List<WsssIoException> problems = new ArrayList<>();
        read(cases, problems);
        this.grid = new GridCases(cases, problems);
    }

    /**
     * Opens a marks CSV; volumes are named relative to its folder.
     *
     * @param cacheSize how many volumes to keep in memory at once, ≥ 1
     * @throws WsssIoException if the CSV cannot be read or its header lacks a required column
     */
    static NiftiCsvInput open(Path csv, int cacheSize) {
        return new NiftiCsvInput(csv, cacheSize);
    }

    private void read(List<GridLesionCase> cases, List<WsssIoException> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WsssIoException(csv, "file not found", e);
        } catch (IOException e) {
            throw new WsssIoException(csv, "cannot read: " + e, e);
        }
        int headerRow = 0;
        while (headerRow < lines.size() && lines.get(headerRow).isBlank()) {
            headerRow++;
        }
        if (headerRow == lines.size()) {
            throw new WsssIoException(csv, "empty file: expected a header row (image,lesion,slice,x1,y1,x2,y2,...)",
                    null);
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> header;
        try {
            header = CsvLine.split(stripBom(lines.get(headerRow)));
        } catch (IllegalArgumentException e) {
            throw new WsssIoException(csv, headerRow + 1, "header: " + e.getMessage(), e);
        }
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(h)) {
                throw new WsssIoException(csv, headerRow + 1, "unknown column '" + header.get(i) + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(KNOWN)) + ")", null);
            }
            if (col.put(h, i) != null) {
                throw new WsssIoException(csv, headerRow + 1, "column '" + h + "' appears twice", null);
            }
        }
        for (String req : List.of("image", "lesion")) {
            if (!col.containsKey(req)) {
                throw new WsssIoException(csv, headerRow + 1, "missing required column '" + req + "'", null);
            }
        }
        if (!col.keySet().containsAll(LONG) && !col.keySet().containsAll(BOX)) {
            throw new WsssIoException(csv, headerRow + 1, "needs the long axis columns x1,y1,x2,y2 or the box"
                    + " columns box_x1,box_y1,box_x2,box_y2", null);
        }
        Set<String> ids = new HashSet<>();
        Map<String, Integer> labels = new HashMap<>();
        Map<Path, Object> geometryOrError = new HashMap<>();
        for (int r = headerRow + 1; r < lines.size(); r++) {
            String line = lines.get(r);
            if (line.isBlank()) {
                continue;
            }
            int row = r + 1;
            try {
                List<String> f = CsvLine.split(line);
                if (f.size() != header.size()) {
                    throw new IllegalArgumentException("row has " + f.size() + " fields, the header " + header.size());
                }
                Row rw = new Row(f, col);
                String id = rw.req("lesion");
                if (!ID.matcher(id).matches()) {
                    throw new IllegalArgumentException("column lesion: '" + id + "' must be 1..120 characters of"
                            + " A-Z a-z 0-9 . _ - (it names the output file)");
                }
                if (ids.contains(id)) {
                    throw new IllegalArgumentException("column lesion: '" + id + "' appears on an earlier row");
                }
                String imageText = rw.req("image");
                Path image = csv.toAbsolutePath().getParent().resolve(imageText).normalize();
                Object g = geometryOrError.computeIfAbsent(image, p -> {
                    try {
                        return NiftiVolume.readGeometry(p);
                    } catch (WsssIoException e) {
                        return e;
                    }
                });
                if (g instanceof WsssIoException e) {
                    throw new IllegalArgumentException("column image: " + e.getMessage());
                }
                VolumeGeometry geo = (VolumeGeometry) g;
                String key = volumeKey(image);
                Mark mark = mark(rw, geo);
                int label = labels.merge(key, 1, Integer::sum);
                if (label > 255) {
                    throw new IllegalArgumentException("more than 255 lesions in " + imageText
                            + " (label maps are uint8)");
                }
                Window window = rw.has("window") ? window(rw.get("window")) : Window.DEFAULT;
                LesionCategory cat = rw.has("category") ? category(rw.get("category")) : LesionCategory.UNKNOWN;
                Split split = rw.has("split") ? split(rw.get("split")) : VolumeSplit.of(splitName(image));
                GridLesionCase c;
                try {
                    c = new GridLesionCase(id, key, label, mark, geo.sdkDims(), geo.spacing(), window, cat, split,
                            () -> cache.get(image));
                } catch (IllegalArgumentException e) {
                    labels.merge(key, -1, Integer::sum);
                    throw new IllegalArgumentException("mark: " + e.getMessage(), e);
                }
                ids.add(id);
                volumeFiles.put(key, image);
                geometries.put(key, geo);
                cases.add(c);
            } catch (IllegalArgumentException e) {
                problems.add(new WsssIoException(csv, row, e.getMessage(), e));
            }
        }
    }

    /**
     * What a volume's split is drawn from when its row gives none ({@link VolumeSplit}): its path
     * relative to the CSV's folder, with {@code /} between folders ({@code ct/patient7.nii.gz}).
     */
    private String splitName(Path image) {
        Path rel = csv.toAbsolutePath().getParent().relativize(image);
        return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
    }

    /** {@code dir/sub/ct_01.nii.gz} → {@code ct_01}, with {@code _2}, {@code _3} … for another file of the same name. */
    private String volumeKey(Path image) {
        String k = image.getFileName().toString().replaceAll("(?i)\\.nii(\\.gz)?$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        String key = k;
        for (int n = 2; volumeFiles.containsKey(key) && !volumeFiles.get(key).equals(image); n++) {
            key = k + "_" + n;
        }
        return key;
    }

    /** The fields of one row by column name. */
    private static final class Row {
        final List<String> f;
        final Map<String, Integer> col;

        Row(List<String> f, Map<String, Integer> col) {
            this.f = f;
            this.col = col;
        }

        boolean has(String c) {
            return col.containsKey(c) && !f.get(col.get(c)).isBlank();
        }

        String get(String c) {
            return has(c) ? f.get(col.get(c)).strip() : "";
        }

        String req(String c) {
            if (!has(c)) {
                throw new IllegalArgumentException("column " + c + ": empty");
            }
            return get(c);
        }

        double num(String c) {
            return CsvLine.parseDouble("column " + c, req(c));
        }

        /** All of {@code cs} given (true), none (false), or an error naming the missing ones. */
        boolean group(List<String> cs) {
            List<String> missing = new ArrayList<>();
            for (String c : cs) {
                if (!has(c)) {
                    missing.add(c);
                }
            }
            if (missing.isEmpty()) {
                return true;
            }
            if (missing.size() == cs.size()) {
                return false;
            }
            throw new IllegalArgumentException("column " + missing.get(0) + ": empty, but " + String.join(",", cs)
                    + " go together");
        }
    }

    private static Mark mark(Row rw, VolumeGeometry geo) {
        String coords = rw.has("coords") ? rw.get("coords").toLowerCase(Locale.ROOT) : "voxel";
        if (!coords.equals("voxel") && !coords.equals("world")) {
            throw new IllegalArgumentException("column coords: '" + rw.get("coords") + "' is neither voxel nor world");
        }
        boolean world = coords.equals("world");
        boolean hasLong = rw.group(LONG);
        boolean hasShort = rw.group(SHORT);
        boolean hasBox = rw.group(BOX);
        boolean hasBoxZ = rw.group(BOX_Z);
        if (hasShort && !hasLong) {
            throw new IllegalArgumentException("column x1: empty, but a short axis (x3..y4) needs the long axis");
        }
        if (hasLong == hasBox) {
            throw new IllegalArgumentException(hasLong ? "column box_x1: give either a RECIST (x1..y4) or a box, not"
                    + " both" : "column x1: no mark; give the long axis x1,y1,x2,y2 (and optionally x3..y4) or a box"
                    + " box_x1,box_y1,box_x2,box_y2");
        }
        if (hasBoxZ && !hasBox) {
            throw new IllegalArgumentException("column box_z1: a box range needs box_x1..box_y2");
        }
        String plane = world ? "z" : "slice";
        Double planeValue = null;
        if (hasBoxZ) {
            planeValue = null;
        } else if (rw.has(plane)) {
            planeValue = world ? rw.num("z") : (double) CsvLine.parseInt("column slice", rw.get("slice"));
        } else {
            throw new IllegalArgumentException("column " + plane + ": empty (" + (world ? "the mark's world z in mm"
                    : "the mark's slice index k in the file") + ")");
        }
        int[] dims = geo.sdkDims();
        List<double[]> pts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> xy = new ArrayList<>(hasLong ? LONG : BOX);
        if (hasShort) {
            xy.addAll(SHORT);
        }
        double[] zs = null;
        if (hasBoxZ) {
            zs = new double[] {rw.num("box_z1"), rw.num("box_z2")};
        }
        for (int i = 0; i < xy.size(); i += 2) {
            double x = rw.num(xy.get(i)), y = rw.num(xy.get(i + 1));
            double z = hasBoxZ ? zs[i / 2 % 2] : planeValue;
            pts.add(world ? geo.worldToSdk(x, y, z) : geo.grid().toSdk(new double[] {x, y, z}));
            names.add(xy.get(i));
        }
        for (int i = 0; i < pts.size(); i++) {
            double[] p = pts.get(i);
            String c = names.get(i);
            String cy = c.replace('x', 'y');
            if (p[0] < -SLICE_TOLERANCE || p[0] > dims[0] - 1 + SLICE_TOLERANCE || p[1] < -SLICE_TOLERANCE
                    || p[1] > dims[1] - 1 + SLICE_TOLERANCE || p[2] < -SLICE_TOLERANCE
                    || p[2] > dims[2] - 1 + SLICE_TOLERANCE) {
                throw new IllegalArgumentException("column " + c + ": endpoint (" + rw.get(c) + ", " + rw.get(cy)
                        + ") lies outside the volume (" + fmt(p) + " on its " + dims[0] + "x" + dims[1] + "x" + dims[2]
                        + " axial grid)");
            }
            p[0] = Math.max(0, Math.min(dims[0] - 1, p[0]));
            p[1] = Math.max(0, Math.min(dims[1] - 1, p[1]));
        }
        int slice;
        int[] zRange = null;
        if (hasBoxZ) {
            int z0 = (int) Math.round(Math.min(pts.get(0)[2], pts.get(1)[2]));
            int z1 = (int) Math.round(Math.max(pts.get(0)[2], pts.get(1)[2]));
            zRange = new int[] {Math.max(0, z0), Math.min(dims[2] - 1, z1)};
            // a 3D box is prompted on its middle slice
            slice = (zRange[0] + zRange[1]) / 2;
        } else {
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            for (double[] p : pts) {
                lo = Math.min(lo, p[2]);
                hi = Math.max(hi, p[2]);
            }
            slice = (int) Math.round((lo + hi) / 2);
            if (hi - slice > SLICE_TOLERANCE || slice - lo > SLICE_TOLERANCE) {
                throw new IllegalArgumentException("column " + plane + ": the endpoints lie on different axial slices"
                        + " (z " + String.format(Locale.ROOT, "%.2f to %.2f", lo, hi) + " on the axial grid)"
                        + (world ? "" : "; the file's slice axis k is not axial here, give coords=world"));
            }
        }
        if (slice < 0 || slice >= dims[2]) {
            throw new IllegalArgumentException("column " + plane + ": the mark's axial slice " + slice
                    + " is outside the volume's 0.." + (dims[2] - 1));
        }
        String text = text(rw, coords, xy, hasBoxZ);
        if (hasLong) {
            Axis l = Axis.of(pts.get(0)[0], pts.get(0)[1], pts.get(1)[0], pts.get(1)[1]);
            Axis s = hasShort ? Axis.of(pts.get(2)[0], pts.get(2)[1], pts.get(3)[0], pts.get(3)[1]) : null;
            return new Mark(l, s, null, null, slice, text);
        }
        double[] box = {Math.min(pts.get(0)[0], pts.get(1)[0]), Math.min(pts.get(0)[1], pts.get(1)[1]),
            Math.max(pts.get(0)[0], pts.get(1)[0]), Math.max(pts.get(0)[1], pts.get(1)[1])};
        if (box[2] - box[0] < 1 || box[3] - box[1] < 1) {
            throw new IllegalArgumentException("column box_x1: the box is less than one pixel wide or high");
        }
        return new Mark(null, null, box, zRange, slice, text);
    }

    private static String text(Row rw, String coords, List<String> xy, boolean boxZ) {
        StringBuilder sb = new StringBuilder(coords);
        if (rw.has("slice")) {
            sb.append(" slice ").append(rw.get("slice"));
        }
        if (rw.has("z")) {
            sb.append(" z ").append(rw.get("z"));
        }
        sb.append(xy.get(0).startsWith("box") ? " box" : " axes");
        for (int i = 0; i < xy.size(); i += 2) {
            sb.append(" (").append(rw.get(xy.get(i))).append(' ').append(rw.get(xy.get(i + 1))).append(')');
        }
        if (boxZ) {
            sb.append(" z ").append(rw.get("box_z1")).append("..").append(rw.get("box_z2"));
        }
        if (!xy.contains("x3") && !xy.get(0).startsWith("box")) {
            sb.append(" long axis only");
        }
        return sb.toString();
    }

    private static String fmt(double[] p) {
        return String.format(Locale.ROOT, "(%.1f, %.1f, %.1f)", p[0], p[1], p[2]);
    }

    static Window window(String text) {
        double[] w = CsvLine.parseDoubles("column window", text, 2);
        try {
            return new Window(w[0], w[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column window: " + e.getMessage(), e);
        }
    }

    static LesionCategory category(String text) {
        for (LesionCategory c : LesionCategory.values()) {
            if (c.name().equalsIgnoreCase(text) || c.shortName().equalsIgnoreCase(text)
                    || c.name().replace('_', ' ').equalsIgnoreCase(text)) {
                return c;
            }
        }
        try {
            return LesionCategory.ofCode(CsvLine.parseInt("column category", text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column category: '" + text + "' is not a lesion category (bone,"
                    + " abdomen, mediastinum, liver, lung, kidney, soft_tissue, pelvis, unknown, or 1..8, -1)");
        }
    }

    static Split split(String text) {
        try {
            return Split.ofCode(CsvLine.parseInt("column split", text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column split: '" + text + "' must be 1 (train), 2 (validation) or 3"
                    + " (test)");
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    // ---------------------------------------------------------------- LesionInput

    @Override
    public String format() {
        return "nifti-csv";
    }

    @Override
    public Path source() {
        return csv;
    }

    @Override
    GridCases cases() {
        return grid;
    }

    @Override
    public void writeMask(LesionCase lesion, Mask3D mask, Path file) {
        GridLesionCase g = grid(lesion);
        Grids.write(geometries.get(g.volumeKey()).toFileGrid(clip(g, mask)), file);
    }

    @Override
    public Mask3D asWritten(LesionCase lesion, Mask3D mask) {
        return clip(grid(lesion), mask);
    }

    /** A lesion prompted by a 3D box: its mask cut to the box. */
    static Mask3D clip(GridLesionCase g, Mask3D mask) {
        Roi roi = g.mark().clipRoi(mask.width(), mask.height());
        if (roi == null) {
            return mask;
        }
        int[] zr = g.mark().zRange();
        Mask3D.Builder b = Mask3D.builder(mask.width(), mask.height(), mask.depth(), mask.spacing())
                .provenance(mask.provenance().withNote("cut to the prompt's 3D box"));
        for (int z = zr[0]; z <= zr[1]; z++) {
            for (int y = roi.y(); y < roi.endY(); y++) {
                for (int x = roi.x(); x < roi.endX(); x++) {
                    if (mask.get(x, y, z)) {
                        b.set(x, y, z);
                    }
                }
            }
        }
        return b.build();
    }

    @Override
    public Mask3D readMask(LesionCase lesion, Path file) {
        return Grids.readSdkMask(file);
    }

    @Override
    public Path labelsFile(Path out, String volume) {
        return out.resolve("labels").resolve(volume + ".nii.gz");
    }

    @Override
    public List<String> volumes() {
        return List.copyOf(volumeFiles.keySet());
    }

    @Override
    public void writeLabels(String volume, Map<Integer, Path> masks, Path file) {
        writeLabels(volume, masks, Map.of(), file);
    }

    @Override
    public void writeLabels(String volume, Map<Integer, Path> masks, Map<Integer, Mask3D> inMemory, Path file) {
        VolumeGeometry g = geometries.get(volume);
        if (g == null) {
            throw new IllegalArgumentException("unknown volume " + volume);
        }
        byte[] labels = Grids.combine(masks, inMemory, g.grid(), g.grid().fileDims());
        Grids.write(g.fileImage(labels, "wsss labels"), file);
    }
}
