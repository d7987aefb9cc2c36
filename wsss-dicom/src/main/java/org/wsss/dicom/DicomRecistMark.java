package org.wsss.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.wsss.api.Axis;
import org.wsss.api.Point2;
import org.wsss.api.Recist;
import org.wsss.api.WsssIoException;
import org.wsss.io.AtomicFiles;

/**
 * A RECIST mark on a DICOM image, keyed by the SOP Instance UID of the slice it was drawn on:
 * a row of the marks CSV that {@code wsss segment --dicom} reads.
 *
 * <p>The CSV has the header
 * {@code lesion,sop_instance_uid,space,x1,y1,z1,x2,y2,z2,x3,y3,z3,x4,y4,z4}: points 1–2 are one
 * diameter and 3–4 the other (either may be the long one; the longer in mm becomes the long
 * axis). {@code space} is {@code pixel} (x = column, y = row, 0-based, pixel centres at integers,
 * z empty) or {@code patient} (x, y, z in mm in the patient coordinate system, as DICOM SR and
 * presentation states store them; each point must lie within half a slice interval of the
 * slice's plane and is projected onto it).
 *
 * @param lesion lesion id (file names, SEG segment label): 1 to 64 characters, no comma
 * @param sopInstanceUid the slice the mark is on
 * @param patientSpace whether {@code coordinates} are patient mm (else pixel column/row)
 * @param coordinates 12 values, x, y, z of points 1 to 4 (z is NaN in pixel space)
 */
public record DicomRecistMark(String lesion, String sopInstanceUid, boolean patientSpace, List<Double> coordinates) {

    /** The CSV header. */
    public static final String HEADER = "lesion,sop_instance_uid,space,x1,y1,z1,x2,y2,z2,x3,y3,z3,x4,y4,z4";

    public DicomRecistMark {
        Objects.requireNonNull(lesion, "lesion");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        coordinates = List.copyOf(coordinates);
        if (lesion.isBlank() || lesion.length() > 64 || lesion.contains(",") || lesion.contains("\\")
                || lesion.contains("/")) {
            throw new IllegalArgumentException("lesion id must be 1 to 64 characters without ',', '\\' or '/', got '"
                    + lesion + "'");
        }
        if (coordinates.size() != 12) {
            throw new IllegalArgumentException("a mark needs 12 coordinates (x, y, z of 4 points), got "
                    + coordinates.size());
        }
    }

    /** A mark in pixel coordinates: (x1, y1, x2, y2) one diameter, (x3, y3, x4, y4) the other. */
    public static DicomRecistMark ofPixels(String lesion, String sopInstanceUid, double... xy) {
        if (xy.length != 8) {
            throw new IllegalArgumentException("ofPixels needs 8 values, got " + xy.length);
        }
        List<Double> c = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            c.add(xy[2 * i]);
            c.add(xy[2 * i + 1]);
            c.add(Double.NaN);
        }
        return new DicomRecistMark(lesion, sopInstanceUid, false, c);
    }

    /**
     * The mark on slice z of {@code series}.
     *
     * @throws IllegalArgumentException if a patient-space point lies off the slice's plane
     */
    public Recist toRecist(CtSeries series, int z) {
        Point2[] p = new Point2[4];
        double tolerance = series.volume().spacing().z() / 2;
        for (int i = 0; i < 4; i++) {
            double x = coordinates.get(3 * i), y = coordinates.get(3 * i + 1);
            if (patientSpace) {
                double[] pt = {x, y, coordinates.get(3 * i + 2)};
                double off = series.distanceFromSlice(pt, z);
                if (Math.abs(off) > tolerance) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "lesion %s: point %d lies %.2f mm"
                            + " from the plane of instance %s (more than half the %.2f mm slice interval)", lesion,
                            i + 1, off, sopInstanceUid, series.volume().spacing().z()));
                }
                p[i] = series.toPixel(pt, z);
            } else {
                p[i] = new Point2(x, y);
            }
        }
        return Recist.fromAxes(new Axis(p[0], p[1]), new Axis(p[2], p[3]), z, series.volume().spacing());
    }

    /** What {@link #read} returns: the marks and the rows it could not read. */
    public record Marks(List<DicomRecistMark> marks, List<WsssIoException> problems) {
        public Marks {
            marks = List.copyOf(marks);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads a marks CSV. A bad row is a problem naming the file, row and column; the other rows
     * are read.
     *
     * @throws WsssIoException if the file cannot be read or its header is not {@link #HEADER}
     */
    public static Marks read(Path csv) {
        List<DicomRecistMark> marks = new ArrayList<>();
        List<WsssIoException> problems = new ArrayList<>();
        String[] columns = HEADER.split(",");
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.strip().replace("\uFEFF", "").equals(HEADER)) {
                throw new WsssIoException(csv, 1, "header must be '" + HEADER + "', got '" + header + "'", null);
            }
            String line;
            int row = 1;
            while ((line = r.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                try {
                    if (f.length != columns.length) {
                        throw new IllegalArgumentException(f.length + " columns, the header has " + columns.length);
                    }
                    String space = f[2].strip();
                    boolean patient;
                    if (space.equals("patient")) {
                        patient = true;
                    } else if (space.equals("pixel")) {
                        patient = false;
                    } else {
                        throw new IllegalArgumentException("column space: 'pixel' or 'patient', got '" + space + "'");
                    }
                    List<Double> c = new ArrayList<>();
                    for (int i = 3; i < 15; i++) {
                        boolean isZ = (i - 3) % 3 == 2;
                        String t = f[i].strip();
                        if (isZ && !patient) {
                            if (!t.isEmpty()) {
                                throw new IllegalArgumentException("column " + columns[i] + ": must be empty in pixel"
                                        + " space, got '" + t + "'");
                            }
                            c.add(Double.NaN);
                            continue;
                        }
                        double v;
                        try {
                            v = Double.parseDouble(t);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("column " + columns[i] + ": not a number: '" + t + "'");
                        }
                        if (!Double.isFinite(v)) {
                            throw new IllegalArgumentException("column " + columns[i] + ": not finite: '" + t + "'");
                        }
                        c.add(v);
                    }
                    String sop = f[1].strip();
                    if (sop.isEmpty()) {
                        throw new IllegalArgumentException("column sop_instance_uid: empty");
                    }
                    marks.add(new DicomRecistMark(f[0].strip(), sop, patient, c));
                } catch (IllegalArgumentException e) {
                    problems.add(new WsssIoException(csv, row, e.getMessage(), e));
                }
            }
        } catch (IOException e) {
            throw new WsssIoException(csv, "cannot read: " + e, e);
        }
        return new Marks(marks, problems);
    }

    /** Writes marks as a CSV that {@link #read} reads back. */
    public static void write(List<DicomRecistMark> marks, Path csv) {
        AtomicFiles.write(csv, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(HEADER);
            w.write('\n');
            for (DicomRecistMark m : marks) {
                StringBuilder sb = new StringBuilder(m.lesion()).append(',').append(m.sopInstanceUid()).append(',')
                        .append(m.patientSpace() ? "patient" : "pixel");
                for (double v : m.coordinates()) {
                    sb.append(',');
                    if (!Double.isNaN(v)) {
                        sb.append(v);
                    }
                }
                w.write(sb.append('\n').toString());
            }
            w.flush();
        });
    }
}
