package org.wsss.propagation.wsss;

import java.util.List;
import org.wsss.hnn.model.HnnModel;

/**
 * What a WSSS-k run produced: the trained model (the caller closes it) and one summary per step.
 *
 * @param model the network after the last step
 * @param steps steps 0..(k − 1)/2 in order
 */
public record WsssResult(HnnModel model, List<WsssStep> steps) {

    /** Copies the list. */
    public WsssResult {
        steps = List.copyOf(steps);
    }
}
