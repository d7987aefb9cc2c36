package org.wsss.propagation.wsss;

import java.nio.file.Path;
import java.util.List;

/**
 * One step of a WSSS-k run.
 *
 * @param step 0 for the RECIST slices, j for slices r ± j
 * @param examples training examples after the step's labels were added (all steps so far)
 * @param added examples this step added
 * @param skipped slices of this step that were not labelled: not stored, beyond R̂'s extent, or failed
 * @param seedFallbacks added labels whose seeds fell back to GrabCut-R seeds of the mark (no
 *     confident CNN foreground on R̂; 0 in step 0, which uses GrabCut-R throughout)
 * @param epochs epochs trained in this step (0 if it was restored from its checkpoint)
 * @param trainLoss mean training loss of the last epoch (NaN if restored)
 * @param validationLoss validation loss of the last epoch (NaN if restored or without validation cases)
 * @param seconds wall time of the step (labels and training)
 * @param checkpoint the model file of the step, or {@code null} without a checkpoint directory
 * @param restored whether the step's model was loaded from its checkpoint rather than trained
 * @param problems lesions that failed in this step (case id, slice and reason), skipped
 */
public record WsssStep(int step, int examples, int added, int skipped, int seedFallbacks, int epochs, double trainLoss,
                       double validationLoss, double seconds, Path checkpoint, boolean restored, List<String> problems) {

    /** Copies the problem list. */
    public WsssStep {
        problems = List.copyOf(problems);
    }
}
