package org.wsss.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionSegmenter;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.RecistPropagator;
import org.wsss.api.SeedGenerator;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedMap;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.grabcut.InitialMasks;
import org.wsss.grabcut.SeedGenerators;
import org.wsss.hnn.loss.AlphaBetaSchedule;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.Augmentation;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.propagation.baseline.EllipsoidCase;
import org.wsss.propagation.baseline.GrabCut3deConfig;
import org.wsss.propagation.geometry.Propagation;
import org.wsss.propagation.inference.InferenceConfig;
import org.wsss.propagation.wsss.WsssConfig;
import org.wsss.propagation.wsss.WsssListener;
import org.wsss.propagation.wsss.WsssResult;

/**
 * A researcher's own RECIST-slice method, off-slice seeder and propagator reach all three
 * pipelines (WSSS training, 3D inference, GrabCut-3DE): each is called, named in the provenance,
 * and changes the result. The propagator assumes a flatter lesion (R̂ of twice the offset), so
 * the 3D masks it drives must span fewer slices than the defaults' on the same ellipsoid.
 */
class ComponentsReachTest {

    static final VoxelSpacing SP = new VoxelSpacing(0.8, 0.8, 2.5);
    static final int[] INDICES = IntStream.rangeClosed(40, 60).toArray();

    /** Counts calls and delegates. */
    static final class CountingSeeds implements SeedGenerator {
        final SeedGenerator inner;
        final AtomicInteger calls = new AtomicInteger();

        CountingSeeds(SeedGenerator inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "counting-seeds";
        }

        @Override
        public SeedMap generate(SeedInput input) {
            calls.incrementAndGet();
            return inner.generate(input);
        }
    }

    /** R̂ at twice the real offset: a lesion half as deep as the default model assumes. */
    static final class FlatterPropagator implements RecistPropagator {
        final RecistPropagator inner = Propagation.pythagorean();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Optional<Recist> propagate(Recist r, int target, VoxelSpacing spacing) {
            calls.incrementAndGet();
            return inner.propagate(r, r.sliceIndex() + 2 * (target - r.sliceIndex()), spacing)
                    .map(m -> m.withSliceIndex(target));
        }

        @Override
        public String toString() {
            return "flatter";
        }
    }

    /** GrabCut-R, counted. */
    static final class CountingInitial implements InitialMaskMethod {
        final InitialMaskMethod inner = InitialMasks.grabCutR();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "counting-initial";
        }

        @Override
        public Mask segment(Slice slice, Recist recist, Window window) {
            calls.incrementAndGet();
            return inner.segment(slice, recist, window);
        }

        @Override
        public String toString() {
            return name();
        }
    }

    static EllipsoidCase ellipsoid(long seed) {
        return new EllipsoidCase(64, SP, INDICES, 32, 31, 50, 11, 9, 11, 120f, 20f, 15f, seed);
    }

    static int slicesSpanned(Mask3D m) {
        int n = 0;
        for (int z = 0; z < m.depth(); z++) {
            n += m.slice(z).isEmpty() ? 0 : 1;
        }
        return n;
    }

    @Test
    void customPartsReachGrabCut3de() {
        EllipsoidCase c = ellipsoid(3);
        CountingInitial initial = new CountingInitial();
        CountingSeeds seeds = new CountingSeeds(SeedGenerators.grabcutR());
        FlatterPropagator flatter = new FlatterPropagator();
        Components parts = Components.forGrabCut3de(GrabCut3deConfig.defaults().propagation(),
                GrabCut3deConfig.defaults().seeds(), GrabCut3deConfig.defaults().grabCut())
                .withInitialMask(initial).withSeeds(seeds).withPropagator(flatter);

        Mask3D standard = LesionSegmenters.grabCut3de().segment(c);
        Mask3D custom = LesionSegmenters.grabCut3de(GrabCut3deConfig.defaults(), parts).segment(c);

        assertEquals(1, initial.calls.get(), "the RECIST slice is segmented by the initial-mask method");
        assertTrue(seeds.calls.get() > 0, "off-slice seeds come from the custom seeder");
        assertTrue(flatter.calls.get() > 0, "R̂ comes from the custom propagator");
        assertTrue(slicesSpanned(custom) < slicesSpanned(standard),
                "flatter lesion: " + slicesSpanned(custom) + " slices vs " + slicesSpanned(standard));
        String p = custom.provenance().parameters().toString();
        assertTrue(p.contains("counting-seeds") && p.contains("flatter") && p.contains("counting-initial"), p);
    }

    @Test
    void customPartsReachTrainingAndInference() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<EllipsoidCase> train = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            train.add(new EllipsoidCase(64, SP, INDICES, 28 + 8 * rnd.nextDouble(), 28 + 8 * rnd.nextDouble(), 50,
                    8 + 3 * rnd.nextDouble(), 8 + 3 * rnd.nextDouble(), 11, 120f, 20f, 15f, 100 + i));
        }
        List<EllipsoidCase> val = List.of(ellipsoid(200));
        CountingInitial initial = new CountingInitial();
        CountingSeeds seeds = new CountingSeeds(SeedGenerators.cnnPropagated());
        FlatterPropagator flatter = new FlatterPropagator();
        Components parts = Components.forNetwork().withInitialMask(initial).withSeeds(seeds).withPropagator(flatter);

        TrainerConfig t = new TrainerConfig(5e-3, 5e-3, 1, 40, 4, AlphaBetaSchedule.constant(1, 1), Augmentation.none(), 3L,
                null);
        WsssConfig cfg = WsssConfig.defaults().withK(3).withHnn(new HnnConfig(List.of(4, 8), List.of(1, 1), 32))
                .withTraining(t, t).withSeed(7);
        WsssResult run = Wsss.train(train, val, cfg, WsssListener.none(), parts);
        try (HnnModel model = run.model()) {
            assertEquals(train.size() + val.size(), initial.calls.get(),
                    "step 0 and validation labels come from the initial-mask method");
            assertEquals(2 * (train.size() + val.size()), seeds.calls.get(),
                    "step 1 labels r - 1 and r + 1 of every lesion, the validation lesion's too");
            assertTrue(flatter.calls.get() >= 2 * train.size());
            String p = model.info().provenance().parameters().toString();
            assertTrue(p.contains("counting-seeds") && p.contains("flatter") && p.contains("counting-initial"), p);

            int trainingCalls = seeds.calls.get();
            EllipsoidCase c = ellipsoid(9);
            LesionSegmenter custom = LesionSegmenters.hnnGc(model, InferenceConfig.defaults(), parts);
            Mask3D m = custom.segment(c);
            assertTrue(seeds.calls.get() > trainingCalls, "inference seeds come from the custom seeder");
            // Flatter: R̂ ends past 11 mm / 2 = 5.5 mm, two 2.5 mm slices each side of the RECIST slice.
            assertTrue(slicesSpanned(m) <= 5, "3D mask spans " + slicesSpanned(m) + " slices");
            assertTrue(m.provenance().parameters().toString().contains("flatter"));
        }
    }

    @Test
    void nullPartIsRejected() {
        assertThrows(NullPointerException.class, () -> Components.forNetwork().withSeeds(null));
    }
}
