package org.wsss.propagation.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.propagation.Components;
import org.wsss.propagation.assembly.Assembly;
import org.wsss.propagation.geometry.Propagation;

/**
 * GrabCut-3DE, the baseline of Sec. 3.3 and Fig. 2a: GrabCut on every slice, seeded from the
 * propagated RECIST R̂ alone (no network). Every part (RECIST-slice method, seeds, refiner,
 * propagation) can be replaced through {@link Components}; the defaults are described here. From the RECIST slice outwards on each side, slice by
 * slice over the case's stored slices: R̂ by the Pythagorean propagation
 * ({@link Propagation#pythagorean}), GrabCut-R seeds of R̂ (Sec. 2.1), GrabCut. A side stops at
 * the first slice where R̂ is empty (past the lesion's assumed z extent) or at the last stored
 * slice. The slice masks are stacked on the grid of {@link LesionCase#sliceIndices()} and only
 * the 3D component through the RECIST-slice mask is kept ({@link Assembly#keepConnectedTo}),
 * so the result is never empty (the RECIST-slice mask holds its hard FG seeds). Last, each side
 * is cut where the lesion's intensity ends ({@link GrabCut3deConfig#intensityStop()}) and every
 * slice trimmed to the lesion's HU range ({@link GrabCut3deConfig#intensityTrim()}).
 *
 * <p>Provenance: method {@code grabcut-3de}, the mark and configuration as parameters, notes on
 * the segmented range, where and why each side stopped, and any slice whose GrabCut fell back
 * to its seeds; the parent is the RECIST-slice mask's provenance (GrabCut, then GrabCut-R seeds
 * of R).
 *
 * <p>Slice gaps (a folder that holds only some slices) are handled by propagating to each stored
 * slice's own index: the offset in mm is the index difference times the z spacing.
 *
 * <p><b>Deviations from the paper.</b> The paper does not say when GrabCut-3DE stops or how the
 * slices are joined; here the propagated extent ends it, the connected component through the
 * RECIST slice is kept, and the SDK's intensity stop cuts it where the lesion's HU range ends. Stateless and thread-safe.
 */
public final class GrabCut3de implements LesionSegmenter {

    private final GrabCut3deConfig config;
    private final Components parts;

    /** The baseline with {@code config} and its default parts ({@link Components#forGrabCut3de}). */
    public GrabCut3de(GrabCut3deConfig config) {
        this(config, Components.forGrabCut3de(config.propagation(), config.seeds(), config.grabCut()));
    }

    /**
     * The baseline with {@code parts} in place of the defaults: {@code initialMask} makes the
     * RECIST-slice mask, {@code seeds} of R̂ (with R as reference, no prior) and {@code refiner}
     * the other slices, {@code propagator} gives R̂. Of {@code config} only the connectivity is
     * read, and its intensity stop; its propagation, seed and GrabCut settings are those of the
     * default parts.
     */
    public GrabCut3de(GrabCut3deConfig config, Components parts) {
        this.config = Objects.requireNonNull(config, "config");
        this.parts = Objects.requireNonNull(parts, "parts");
    }

    /**
     * The 3D mask of {@code lesion}.
     *
     * @throws IllegalArgumentException if the RECIST slice is not stored, or a mark does not fit
     *     its slice (the message names the case and the slice)
     * @throws org.wsss.api.WsssIoException if a slice cannot be read
     */
    @Override
    public Mask3D segment(LesionCase lesion) {
        Objects.requireNonNull(lesion, "lesion");
        Recist r = lesion.recist();
        int[] indices = lesion.sliceIndices();
        int key = lesion.zOf(r.sliceIndex());
        if (key < 0) {
            throw new IllegalArgumentException("case " + lesion.id() + ": RECIST slice " + r.sliceIndex()
                    + " is not among its stored slices");
        }
        List<String> notes = new ArrayList<>();
        Mask[] masks = new Mask[indices.length];
        Slice[] read = new Slice[indices.length];
        read[key] = lesion.slice(r.sliceIndex());
        Mask keyMask = keySlice(lesion, read[key], r);
        masks[key] = keyMask;
        int[] last = {key, key};
        for (int side = 0; side < 2; side++) {
            int step = side == 0 ? -1 : 1;
            String where = side == 0 ? "below" : "above";
            int z = key + step;
            for (; z >= 0 && z < indices.length; z += step) {
                Optional<Recist> rHat = parts.propagator().propagate(r, indices[z], lesion.spacing());
                if (rHat.isEmpty()) {
                    notes.add(String.format(Locale.ROOT, "%s: stopped at slice %d (%.2f mm from the RECIST slice), "
                            + "past the propagated extent", where, indices[z],
                            Math.abs(indices[z] - r.sliceIndex()) * lesion.spacing().z()));
                    break;
                }
                read[z] = lesion.slice(indices[z]);
                masks[z] = segmentSlice(lesion, read[z], indices[z], rHat.get());
                last[side] = z;
            }
            if (z < 0 || z >= indices.length) {
                notes.add(where + ": reached the last stored slice " + indices[z - step]);
            }
        }
        Mask3D.Builder b = Mask3D.builder(lesion.width(), lesion.height(), indices.length, lesion.spacing());
        for (int z = last[0]; z <= last[1]; z++) {
            b.setSlice(z, masks[z]);
            for (String n : masks[z].provenance().notes()) {
                if (n.startsWith("fallback")) {
                    notes.add("slice " + indices[z] + ": " + n);
                }
            }
        }
        notes.add(0, "segmented slices " + indices[last[0]] + ".." + indices[last[1]] + " ("
                + (last[1] - last[0] + 1) + " of " + indices.length + " stored)");
        Provenance p = Provenance.of("grabcut-3de", parameters(r)).withParent(keyMask.provenance());
        for (String n : notes) {
            p = p.withNote(n);
        }
        Mask3D kept = Assembly.keepConnectedTo(b.provenance(p).build(), key, keyMask, config.connectivity());
        // every slice the mask can hold was read above
        // the RECIST-slice mask is the initial mask, so either range source reads the same pixels
        Mask3D stopped = config.intensityStop().apply(kept, key, z -> read[z], z -> indices[z], keyMask);
        return config.intensityTrim().apply(stopped, key, z -> read[z]);
    }

    /** The initial-mask method on the RECIST slice; bad input named by case and slice. */
    private Mask keySlice(LesionCase lesion, Slice s, Recist r) {
        try {
            return parts.initialMask().segment(s, r, lesion.window());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("case " + lesion.id() + ", slice " + r.sliceIndex() + ": " + e.getMessage(), e);
        }
    }

    /** Seeds of {@code rHat} and the refiner on slice {@code sliceIndex}; bad input named by case and slice. */
    private Mask segmentSlice(LesionCase lesion, Slice s, int sliceIndex, Recist rHat) {
        try {
            SeedMap sm = parts.seeds().generate(SeedInput.of(s, rHat).withReference(lesion.recist()));
            return parts.refiner().refine(s, sm, lesion.window());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("case " + lesion.id() + ", slice " + sliceIndex + ": " + e.getMessage(), e);
        }
    }

    private Map<String, String> parameters(Recist r) {
        Map<String, String> m = new TreeMap<>();
        m.put("recist", r.toString());
        m.putAll(parts.provenance());
        m.put("connectivity", config.connectivity().name());
        m.put("intensityStop", config.intensityStop().toString());
        m.put("intensityTrim", config.intensityTrim().toString());
        return m;
    }
}
