package org.wsss.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** How {@link DeepLesionSource#pack} spreads lesion references over partitions. */
class PackProperties {

    @Property(tries = 200)
    void everySeriesLiesWholeInOnePartitionAndPartitionsAreBalanced(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 9) Integer> seriesOfRow,
            @ForAll @IntRange(min = 1, max = 8) int partitions) {
        List<LesionRef> refs = new ArrayList<>();
        for (int row = 0; row < seriesOfRow.size(); row++) {
            refs.add(new LesionRef("c" + row, row + 2, "s" + seriesOfRow.get(row), 1, ""));
        }
        List<List<LesionRef>> parts = DeepLesionSource.pack(refs, partitions);

        Set<String> series = new HashSet<>();
        refs.forEach(r -> series.add(r.getSeries()));
        assertEquals(Math.max(1, Math.min(partitions, series.size())), parts.size());
        Map<String, Integer> partOf = new HashMap<>();
        int total = 0;
        for (int p = 0; p < parts.size(); p++) {
            List<LesionRef> part = parts.get(p);
            total += part.size();
            List<LesionRef> sorted = new ArrayList<>(part);
            sorted.sort(Comparator.comparing(LesionRef::getSeries).thenComparingInt(LesionRef::getRow));
            assertEquals(sorted, part, "sorted by series and row");
            for (LesionRef r : part) {
                Integer before = partOf.put(r.getSeries(), p);
                assertTrue(before == null || before == p, "series " + r.getSeries() + " split over partitions");
            }
        }
        assertEquals(refs.size(), total, "every reference once");
        int largestSeries = series.stream().mapToInt(s -> (int) refs.stream().filter(r -> r.getSeries().equals(s))
                .count()).max().orElse(0);
        int max = parts.stream().mapToInt(List::size).max().orElse(0);
        int min = parts.stream().mapToInt(List::size).min().orElse(0);
        assertTrue(max - min <= largestSeries, "balanced: " + max + " vs " + min);
    }
}
