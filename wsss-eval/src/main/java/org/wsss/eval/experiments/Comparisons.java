package org.wsss.eval.experiments;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsss.eval.metrics.PairedComparison;

/**
 * The table of a {@link PairedComparison}, as {@code wsss compare} prints it and the report
 * shows it: one row for the 3D Dice and one per slice offset, with the means of A and B, the
 * difference, its 95 % bootstrap interval and a verdict ("A above" / "B above" only when the
 * whole interval lies on that side of 0).
 */
public final class Comparisons {

    private Comparisons() {
    }

    /**
     * The table of {@code c} with intervals from {@code resamples} resamples drawn from {@code seed}.
     *
     * @throws IllegalStateException when {@code c} holds no lesion
     */
    public static Tables table(PairedComparison c, long seed, int resamples) {
        Tables t = new Tables(List.of("scored", "n", "A", "B", "A - B", "95 % interval", "verdict"));
        row(t, "3D Dice", c.dice3d(seed, resamples));
        for (Map.Entry<Integer, PairedComparison.Difference> e : c.byOffset(seed, resamples).entrySet()) {
            row(t, String.format(Locale.ROOT, "slice offset %+d", e.getKey()), e.getValue());
        }
        return t;
    }

    private static void row(Tables t, String what, PairedComparison.Difference d) {
        String verdict = d.aAbove() ? "A above" : d.bAbove() ? "B above" : "-";
        t.add(List.of(what, Integer.toString(d.n()), Tables.f3(d.meanA()), Tables.f3(d.meanB()),
                String.format(Locale.ROOT, "%+.3f", d.difference()),
                String.format(Locale.ROOT, "[%+.3f, %+.3f]", d.lower(), d.upper()), verdict));
    }
}
