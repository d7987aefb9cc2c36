package org.wsss.hnn.model;

import java.util.Objects;

import org.wsss.api.Provenance;
import org.wsss.api.Window;

/**
 * What a trained model needs besides its weights to be used and trusted: the architecture
 * (input size included), the HU window to use when a case carries none, and the provenance of
 * its training (method, data description, hyper-parameters, seed, SDK version).
 *
 * @param config the architecture
 * @param defaultWindow window for cases without one of their own
 * @param provenance how the model was made
 * @param calibration applied to the fused output before it is returned ({@link Calibration})
 * @param recistCalibration the calibration fitted on the validation lesions' RECIST slices alone,
 *     which {@link HnnModel#recistCalibrated()} applies instead; the same as {@code calibration}
 *     unless the model was validated on other slices too (off-slice validation of WSSS-k)
 */
public record ModelInfo(HnnConfig config, Window defaultWindow, Provenance provenance, Calibration calibration,
                        Calibration recistCalibration) {

    /** Null checks. */
    public ModelInfo {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(defaultWindow, "defaultWindow");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(recistCalibration, "recistCalibration");
    }

    /** Metadata with one calibration for every use. */
    public ModelInfo(HnnConfig config, Window defaultWindow, Provenance provenance, Calibration calibration) {
        this(config, defaultWindow, provenance, calibration, calibration);
    }

    /** Metadata of an uncalibrated model. */
    public ModelInfo(HnnConfig config, Window defaultWindow, Provenance provenance) {
        this(config, defaultWindow, provenance, Calibration.identity());
    }

    /** The same with another provenance. */
    public ModelInfo withProvenance(Provenance p) {
        return new ModelInfo(config, defaultWindow, p, calibration, recistCalibration);
    }

    /** The same with {@code c} as both calibrations. */
    public ModelInfo withCalibration(Calibration c) {
        return new ModelInfo(config, defaultWindow, provenance, c, c);
    }

    /** The same with another RECIST-slice calibration. */
    public ModelInfo withRecistCalibration(Calibration c) {
        return new ModelInfo(config, defaultWindow, provenance, calibration, c);
    }
}
