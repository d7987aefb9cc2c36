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
 */
public record ModelInfo(HnnConfig config, Window defaultWindow, Provenance provenance) {

    /** Null checks. */
    public ModelInfo {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(defaultWindow, "defaultWindow");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** The same with another provenance. */
    public ModelInfo withProvenance(Provenance p) {
        return new ModelInfo(config, defaultWindow, p);
    }
}
