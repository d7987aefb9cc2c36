package org.wsss.hnn.model;

import org.wsss.hnn.internal.HnnNetwork;

/**
 * Which implementation computes an {@link HnnNetwork}'s loss gradients
 * ({@link HnnNetwork#gradients}). Both compute the same function; they differ in speed and in
 * what they cover.
 *
 * <ul>
 *   <li>{@link #SAMEDIFF}: the network's SameDiff graph, differentiated by SameDiff. Float and
 *       double precision (the gradient checks run on it).</li>
 *   <li>{@link #ONEDNN}: a pass written on oneDNN primitives ({@code DnnlHnnPass}), faster per
 *       training step (figures in wsss-hnn/README.md); float precision, on a platform whose
 *       oneDNN natives load.</li>
 *   <li>{@link #AUTO} (the default): {@link #ONEDNN} where it applies, else {@link #SAMEDIFF}.</li>
 * </ul>
 */
public enum GradientEngine {
    /** oneDNN where it applies, SameDiff elsewhere. */
    AUTO,
    /** The oneDNN pass (float). */
    ONEDNN,
    /** The SameDiff graph. */
    SAMEDIFF
}
