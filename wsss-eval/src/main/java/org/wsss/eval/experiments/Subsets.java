package org.wsss.eval.experiments;

import java.util.List;
import java.util.stream.Collectors;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Split;
import org.wsss.api.WsssIoException;

/** Views of a dataset restricted to part of it (cases are fetched lazily, as the source does). */
public final class Subsets {

    private Subsets() {
    }

    /** The first {@code max} cases of {@code split}, in order. */
    public static LesionDataset firstOf(LesionDataset data, Split split, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, got " + max);
        }
        List<Integer> idx = java.util.stream.IntStream.range(0, data.size())
                .filter(i -> data.get(i).split() == split).limit(max).boxed().collect(Collectors.toList());
        return new LesionDataset() {
            @Override
            public int size() {
                return idx.size();
            }

            @Override
            public LesionCase get(int i) {
                return data.get(idx.get(i));
            }

            @Override
            public List<WsssIoException> problems() {
                return data.problems();
            }
        };
    }
}
