package org.wsss.api;

/**
 * Turns a RECIST mark (and optionally a CNN's probability map) into a {@link SeedMap}: the
 * function S of Sec. 2.1 and 2.3. Implementations are stateless, thread-safe and
 * deterministic; any randomness comes from the input, never from global state.
 *
 * <p>Implementing one takes a single method. A seeder that marks the RECIST bounding box as
 * probable foreground and the rest of a margin around it as background:
 *
 * <pre>{@code
 * public final class BoxSeeds implements SeedGenerator {
 *     public String name() { return "box"; }
 *
 *     public SeedMap generate(SeedInput in) {
 *         Slice s = in.slice();
 *         Recist r = in.recist().validate(s.width(), s.height(), s.spacing());
 *         Roi box = r.boundingBox();
 *         Roi roi = new Roi(box.x() - box.width() / 2, box.y() - box.height() / 2,
 *                 2 * box.width(), 2 * box.height()).clip(s.width(), s.height());
 *         SeedMap.Builder b = SeedMap.builder(roi).fill(SeedLabel.BACKGROUND);
 *         for (int y = box.y(); y < box.endY(); y++)
 *             for (int x = box.x(); x < box.endX(); x++)
 *                 if (roi.contains(x, y)) b.set(x, y, SeedLabel.PROBABLE_FOREGROUND);
 *         return b.provenance(Provenance.of(name(), Map.of())).build();
 *     }
 * }
 * }</pre>
 */
public interface SeedGenerator {

    /** Stable id, used in provenance and on the command line (e.g. {@code "grabcut-r"}). */
    String name();

    /**
     * Seeds for one slice.
     *
     * @throws IllegalArgumentException if the RECIST does not fit the slice or is degenerate,
     *     or the prior's ROI lies outside the slice
     */
    SeedMap generate(SeedInput input);
}
