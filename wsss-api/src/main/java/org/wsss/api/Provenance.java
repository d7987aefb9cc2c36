package org.wsss.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What made a mask, map or model: the method's stable id, its configuration as string pairs,
 * the random seed, the SDK version, notes on anything out of the ordinary (e.g. a refiner that
 * fell back to its seeds), and the provenance of the input it was derived from — so a
 * slice-propagated mask chains back to the RECIST mark it started from. Immutable.
 *
 * @param method stable id of the method, e.g. {@code "grabcut-r"}
 * @param parameters configuration, sorted by key
 * @param seed random seed used, or {@link #NO_SEED} for deterministic methods
 * @param sdkVersion version of the SDK that produced it
 * @param notes events worth knowing, in order
 * @param parent provenance of the input this was derived from, or {@code null}
 */
public record Provenance(String method, Map<String, String> parameters, long seed, String sdkVersion,
                         List<String> notes, Provenance parent) {

    /** Marker for "no randomness involved". */
    public static final long NO_SEED = Long.MIN_VALUE;

    /** Provenance of data not produced by the SDK (read from disk, drawn by hand). */
    public static final Provenance NONE = new Provenance("none", Map.of(), NO_SEED, SdkVersion.get(), List.of(), null);

    /** Copies and validates. */
    public Provenance {
        Objects.requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("Provenance method must not be blank");
        }
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
        notes = List.copyOf(notes);
        Objects.requireNonNull(sdkVersion, "sdkVersion");
    }

    /** Provenance of {@code method} with {@code parameters} and no randomness, this SDK's version. */
    public static Provenance of(String method, Map<String, String> parameters) {
        return new Provenance(method, parameters, NO_SEED, SdkVersion.get(), List.of(), null);
    }

    /** The same with a seed. */
    public Provenance withSeed(long s) {
        return new Provenance(method, parameters, s, sdkVersion, notes, parent);
    }

    /** The same with one more note. */
    public Provenance withNote(String note) {
        List<String> n = new ArrayList<>(notes);
        n.add(note);
        return new Provenance(method, parameters, seed, sdkVersion, n, parent);
    }

    /** The same, derived from {@code p}. */
    public Provenance withParent(Provenance p) {
        return new Provenance(method, parameters, seed, sdkVersion, notes, p);
    }

    /** Whether a seed was recorded. */
    public boolean hasSeed() {
        return seed != NO_SEED;
    }
}
