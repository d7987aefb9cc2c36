package org.wsss.api;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * An indexed collection of {@link LesionCase}s: a DeepLesion folder or a phantom. Opening one
 * reads metadata only. Rows that could not be parsed are skipped and listed in
 * {@link #problems()}, so one bad row never hides the others.
 */
public interface LesionDataset extends Iterable<LesionCase> {

    /** A dataset of the given cases (copied), with no problems. */
    static LesionDataset of(List<? extends LesionCase> cases) {
        return of(cases, List.of());
    }

    /** A dataset of the given cases and skipped-row problems (both copied). */
    static LesionDataset of(List<? extends LesionCase> cases, List<WsssIoException> problems) {
        List<LesionCase> c = List.copyOf(cases);
        List<WsssIoException> p = List.copyOf(problems);
        return new LesionDataset() {
            @Override
            public int size() {
                return c.size();
            }

            @Override
            public LesionCase get(int i) {
                return c.get(i);
            }

            @Override
            public List<WsssIoException> problems() {
                return p;
            }
        };
    }

    /** Number of usable cases. */
    int size();

    /** Case {@code i}, 0 ≤ i < size(). */
    LesionCase get(int i);

    /** Rows that were skipped, with the reason. */
    List<WsssIoException> problems();

    /** The cases in order. */
    default Stream<LesionCase> stream() {
        return IntStream.range(0, size()).mapToObj(this::get);
    }

    /** The cases of one split, in order. */
    default Stream<LesionCase> split(Split s) {
        return stream().filter(c -> c.split() == s);
    }

    @Override
    default Iterator<LesionCase> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < size();
            }

            @Override
            public LesionCase next() {
                if (i >= size()) {
                    throw new NoSuchElementException();
                }
                return get(i++);
            }
        };
    }
}
