package org.wsss.eval.report;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.WsssIoException;
import org.wsss.eval.experiments.Charts;
import org.wsss.eval.experiments.Volumetric;
import org.wsss.io.AtomicFiles;

/**
 * The report's interactive 3D viewer: {@code viewer.html} with a lesion picker, the CT of the
 * picked lesion in axial, coronal and sagittal planes, and its ground truth and each method's
 * mask as overlays that can be switched on and off, with opacity and CT window controls. Plain
 * canvas code, no library and no network: it works opened from disk ({@code file://}).
 *
 * <p>Data: one script per lesion, {@code viewer/case-N.js}, loaded by a {@code <script>} tag
 * (browsers refuse {@code fetch} of local files). It holds the CT cropped around the lesion and
 * every method's mask (the bounding box of all masks with a margin, every stored slice that any
 * mask touches and two more each side) as base64: the CT as 16-bit little-endian HU, each mask
 * as bits, voxel {@code (x, y, z)} at index {@code (z·ny + y)·nx + x}, bit {@code i & 7} of byte
 * {@code i >> 3}. The stored slices are shown at the case's slice interval.
 */
final class Viewer {

    /** Colour of the ground truth, as in the overlay montages. */
    static final Color TRUTH = new Color(0, 220, 0);
    static final String PAGE = "viewer.html";
    private static final int MARGIN_SLICES = 2;

    private Viewer() {
    }

    /** A cropped lesion: voxel ranges [x0, x0 + nx) etc. on the case's grid of stored slices. */
    record Crop(int x0, int y0, int z0, int nx, int ny, int nz) {
    }

