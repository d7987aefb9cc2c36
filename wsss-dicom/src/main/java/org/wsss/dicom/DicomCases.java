package org.wsss.dicom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsss.api.LesionDataset;

/**
 * The lesions of a DICOM study ready to segment ({@link Dicom#cases}): one
 * {@link org.wsss.api.VolumeLesionCase} per readable mark, and which series each lies in, so
 * that the masks can be written back as one Segmentation per series.
 *
 * @param dataset the cases (slice index = z of the series, sorted along the normal), with a
 *     problem per unreadable series, bad CSV row or mark that cannot be placed
 * @param seriesOfLesion lesion id to its series, in dataset order
 */
public record DicomCases(LesionDataset dataset, Map<String, CtSeries> seriesOfLesion) {

    public DicomCases {
        seriesOfLesion = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(seriesOfLesion));
    }

    /** The series of lesion {@code id}. */
    public CtSeries seriesOf(String id) {
        CtSeries s = seriesOfLesion.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no lesion " + id + " in these cases");
        }
        return s;
    }

    /** The series that hold at least one lesion, in order of their first lesion. */
    public List<CtSeries> series() {
        List<CtSeries> out = new ArrayList<>();
        for (CtSeries s : seriesOfLesion.values()) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
