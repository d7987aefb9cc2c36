package org.wsss.eval.jobs;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask3D;
import org.wsss.propagation.assembly.Assembly;
import org.wsss.propagation.assembly.LesionMeasurement;

/**
 * One row of {@code lesions.csv}, the table a 3D segmentation run writes beside its masks: the
 * volume and the RECIST measured back from the mask (Sec. 2.3, {@link Assembly#measure}) next to
 * the radiologist's, and the lesion's status. Both the {@code wsss segment} command and the Spark
 * segmentation job build their rows here, so their tables agree byte for byte.
 *
 * @param lesion case id
 * @param volumeMl volume in mL; null when failed or missing
 * @param longAxisMm long axis measured on the mask; null when failed, missing or empty
 * @param shortAxisMm short axis measured on the mask; null when failed, missing or empty
 * @param recistLongAxisMm the radiologist's long axis
 * @param recistShortAxisMm the radiologist's short axis
 * @param status {@code ok}, {@code empty}, {@code missing} or {@code failed: <reason>}
 */
public record LesionRow(String lesion, Double volumeMl, Double longAxisMm, Double shortAxisMm,
                        double recistLongAxisMm, double recistShortAxisMm, String status) implements Serializable {

    /** The header of {@code lesions.csv}. */
    public static final String HEADER =
            "lesion,volume_ml,long_axis_mm,short_axis_mm,recist_long_axis_mm,recist_short_axis_mm,status";

    /** Checks that the id and status are present. */
    public LesionRow {
        Objects.requireNonNull(lesion, "lesion");
        Objects.requireNonNull(status, "status");
    }

    /**
     * The row of {@code c}: {@code failed: reason} when {@code failure} is not null, else
     * measured on {@code mask} (as read back from its file, so the stored spacing is used), or
     * {@code missing} when there is no mask.
     */
    public static LesionRow of(LesionCase c, Mask3D mask, String failure) {
        double rl = c.recist().longLengthMm(c.spacing()), rs = c.recist().shortLengthMm(c.spacing());
        if (failure != null) {
            return new LesionRow(c.id(), null, null, null, rl, rs, "failed: " + failure);
        }
        if (mask == null) {
            return new LesionRow(c.id(), null, null, null, rl, rs, "missing");
        }
        if (mask.count() == 0) {
            return new LesionRow(c.id(), 0.0, null, null, rl, rs, "empty");
        }
        LesionMeasurement lm = Assembly.measure(mask);
        return new LesionRow(c.id(), lm.volumeMl(), lm.longMm(), lm.shortMm(), rl, rs, "ok");
    }

    /** The CSV line (no line break): volume to 3 decimals, lengths to 2, a failure's status quoted. */
    public String csvLine() {
        // Statuses with a reason (failed: ..., unreadable: ...) are quoted; they may hold commas.
        String st = status.contains(":") ? "\"" + status.replace("\"", "\"\"") + "\"" : status;
        return lesion + ',' + num(volumeMl, "%.3f") + ',' + num(longAxisMm, "%.2f") + ',' + num(shortAxisMm, "%.2f")
                + ',' + num(recistLongAxisMm, "%.2f") + ',' + num(recistShortAxisMm, "%.2f") + ',' + st;
    }

    private static String num(Double v, String format) {
        return v == null ? "" : String.format(Locale.ROOT, format, v);
    }
}