    /**
     * Writes {@code viewer.html}, {@code viewer/viewer.js}, {@code viewer/cases.js} and one
     * {@code viewer/case-N.js} per example into {@code dir}, each atomically.
     *
     * @param methods every method of the run, in order (fixes its colour)
     * @return the file of each example's data, in example order
     */
    static List<String> write(Path dir, List<Volumetric.Example> examples, List<String> methods) {
        copyResource("viewer.html", dir.resolve(PAGE));
        copyResource("viewer.js", dir.resolve("viewer/viewer.js"));
        List<String> files = new ArrayList<>();
        StringBuilder index = new StringBuilder("window.WSSS_VIEWER_INDEX = [\n");
        for (int i = 0; i < examples.size(); i++) {
            Volumetric.Example e = examples.get(i);
            String file = "viewer/case-" + i + ".js";
            byte[] data = caseScript(e, methods).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(dir.resolve(file), out -> out.write(data));
            files.add(file);
            index.append("  {\"id\": ").append(json(e.caseId())).append(", \"category\": ")
                    .append(json(e.category().shortName())).append(", \"file\": ").append(json(file)).append("},\n");
        }
        byte[] idx = index.append("];\n").toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve("viewer/cases.js"), out -> out.write(idx));
        return files;
    }

    /** The data script of one lesion. */
    static String caseScript(Volumetric.Example e, List<String> methods) {
        LesionCase lesion = e.lesion();
        Mask3D truth = e.truth();
        Crop c = crop(truth, e.predictions().values());
        int[] indices = lesion.sliceIndices();
        ByteBuffer ct = ByteBuffer.allocate(2 * c.nx() * c.ny() * c.nz()).order(ByteOrder.LITTLE_ENDIAN);
        for (int z = c.z0(); z < c.z0() + c.nz(); z++) {
            Slice s = lesion.slice(indices[z]);
            for (int y = c.y0(); y < c.y0() + c.ny(); y++) {
                for (int x = c.x0(); x < c.x0() + c.nx(); x++) {
                    ct.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(s.get(x, y)))));
                }
            }
        }
        Recist r = lesion.recist();
        StringBuilder sb = new StringBuilder("WSSS_VIEWER_LOAD({\n");
        sb.append("\"id\": ").append(json(e.caseId())).append(",\n");
        sb.append("\"category\": ").append(json(e.category().shortName())).append(",\n");
        sb.append(String.format(Locale.ROOT, "\"size\": [%d, %d, %d],%n", c.nx(), c.ny(), c.nz()));
        sb.append(String.format(Locale.ROOT, "\"origin\": [%d, %d, %d],%n", c.x0(), c.y0(), c.z0()));
        sb.append(String.format(Locale.ROOT, "\"spacing\": [%s, %s, %s],%n", num(lesion.spacing().x()),
                num(lesion.spacing().y()), num(lesion.spacing().z())));
        sb.append("\"sliceIndices\": [");
        for (int z = c.z0(); z < c.z0() + c.nz(); z++) {
            sb.append(z == c.z0() ? "" : ", ").append(indices[z]);
        }
        sb.append("],\n");
        sb.append(String.format(Locale.ROOT, "\"recistZ\": %d,%n", e.recistZ() - c.z0()));
        sb.append(String.format(Locale.ROOT, "\"recistCenter\": [%s, %s],%n", num(r.center().x() - c.x0()),
                num(r.center().y() - c.y0())));
        sb.append(String.format(Locale.ROOT, "\"window\": [%s, %s],%n", num(lesion.window().level()),
                num(lesion.window().width())));
        sb.append("\"ct\": \"").append(Base64.getEncoder().encodeToString(ct.array())).append("\",\n");
        sb.append("\"layers\": [\n");
        sb.append(layer("Ground truth", TRUTH, null, bits(truth, c)));
        for (Map.Entry<String, Mask3D> m : e.predictions().entrySet()) {
            int k = Math.max(0, methods.indexOf(m.getKey()));
            sb.append(",\n").append(layer(m.getKey(), Charts.colour(k), e.dice().get(m.getKey()), bits(m.getValue(), c)));
        }
        return sb.append("\n]\n});\n").toString();
    }

    private static String layer(String name, Color colour, Double dice, byte[] bits) {
        return "{\"name\": " + json(name) + ", \"colour\": " + json(String.format("#%06x", colour.getRGB() & 0xffffff))
                + ", \"dice\": " + (dice == null ? "null" : String.format(Locale.ROOT, "%.4f", dice))
                + ", \"bits\": \"" + Base64.getEncoder().encodeToString(bits) + "\"}";
    }

    /** The crop's voxels of {@code m} as bits, in x-fastest order. */
    static byte[] bits(Mask3D m, Crop c) {
        int n = c.nx() * c.ny() * c.nz();
        byte[] out = new byte[(n + 7) / 8];
        int i = 0;
        for (int z = c.z0(); z < c.z0() + c.nz(); z++) {
            for (int y = c.y0(); y < c.y0() + c.ny(); y++) {
                for (int x = c.x0(); x < c.x0() + c.nx(); x++, i++) {
                    if (m.get(x, y, z)) {
                        out[i >> 3] |= (byte) (1 << (i & 7));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The box around every voxel of the truth and the predictions, grown by half its size plus 8
     * px in plane (for context) and {@value #MARGIN_SLICES} slices in z, inside the volume.
     */
    static Crop crop(Mask3D truth, Iterable<Mask3D> predictions) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        grow(box, truth);
        for (Mask3D p : predictions) {
            grow(box, p);
        }
        int w = truth.width(), h = truth.height(), d = truth.depth();
        if (box[3] < 0) {
            return new Crop(0, 0, 0, w, h, d);
        }
        int mx = (box[3] - box[0] + 1) / 2 + 8, my = (box[4] - box[1] + 1) / 2 + 8;
        int x0 = Math.max(0, box[0] - mx), x1 = Math.min(w - 1, box[3] + mx);
        int y0 = Math.max(0, box[1] - my), y1 = Math.min(h - 1, box[4] + my);
        int z0 = Math.max(0, box[2] - MARGIN_SLICES), z1 = Math.min(d - 1, box[5] + MARGIN_SLICES);
        return new Crop(x0, y0, z0, x1 - x0 + 1, y1 - y0 + 1, z1 - z0 + 1);
    }

    private static void grow(int[] box, Mask3D m) {
        for (int z = 0; z < m.depth(); z++) {
            for (int y = 0; y < m.height(); y++) {
                for (int x = 0; x < m.width(); x++) {
                    if (m.get(x, y, z)) {
                        box[0] = Math.min(box[0], x);
                        box[1] = Math.min(box[1], y);
                        box[2] = Math.min(box[2], z);
                        box[3] = Math.max(box[3], x);
                        box[4] = Math.max(box[4], y);
                        box[5] = Math.max(box[5], z);
                    }
                }
            }
        }
    }

    private static void copyResource(String name, Path target) {
        byte[] bytes;
        try (InputStream in = Viewer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("viewer resource " + name + " is missing from the classpath");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new WsssIoException(target, "cannot copy the viewer resource " + name + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(target, out -> out.write(bytes));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A JSON string literal; also safe inside a script (no {@code </script>}). */
    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '<' -> sb.append("\\u003c");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
