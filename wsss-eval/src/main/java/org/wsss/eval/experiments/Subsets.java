package org.wsss.eval.experiments;

import java.util.List;
import java.util.stream.IntStream;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Split;
import org.wsss.api.WsssIoException;

/** Parts of a dataset, fetched lazily from it. */
public final class Subsets {

    private Subsets() {
    }

    /** The first {@code max} cases of {@code split}, in order. */
    public static LesionDataset firstOf(LesionDataset data, Split split, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, got " + max);
        }
        // Indices, not cases: a case may cache its pixels, and a subset should not pin them.
        int[] idx = IntStream.range(0, data.size()).filter(i -> data.get(i).split() == split).limit(max).toArray();
        return new LesionDataset() {
            @Override
            public int size() {
                return idx.length;
            }

            @Override
            public LesionCase get(int i) {
                return data.get(idx[i]);
            }

            @Override
            public List<WsssIoException> problems() {
                return data.problems();
            }
        };
    }
}
