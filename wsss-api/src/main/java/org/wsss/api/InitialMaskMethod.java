package org.wsss.api;

import java.util.Objects;

/**
 * A method of Table 1 that makes the initial RECIST-slice mask Y: a named pair of a
 * {@link SeedGenerator} and a {@link MaskRefiner} (GrabCut-R = RECIST seeds + GrabCut,
 * DCRF = box-i seeds + dense CRF, RECIST-D = dilated RECIST + identity). Any seeder pairs with
 * any refiner through {@link #of}.
 */
public interface InitialMaskMethod {

    /** Stable id, e.g. {@code "grabcut-r"}. */
    String name();

    /** The mask of the lesion marked by {@code recist} on {@code slice}. */
    Mask segment(Slice slice, Recist recist, Window window);

    /** A method that runs {@code seeds} then {@code refiner}. */
    static InitialMaskMethod of(String name, SeedGenerator seeds, MaskRefiner refiner) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(seeds, "seeds");
        Objects.requireNonNull(refiner, "refiner");
        return new InitialMaskMethod() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Mask segment(Slice slice, Recist recist, Window window) {
                return refiner.refine(slice, seeds.generate(SeedInput.of(slice, recist)), window);
            }

            @Override
            public String toString() {
                return name + "[" + seeds.name() + " + " + refiner.name() + "]";
            }
        };
    }
}
