package org.wsss.spark;

import java.io.Serializable;
import org.wsss.eval.jobs.LesionRow;

/**
 * What happened to one lesion on an executor, sent back to the driver.
 *
 * @param lesion case id
 * @param row its {@code DL_info.csv} row
 * @param status done, skipped (a valid output existed) or failed
 * @param reason why it failed (one line, naming the dataset's files), else null
 * @param lesionRow its row of the lesions table, or null for jobs without one
 * @param stageNanos fetching the series (copy or link) and parsing its rows, on the lesion that paid it
 * @param readNanos reading and decoding slices
 * @param computeNanos computing the mask, reading excluded
 * @param writeNanos writing the mask, reading it back (and publishing it on a cluster file system)
 * @param measureNanos measuring the mask for the lesions table (volume, RECIST)
 * @param setupNanos building the method or loading the model, on the lesion that paid it
 */
record LesionOutcome(String lesion, int row, Status status, String reason, LesionRow lesionRow, long stageNanos,
                     long readNanos, long computeNanos, long writeNanos, long measureNanos,
                     long setupNanos) implements Serializable {

    enum Status { DONE, SKIPPED, FAILED }
}
