package org.wsss.dicom.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wsss.api.WsssIoException;
import org.wsss.dicom.DicomRecistMark;

/**
 * RECIST marks from a DICOM Structured Report of the TID 1500 kind ("Imaging Measurement
 * Report"): every Measurement Group (DCM 125007) that holds SCOORD POLYLINE items, each selected
 * from one image, gives one mark keyed by that image's SOP Instance UID. One polyline of 4 points
 * is both diameters; two polylines of 2 points (a long and a short axis measurement) are one each.
 * The lesion id is the group's Tracking Identifier (DCM 112039), else {@code <file>-<n>}.
 *
 * <p>SCOORD points are (column, row) with (0, 0) at the top-left corner of the top-left pixel
 * (PS3.3 C.18.6.1.1); the SDK's pixel coordinates put pixel centres at integers, so 0.5 is
 * subtracted. A group that cannot be a mark (one axis only, axes on two images, a polyline of
 * another length) is a problem naming the file and group; the other groups are read.
 */
public final class SrReader {

    private static final String MEASUREMENT_GROUP = "125007";
    private static final String TRACKING_IDENTIFIER = "112039";

    private SrReader() {
    }

    /** The file's marks, and a problem per group that is not a mark. */
    public static DicomRecistMark.Marks read(Path file) {
        DicomParser.Part10 p = DicomParser.read(file);
        DicomObject ds = p.dataset();
        if (!"SR".equals(ds.string(Tags.MODALITY))) {
            throw new WsssIoException(file, "modality " + ds.string(Tags.MODALITY) + ", not a structured report (SR)",
                    null);
        }
        List<DicomRecistMark> marks = new ArrayList<>();
        List<WsssIoException> problems = new ArrayList<>();
        List<DicomObject> groups = new ArrayList<>();
        collectGroups(ds, groups, 0);
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        for (int g = 0; g < groups.size(); g++) {
            DicomObject group = groups.get(g);
            String id = trackingId(group);
            String where = "measurement group " + (g + 1) + (id != null ? " (" + id + ")" : "");
            List<double[]> lines = new ArrayList<>();
            List<String> sops = new ArrayList<>();
            try {
                collectPolylines(group, lines, sops, file, 0);
                if (lines.isEmpty()) {
                    continue; // a group without polylines (a volume, a qualitative finding) is not a RECIST mark
                }
                double[] xy = axes(lines, where);
                for (String sop : sops) {
                    if (!sop.equals(sops.get(0))) {
                        throw new IllegalArgumentException(where + ": the axes lie on two images, " + sops.get(0)
                                + " and " + sop);
                    }
                }
                marks.add(DicomRecistMark.ofPixels(id != null ? id : stem + "-" + (g + 1), sops.get(0), xy));
            } catch (IllegalArgumentException e) {
                problems.add(new WsssIoException(file, e.getMessage().startsWith(where) ? e.getMessage()
                        : where + ": " + e.getMessage(), e));
            } catch (WsssIoException e) {
                problems.add(new WsssIoException(file, where + ": " + e.getMessage(), e));
            }
        }
        return new DicomRecistMark.Marks(marks, problems);
    }

    /** The 8 pixel values x1, y1 … x4, y4 from one 4-point polyline or two 2-point ones. */
    private static double[] axes(List<double[]> lines, String where) {
        double[] xy;
        if (lines.size() == 1 && lines.get(0).length == 8) {
            xy = lines.get(0).clone();
        } else if (lines.size() == 2 && lines.get(0).length == 4 && lines.get(1).length == 4) {
            xy = new double[8];
            System.arraycopy(lines.get(0), 0, xy, 0, 4);
            System.arraycopy(lines.get(1), 0, xy, 4, 4);
        } else {
            StringBuilder sb = new StringBuilder();
            for (double[] l : lines) {
                sb.append(sb.length() == 0 ? "" : ", ").append(l.length / 2);
            }
            throw new IllegalArgumentException(where + ": polylines of " + sb + " point(s); a RECIST mark is one"
                    + " polyline of 4 points or two of 2 (long and short axis; a long axis alone is not read)");
        }
        for (int i = 0; i < 8; i++) {
            xy[i] -= 0.5; // SCOORD origin is the pixel corner; SDK pixel centres are integers
        }
        return xy;
    }

    private static void collectGroups(DicomObject item, List<DicomObject> out, int depth) {
        for (DicomObject c : item.items(Tags.CONTENT_SEQUENCE)) {
            if ("CONTAINER".equals(c.string(Tags.VALUE_TYPE)) && MEASUREMENT_GROUP.equals(concept(c))) {
                out.add(c);
            } else if (depth < 16) {
                collectGroups(c, out, depth + 1);
            }
        }
    }

    private static String trackingId(DicomObject group) {
        for (DicomObject c : group.items(Tags.CONTENT_SEQUENCE)) {
            if ("TEXT".equals(c.string(Tags.VALUE_TYPE)) && TRACKING_IDENTIFIER.equals(concept(c))) {
                return c.string(Tags.TEXT_VALUE);
            }
        }
        return null;
    }

    private static String concept(DicomObject item) {
        List<DicomObject> code = item.items(Tags.CONCEPT_NAME_CODE_SEQUENCE);
        return code.isEmpty() ? null : code.get(0).string(Tags.CODE_VALUE);
    }

    private static void collectPolylines(DicomObject item, List<double[]> lines, List<String> sops, Path file,
                                         int depth) {
        for (DicomObject c : item.items(Tags.CONTENT_SEQUENCE)) {
            if ("SCOORD".equals(c.string(Tags.VALUE_TYPE))) {
                String type = c.string(Tags.GRAPHIC_TYPE);
                if (!"POLYLINE".equals(type)) {
                    throw new IllegalArgumentException("SCOORD of graphic type " + type + "; RECIST axes are"
                            + " POLYLINE");
                }
                lines.add(points(c));
                sops.add(selectedFrom(c));
            } else if (depth < 16) {
                collectPolylines(c, lines, sops, file, depth + 1);
            }
        }
    }

    private static double[] points(DicomObject scoord) {
        byte[] v = scoord.value(Tags.GRAPHIC_DATA);
        if (v == null || v.length == 0 || v.length % 8 != 0) {
            throw new IllegalArgumentException("SCOORD Graphic Data (0070,0022) "
                    + (v == null ? "missing" : "of " + v.length + " bytes is not (column, row) float pairs"));
        }
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[v.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getFloat(4 * i);
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "SCOORD point value %d is %s", i + 1,
                        out[i]));
            }
        }
        return out;
    }

    private static String selectedFrom(DicomObject scoord) {
        for (DicomObject c : scoord.items(Tags.CONTENT_SEQUENCE)) {
            if ("IMAGE".equals(c.string(Tags.VALUE_TYPE))) {
                for (DicomObject ref : c.items(Tags.REFERENCED_SOP_SEQUENCE)) {
                    String uid = ref.string(Tags.REFERENCED_SOP_INSTANCE_UID);
                    if (uid != null) {
                        return uid;
                    }
                }
            }
        }
        throw new IllegalArgumentException("SCOORD without the IMAGE it is selected from (Referenced SOP Instance"
                + " UID)");
    }
}
