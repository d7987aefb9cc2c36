package org.wsss.hnn.model;

import java.util.Locale;
import org.wsss.hnn.internal.HnnNetwork;
import org.wsss.hnn.internal.WeakLoss;

/**
 * The network family an {@link HnnConfig} describes. Both share the input pipeline, the loss
 * path ({@link org.wsss.hnn.internal.WeakLoss}), the trainer and the model file; they differ in the
 * graph {@link HnnNetwork} builds.
 *
 * <ul>
 *   <li>{@link #HNN}: the holistically nested network of Sec. 2.2 / 3.2 (side outputs, fused
 *       output, deep supervision).</li>
 *   <li>{@link #UNET}: the UNet baseline of Table 2 (Ronneberger et al. 2015): the same encoder
 *       stages, a decoder with skip connections, one output.</li>
 * </ul>
 */
public enum Architecture {
    /** Holistically nested network. */
    HNN,
    /** UNet baseline. */
    UNET;

    /** The name stored in model files and provenance: {@code hnn} or {@code unet}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The architecture called {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Architecture byId(String id) {
        for (Architecture a : values()) {
            if (a.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + id + "'; known: hnn, unet");
    }
}
