package org.wsss.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.eval.experiments.Tables;
import org.wsss.io.LesionInput;
import org.wsss.propagation.assembly.Assembly;
import org.wsss.propagation.assembly.LesionMeasurement;

/**
 * What {@code wsss segment} writes after the lesions of a {@link LesionInput} are done: one label
 * map per volume, and {@code lesions.csv} with the input's own marks.
 */
final class InputOutputs {

    private static final Logger LOG = LoggerFactory.getLogger(InputOutputs.class);

    /** Masks of one volume rebuilt in memory at once for its label map. */
    static final int MAX_IN_MEMORY = 16;

    private InputOutputs() {
    }

    /**
     * One label map per volume of {@code data}, from the lesion masks on disk (lesion n of a volume
     * = label n). A volume whose map cannot be written is logged and the others are still written.
     *
     * @return the number of maps written
     */
    static int writeLabels(LesionInput in, LesionDataset data, Path out) {
        return writeLabels(in, data, out, new WrittenMasks(0));
    }

    /** As above, taking the masks this run kept in {@code kept} from memory (by lesion id). */
    static int writeLabels(LesionInput in, LesionDataset data, Path out, WrittenMasks kept) {
        Map<String, Map<Integer, Path>> byVolume = new LinkedHashMap<>();
        Map<String, List<LesionCase>> lesions = new HashMap<>();
        for (LesionCase c : data) {
            Map<Integer, Path> m = byVolume.computeIfAbsent(in.volumeOf(c), k -> new HashMap<>());
            lesions.computeIfAbsent(in.volumeOf(c), k -> new ArrayList<>()).add(c);
            Path f = in.maskFile(out, c);
            if (Files.isRegularFile(f)) {
                m.put(in.labelOf(c), f);
            }
        }
        int written = 0;
        for (Map.Entry<String, Map<Integer, Path>> e : byVolume.entrySet()) {
            try {
                // one volume's kept masks at a time, each rebuilt whole (a bit per voxel) while it is needed:
                // at most MAX_IN_MEMORY of them, the rest read from their files
                Map<Integer, Mask3D> inMemory = new HashMap<>();
                Map<Integer, Path> files = new HashMap<>(e.getValue());
                for (LesionCase c : lesions.get(e.getKey())) {
                    Mask3D m = files.containsKey(in.labelOf(c)) && inMemory.size() < MAX_IN_MEMORY ? kept.get(c.id())
                            : null;
                    if (m != null) {
                        // the file stays listed: an input that does not take masks from memory reads it
                        inMemory.put(in.labelOf(c), m);
                    }
                }
                in.writeLabels(e.getKey(), files, inMemory, in.labelsFile(out, e.getKey()));
                written++;
            } catch (RuntimeException ex) {
                LOG.warn("label map of {} not written: {}", e.getKey(), Batch.reason(ex));
            }
        }
        return written;
    }

    /**
     * {@code OUT/lesions.csv}: per lesion the volume (mL) and long/short axes (mm) measured on its
     * mask, the prompt's axes in mm (for a long-axis-only mark, the short axis the SDK estimated),
     * the status, its volume, label and the mark as the user gave it. A lesion this run measured
     * ({@code measured}, by id) is not read back; one done by an earlier run is.
     */
    static void writeLesionsCsv(LesionInput in, Path out, LesionDataset data, Batch.Report<?> report,
                                Map<String, LesionMeasurement> measured) {
        Map<String, String> failed = new HashMap<>();
        for (Batch.Failure f : report.failures()) {
            failed.put(f.lesion(), f.reason());
        }
        Tables t = new Tables(List.of("lesion", "volume_ml", "long_axis_mm", "short_axis_mm", "prompt_long_axis_mm",
                "prompt_short_axis_mm", "status", "volume", "label", "mark"));
        for (LesionCase c : data) {
            List<String> row = new ArrayList<>();
            row.add(c.id());
            String rl = "", rs = "";
            String status;
            Path f = in.maskFile(out, c);
            String[] measured3 = {"", "", ""};
            if (failed.containsKey(c.id())) {
                status = "failed: " + failed.get(c.id());
            } else if (!Files.isRegularFile(f)) {
                status = "missing";
            } else if (measured.containsKey(c.id())) {
                LesionMeasurement lm = measured.get(c.id());
                measured3 = new String[] {fmt3(lm.volumeMl()), fmt2(lm.longMm()), fmt2(lm.shortMm())};
                status = "ok";
            } else {
                Mask3D m = in.readMask(c, f);
                if (m.count() == 0) {
                    measured3[0] = "0.000";
                    status = "empty";
                } else {
                    LesionMeasurement lm = Assembly.measure(m);
                    measured3 = new String[] {fmt3(lm.volumeMl()), fmt2(lm.longMm()), fmt2(lm.shortMm())};
                    status = "ok";
                }
            }
            try {
                Recist r = c.recist();
                rl = fmt2(r.longLengthMm(c.spacing()));
                rs = fmt2(r.shortLengthMm(c.spacing()));
            } catch (RuntimeException e) {
                // the prompt could not be completed (its volume is unreadable): the status says why
            }
            row.add(measured3[0]);
            row.add(measured3[1]);
            row.add(measured3[2]);
            row.add(rl);
            row.add(rs);
            row.add(status);
            row.add(in.volumeOf(c));
            row.add(Integer.toString(in.labelOf(c)));
            row.add(in.markOf(c));
            t.add(row);
        }
        t.writeCsv(out.resolve(SegmentCommand.LESIONS_FILE));
    }

    private static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
