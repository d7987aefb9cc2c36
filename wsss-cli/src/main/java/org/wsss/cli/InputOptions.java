package org.wsss.cli;

import java.nio.file.Path;
import org.wsss.api.ReadLimits;
import org.wsss.dicom.Dicom;
import org.wsss.io.LesionInput;
import org.wsss.io.LesionInputs;
import picocli.CommandLine.Option;

/**
 * Where the lesions come from: exactly one of the input options. A new input kind adds its
 * option here and one line to {@link #open()}.
 */
final class InputOptions {

    @Option(names = "--deeplesion", paramLabel = "DIR",
            description = "DeepLesion-layout folder (DL_info.csv and Images_png/).")
    Path deeplesion;

    @Option(names = "--nifti-csv", paramLabel = "CSV",
            description = "Marks CSV listing NIfTI volumes (.nii/.nii.gz, paths relative to the CSV) and one RECIST,"
                    + " long axis or box per row (columns: docs/nifti-csv.md).")
    Path niftiCsv;

    @Option(names = "--flare", paramLabel = "DIR",
            description = "Folder of FLARE25 RECIST-to-3D cases (<case>.npz with imgs, spacing, recist).")
    Path flare;

    @Option(names = "--dicom", paramLabel = "DIR", description = "Folder of DICOM CT series (searched recursively;"
            + " implicit or explicit VR little endian). Needs --recist. `segment` also writes one DICOM SEG per series.")
    Path dicom;

    @Option(names = "--recist", paramLabel = "CSV|SR|DIR", description = "With --dicom: the RECIST marks. A CSV, one"
            + " row per lesion with its SOP Instance UID and the four endpoints, in pixels (column, row) or in patient"
            + " mm (columns in the wsss-dicom README); or a DICOM SR measurement report (TID 1500, polylines), or a"
            + " folder of them.")
    Path recist;

    @Option(names = "--cache-volumes", paramLabel = "N",
            description = "--nifti-csv, --flare: volumes held in memory at once (default: --threads).")
    Integer cacheVolumes;

    /**
     * Opens the input given.
     *
     * @throws IllegalArgumentException unless exactly one input option is given
     */
    LesionInput open(int threads) {
        return open(threads, ReadLimits.defaults());
    }

    /** How many of the input options were given. */
    int given() {
        return (deeplesion != null ? 1 : 0) + (niftiCsv != null ? 1 : 0) + (flare != null ? 1 : 0)
                + (dicom != null || recist != null ? 1 : 0);
    }

    /**
     * Opens the input given; the DeepLesion layout is read within {@code limits}.
     *
     * @throws IllegalArgumentException unless exactly one input option is given
     */
    LesionInput open(int threads, ReadLimits limits) {
        int given = given();
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one input: --deeplesion DIR, --nifti-csv CSV, --flare"
                    + " DIR or --dicom DIR --recist CSV" + (given > 1 ? " (got " + given + ")" : ""));
        }
        if (dicom != null || recist != null) {
            if (dicom == null || recist == null) {
                throw new IllegalArgumentException("--dicom and --recist go together");
            }
            return Dicom.lesionInput(dicom, recist);
        }
        int cache = cacheVolumes != null ? cacheVolumes : threads;
        if (cache < 1) {
            throw new IllegalArgumentException("--cache-volumes must be >= 1, got " + cache);
        }
        if (deeplesion != null) {
            return LesionInputs.deepLesion(deeplesion, limits);
        }
        if (niftiCsv != null) {
            return LesionInputs.niftiCsv(niftiCsv, cache);
        }
        return LesionInputs.flareNpz(flare, cache);
    }
}
