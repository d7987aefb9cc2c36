package org.wsss.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SeedGenerator} sees: the slice, the (possibly propagated) RECIST on it, and
 * optionally a network's probability map of the slice and the original RECIST the mark was
 * propagated from (Sec. 2.3's S(Ŷ, R̂, R)).
 *
 * @param slice the CT slice
 * @param recist the mark on this slice (R, or R̂ off the RECIST slice)
 * @param prior a CNN probability map of this slice (Ŷ), if any
 * @param reference the original RECIST-slice mark (R) when {@code recist} was propagated
 */
public record SeedInput(Slice slice, Recist recist, Optional<ProbabilityMap> prior, Optional<Recist> reference) {

    /** Rejects nulls. */
    public SeedInput {
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(recist, "recist");
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(reference, "reference");
    }

    /** Input of Sec. 2.1: a slice and its RECIST. */
    public static SeedInput of(Slice slice, Recist recist) {
        return new SeedInput(slice, recist, Optional.empty(), Optional.empty());
    }

    /** The same with a CNN probability map. */
    public SeedInput withPrior(ProbabilityMap p) {
        return new SeedInput(slice, recist, Optional.of(p), reference);
    }

    /** The same with the original RECIST-slice mark. */
    public SeedInput withReference(Recist r) {
        return new SeedInput(slice, recist, prior, Optional.of(r));
    }
}
