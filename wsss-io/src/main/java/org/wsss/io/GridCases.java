package org.wsss.io;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.WsssIoException;

/**
 * The cases an input read onto the axial grid, found again by id (so a case wrapped by a caller,
 * e.g. long-axis-only, still finds its volume, label and mark): the part the NIfTI + CSV and FLARE
 * inputs share.
 */
final class GridCases {

    private final LesionDataset dataset;
    private final Map<String, GridLesionCase> byId = new HashMap<>();

    GridCases(List<GridLesionCase> cases, List<WsssIoException> problems) {
        this.dataset = LesionDataset.of(cases, problems);
        for (GridLesionCase c : cases) {
            byId.put(c.id(), c);
        }
    }

    LesionDataset dataset() {
        return dataset;
    }

    /**
     * The input's own case of a lesion.
     *
     * @throws IllegalArgumentException if the lesion is not from this input
     */
    GridLesionCase of(LesionCase c) {
        GridLesionCase g = byId.get(c.id());
        if (g == null) {
            throw new IllegalArgumentException("lesion " + c.id() + " is not from this input");
        }
        return g;
    }
}
