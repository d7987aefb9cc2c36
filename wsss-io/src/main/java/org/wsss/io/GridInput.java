package org.wsss.io;

import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;

/**
 * What the inputs built on {@link GridCases} (NIfTI + CSV, FLARE npz) answer alike: the dataset,
 * and each lesion's volume, label and mark, all held by its {@link GridLesionCase}.
 */
abstract class GridInput implements LesionInput {

    /** The input's cases. */
    abstract GridCases cases();

    @Override
    public LesionDataset dataset() {
        return cases().dataset();
    }

    /** The input's own case of a lesion. */
    final GridLesionCase grid(LesionCase c) {
        return cases().of(c);
    }

    @Override
    public String volumeOf(LesionCase lesion) {
        return grid(lesion).volumeKey();
    }

    @Override
    public int labelOf(LesionCase lesion) {
        return grid(lesion).label();
    }

    @Override
    public String markOf(LesionCase lesion) {
        return grid(lesion).mark().text();
    }
}
