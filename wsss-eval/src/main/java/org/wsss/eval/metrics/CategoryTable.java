package org.wsss.eval.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.wsss.api.LesionCategory;

/**
 * Mean of a per-lesion score (normally the 3D Dice) per {@link LesionCategory} and over all
 * lesions: the rows of the paper's Table 3 (Sec. 3.3). Mutable, not thread-safe.
 *
 * <p>{@link #overall()} is the mean over all lesions, each lesion weighing the same (the
 * "Mean" column); {@link #meanOfCategoryMeans()} weighs each category the same instead. The
 * paper's Mean column is consistent with the former: for every method of Table 3 it differs
 * from the plain average of its eight category columns (e.g. WSSS-7: 0.762 vs 0.758).
 * Lesions of category {@link LesionCategory#UNKNOWN} count in {@link #overall()} and have their
 * own row.
 */
public final class CategoryTable {

    private final EnumMap<LesionCategory, DoubleList> values = new EnumMap<>(LesionCategory.class);
    private final DoubleList all = new DoubleList();

    /** An empty table. */
    public CategoryTable() {
    }

    /**
     * Adds one lesion's score.
     *
     * @throws IllegalArgumentException when {@code value} is NaN or infinite
     */
    public CategoryTable add(LesionCategory category, double value) {
        Objects.requireNonNull(category, "category");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("CategoryTable: value for " + category + " is " + value + "; must be finite");
        }
        values.computeIfAbsent(category, c -> new DoubleList()).add(value);
        all.add(value);
        return this;
    }

    /** Number of lesions added. */
    public int lesions() {
        return all.size();
    }

    /** Mean ± std per category that has at least one lesion, in the enum's (Table 3's) order. */
    public Map<LesionCategory, MeanStd> byCategory() {
        EnumMap<LesionCategory, MeanStd> out = new EnumMap<>(LesionCategory.class);
        values.forEach((c, v) -> out.put(c, v.meanStd()));
        return Collections.unmodifiableMap(out);
    }

    /** Mean ± std over all lesions; empty when none was added. */
    public Optional<MeanStd> overall() {
        return all.size() == 0 ? Optional.empty() : Optional.of(all.meanStd());
    }

    /** Mean ± std over the category means (each present category weighs the same); empty when no lesion was added. */
    public Optional<MeanStd> meanOfCategoryMeans() {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        double[] means = values.values().stream().mapToDouble(v -> v.meanStd().mean()).toArray();
        return Optional.of(MeanStd.of(means));
    }
}
