package org.wsss.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.Window;
import org.wsss.eval.experiments.Charts;
import org.wsss.eval.experiments.Volumetric;

/**
 * Overlay montage of one lesion for judging 3D segmentations by eye: a row per method, a column
 * per slice around the RECIST slice. Each tile is the CT slice in the case's window, cropped
 * around the lesion and scaled, with the ground-truth contour in green and the method's contour
 * in the method's colour ({@link Charts#colour(int)}); the row label gives the method's 3D Dice,
 * the column title the slice offset and its distance in mm.
 *
 * <p>Slices: the RECIST slice and {@code (n − 1) / 2} on each side, evenly spaced so that the
 * outermost ones reach the ends of the ground truth (every slice when the lesion is thin).
 */
public final class Overlays {

    private static final Color TRUTH = new Color(0, 220, 0);
    private static final int LABEL = 130;
    private static final int HEADER = 44;
    private static final int CAPTION = 4;

    private Overlays() {
    }

    /**
     * The montage of {@code example}.
     *
     * @param methods names of all methods of the run, in order (fixes each method's colour)
     * @param slices  number of slice columns, odd, 1..15
     * @param tile    tile size in pixels, 48..512
     * @throws IllegalArgumentException on bad sizes
     */
    public static BufferedImage montage(Volumetric.Example example, List<String> methods, int slices, int tile) {
        Objects.requireNonNull(example, "example");
        if (slices < 1 || slices > 15 || slices % 2 == 0) {
            throw new IllegalArgumentException("slices must be odd and in 1..15, got " + slices);
        }
        if (tile < 48 || tile > 512) {
            throw new IllegalArgumentException("tile must be in 48..512 px, got " + tile);
        }
        LesionCase lesion = example.lesion();
        Mask3D truth = example.truth();
        int[] zs = slicesAround(truth, example.recistZ(), slices);
        Roi crop = crop(truth, example.predictions().values(), zs);
        int[] indices = lesion.sliceIndices();
        Window win = lesion.window();
        double dz = lesion.spacing().z();

        List<String> rows = new ArrayList<>(example.predictions().keySet());
        int nRows = Math.max(1, rows.size());
        int w = LABEL + zs.length * tile;
        int h = HEADER + nRows * (tile + CAPTION);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            g.drawString(example.caseId() + " (" + example.category().shortName() + ")", 6, 16);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(TRUTH.darker());
            g.drawString("green: ground truth", 6, 32);
            for (int k = 0; k < zs.length; k++) {
                int off = zs[k] - example.recistZ();
                String t = (off == 0 ? "RECIST slice" : String.format(Locale.ROOT, "%+d (%+.1f mm)", off,
                        (indices[zs[k]] - indices[example.recistZ()]) * dz));
                g.setColor(Color.BLACK);
                g.drawString(t, LABEL + k * tile + 4, HEADER - 6);
            }
            Slice[] ct = new Slice[zs.length];
            for (int k = 0; k < zs.length; k++) {
                ct[k] = lesion.slice(indices[zs[k]]);
            }
            for (int r = 0; r < nRows; r++) {
                int y0 = HEADER + r * (tile + CAPTION);
                String name = rows.isEmpty() ? null : rows.get(r);
                Color colour = name == null ? Color.GRAY : Charts.colour(Math.max(0, methods.indexOf(name)));
                g.setColor(colour.darker());
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
                g.drawString(name == null ? "(no method)" : name, 6, y0 + tile / 2 - 4);
                if (name != null && example.dice().containsKey(name)) {
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                    g.drawString(String.format(Locale.ROOT, "3D Dice %.3f", example.dice().get(name)), 6,
                            y0 + tile / 2 + 12);
                }
                for (int k = 0; k < zs.length; k++) {
                    int x0 = LABEL + k * tile;
                    g.drawImage(windowed(ct[k], win, crop), x0, y0, tile, tile, null);
                    double sc = tile / (double) crop.width();
                    Graphics2D t = (Graphics2D) g.create(x0, y0, tile, tile);
                    try {
                        t.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                        t.setStroke(new BasicStroke(Math.max(1.2f, tile / 90f)));
                        t.setColor(TRUTH);
                        t.draw(contour(truth.slice(zs[k]), crop, sc));
                        if (name != null) {
                            t.setColor(colour);
                            t.draw(contour(example.predictions().get(name).slice(zs[k]), crop, sc));
                        }
                    } finally {
                        t.dispose();
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The RECIST slice and up to {@code n/2} slices each side, spaced to reach the truth's ends. */
    static int[] slicesAround(Mask3D truth, int recistZ, int n) {
        int lo = recistZ, hi = recistZ;
        for (int z = 0; z < truth.depth(); z++) {
            if (!truth.slice(z).isEmpty()) {
                lo = Math.min(lo, z);
                hi = Math.max(hi, z);
            }
        }
        int half = n / 2;
        int reach = Math.max(recistZ - lo, hi - recistZ);
        int step = half == 0 ? 1 : Math.max(1, (reach + half - 1) / half);
        List<Integer> out = new ArrayList<>();
        for (int k = -half; k <= half; k++) {
            int z = recistZ + k * step;
            if (z >= 0 && z < truth.depth()) {
                out.add(z);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A square around the truth and the predictions on the shown slices, with a margin, inside the image. */
    static Roi crop(Mask3D truth, Iterable<Mask3D> predictions, int[] zs) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int z = 0; z < truth.depth(); z++) {
            grow(box, truth.slice(z));
        }
        for (Mask3D p : predictions) {
            for (int z : zs) {
                grow(box, p.slice(z));
            }
        }
        int w = truth.width(), h = truth.height();
        if (box[2] < 0) {
            return square(w / 2, h / 2, Math.min(w, h), w, h);
        }
        int cx = (box[0] + box[2]) / 2, cy = (box[1] + box[3]) / 2;
        int side = (int) Math.ceil(Math.max(box[2] - box[0] + 1, box[3] - box[1] + 1) * 1.4) + 8;
        side = Math.max(32, Math.min(side, Math.min(w, h)));
        return square(cx, cy, side, w, h);
    }

    private static Roi square(int cx, int cy, int side, int w, int h) {
        int x = Math.max(0, Math.min(w - side, cx - side / 2));
        int y = Math.max(0, Math.min(h - side, cy - side / 2));
        return new Roi(x, y, side, side);
    }

    private static void grow(int[] box, Mask m) {
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if (m.get(x, y)) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
    }

    private static BufferedImage windowed(Slice s, Window win, Roi crop) {
        BufferedImage img = new BufferedImage(crop.width(), crop.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < crop.height(); y++) {
            for (int x = 0; x < crop.width(); x++) {
                int v = win.toByte(s.get(crop.x() + x, crop.y() + y));
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return img;
    }

    /** The pixel edges of {@code m} that face outside it, inside {@code crop}, scaled by {@code sc}. */
    private static Path2D contour(Mask m, Roi crop, double sc) {
        Path2D.Double p = new Path2D.Double();
        for (int y = crop.y(); y < crop.y() + crop.height(); y++) {
            for (int x = crop.x(); x < crop.x() + crop.width(); x++) {
                if (!m.get(x, y)) {
                    continue;
                }
                double px = (x - crop.x()) * sc, py = (y - crop.y()) * sc, q = sc;
                if (x == 0 || !m.get(x - 1, y)) {
                    p.append(new Line2D.Double(px, py, px, py + q), false);
                }
                if (x == m.width() - 1 || !m.get(x + 1, y)) {
                    p.append(new Line2D.Double(px + q, py, px + q, py + q), false);
                }
                if (y == 0 || !m.get(x, y - 1)) {
                    p.append(new Line2D.Double(px, py, px + q, py), false);
                }
                if (y == m.height() - 1 || !m.get(x, y + 1)) {
                    p.append(new Line2D.Double(px, py + q, px + q, py + q), false);
                }
            }
        }
        return p;
    }

    /** Names of {@code result}'s methods in order. */
    static List<String> names(Volumetric.Result result) {
        return result.methods().stream().map(Volumetric.MethodResult::name).toList();
    }

    /** File name of an example's montage: {@code overlay_<category>_<case id>.png}, safe characters only. */
    static String fileName(Volumetric.Example example) {
        return ("overlay_" + example.category().shortName() + "_" + example.caseId()).replaceAll("[^A-Za-z0-9._-]", "_")
                + ".png";
    }
}
