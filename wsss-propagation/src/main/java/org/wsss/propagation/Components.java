package org.wsss.propagation;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.MaskRefiner;
import org.wsss.api.RecistPropagator;
import org.wsss.api.SeedGenerator;
import org.wsss.grabcut.MaskRefiners;
import org.wsss.grabcut.SeedGenerators;
import org.wsss.grabcut.opencv.GrabCutConfig;
import org.wsss.grabcut.seeds.CnnSeedsConfig;
import org.wsss.grabcut.seeds.GrabCutRConfig;
import org.wsss.propagation.geometry.Propagation;
import org.wsss.propagation.geometry.PropagationConfig;

/**
 * The swappable parts of the slice-propagation pipelines (WSSS training, 3D inference,
 * GrabCut-3DE), held as values so a researcher can replace any of them end to end:
 *
 * <ul>
 *   <li>{@code initialMask}: the step-0 mask Y on the RECIST slice (Sec. 2.1; Table 1's methods).
 *       Read by WSSS training (labels of the RECIST slices) and GrabCut-3DE (its RECIST-slice
 *       mask); 3D inference segments the RECIST slice with the network instead.</li>
 *   <li>{@code seeds}: the off-slice seed generator S(·, R̂, R) (Sec. 2.3). It gets the slice, the
 *       propagated mark R̂, the original mark R as {@link org.wsss.api.SeedInput#reference()} and,
 *       in the pipelines that have a network, its map Ŷ as the prior.</li>
 *   <li>{@code refiner}: turns off-slice seeds into a mask (GrabCut by default).</li>
 *   <li>{@code propagator}: R → R̂ on another slice, empty past the lesion's extent (Sec. 2.3).</li>
 * </ul>
 *
 * <p>Start from {@link #forNetwork} or {@link #forGrabCut3de} (today's defaults) and replace
 * parts with the {@code with*} methods:
 *
 * <pre>{@code
 * RecistPropagator flatter = (r, target, sp) -> Propagation.pythagorean()
 *         .propagate(r, r.sliceIndex() + 2 * (target - r.sliceIndex()), sp).map(m -> m.withSliceIndex(target));
 * Components parts = Components.forNetwork().withSeeds(mySeeder).withPropagator(flatter);
 * WsssResult run = Wsss.train(dataset, WsssConfig.defaults(), WsssListener.none(), parts);
 * LesionSegmenter seg = LesionSegmenters.hnnGc(run.model(), InferenceConfig.defaults(), parts);
 * }</pre>
 *
 * @param initialMask the RECIST-slice method
 * @param seeds the off-slice seed generator
 * @param refiner the off-slice refiner
 * @param propagator the RECIST propagation
 */
public record Components(InitialMaskMethod initialMask, SeedGenerator seeds, MaskRefiner refiner,
                         RecistPropagator propagator) {

    /** Validates that no part is null. */
    public Components {
        Objects.requireNonNull(initialMask, "initialMask");
        Objects.requireNonNull(seeds, "seeds");
        Objects.requireNonNull(refiner, "refiner");
        Objects.requireNonNull(propagator, "propagator");
    }

    /**
     * The defaults of the pipelines with a network: GrabCut-R on the RECIST slice, S(Ŷ, R̂, R)
     * seeds ({@link SeedGenerators#cnnPropagated}) and GrabCut off it, the Pythagorean
     * propagation.
     */
    public static Components forNetwork(PropagationConfig propagation, CnnSeedsConfig seeds, GrabCutConfig grabCut) {
        MaskRefiner refiner = MaskRefiners.grabCut(grabCut);
        return new Components(InitialMaskMethod.of("grabcut-r", SeedGenerators.grabcutR(), refiner),
                SeedGenerators.cnnPropagated(seeds), refiner, Propagation.pythagorean(propagation));
    }

    /** {@link #forNetwork(PropagationConfig, CnnSeedsConfig, GrabCutConfig)} with every part's defaults. */
    public static Components forNetwork() {
        return forNetwork(PropagationConfig.defaults(), CnnSeedsConfig.defaults(), GrabCutConfig.defaults());
    }

    /**
     * The defaults of GrabCut-3DE: GrabCut-R seeds of R (on the RECIST slice) and of R̂ (off it),
     * GrabCut, the Pythagorean propagation.
     */
    public static Components forGrabCut3de(PropagationConfig propagation, GrabCutRConfig seeds, GrabCutConfig grabCut) {
        MaskRefiner refiner = MaskRefiners.grabCut(grabCut);
        SeedGenerator s = SeedGenerators.grabcutR(seeds);
        return new Components(InitialMaskMethod.of("grabcut-r", s, refiner), s, refiner,
                Propagation.pythagorean(propagation));
    }

    /** These parts with {@code initialMask} on the RECIST slice. */
    public Components withInitialMask(InitialMaskMethod initialMask) {
        return new Components(initialMask, seeds, refiner, propagator);
    }

    /** These parts with {@code seeds} off the RECIST slice. */
    public Components withSeeds(SeedGenerator seeds) {
        return new Components(initialMask, seeds, refiner, propagator);
    }

    /** These parts with {@code refiner} off the RECIST slice. */
    public Components withRefiner(MaskRefiner refiner) {
        return new Components(initialMask, seeds, refiner, propagator);
    }

    /** These parts with {@code propagator}. */
    public Components withPropagator(RecistPropagator propagator) {
        return new Components(initialMask, seeds, refiner, propagator);
    }

    /**
     * The parts as provenance parameters ({@code initialMask}, {@code seeds}, {@code refiner},
     * {@code propagation}): each part's {@code toString()} where its class defines one (the
     * SDK's parts print their configuration), else its {@code name()}.
     */
    public Map<String, String> provenance() {
        Map<String, String> m = new TreeMap<>();
        m.put("initialMask", describe(initialMask, initialMask.name()));
        m.put("seeds", describe(seeds, seeds.name()));
        m.put("refiner", describe(refiner, refiner.name()));
        m.put("propagation", describe(propagator, propagator.getClass().getSimpleName()));
        return m;
    }

    private static String describe(Object part, String name) {
        try {
            boolean own = part.getClass().getMethod("toString").getDeclaringClass() != Object.class;
            return own ? part.toString() : name;
        } catch (NoSuchMethodException e) {
            return name;
        }
    }

    @Override
    public String toString() {
        return provenance().toString();
    }
}
