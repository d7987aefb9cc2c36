package org.wsss.dicom;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.wsss.api.WsssIoException;

/**
 * What {@link Dicom#read} found in a folder: the CT series it could read, one error per series
 * (or file) it could not, and the files that are not DICOM images (ignored).
 *
 * @param series readable CT series, ordered by Series Instance UID
 * @param problems one per refused series or unattributable file; each message names the series
 *     and the file at fault
 * @param ignored files that are not DICOM Part 10 files or hold no image (DICOMDIR, SEG, SR)
 */
public record DicomStudy(List<CtSeries> series, List<WsssIoException> problems, List<Path> ignored) {

    public DicomStudy {
        series = List.copyOf(series);
        problems = List.copyOf(problems);
        ignored = List.copyOf(ignored);
    }

    /** The series with this Series Instance UID, if it was read. */
    public Optional<CtSeries> series(String seriesInstanceUid) {
        return series.stream().filter(s -> s.seriesInstanceUid().equals(seriesInstanceUid)).findFirst();
    }

    /** The series that holds this SOP Instance UID, if it was read. */
    public Optional<CtSeries> seriesOf(String sopInstanceUid) {
        return series.stream().filter(s -> s.zOf(sopInstanceUid) >= 0).findFirst();
    }
}
