package org.wsss.hnn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.wsss.api.Mask;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.WeakLabel;
import org.wsss.api.Window;
import org.wsss.hnn.train.RoiSampler;
import org.wsss.hnn.train.TrainingExample;

/** Bright discs on a noisy background, with ground truth and weak labels built from it. */
public final class SyntheticDiscs {

    /** One synthetic slice. */
    public record Case(Slice slice, Mask truth, Recist recist, WeakLabel weak) {
        /** As a weakly labelled training example over the RECIST ROI. */
        public TrainingExample weakExample() {
            return TrainingExample.weak(slice, RoiSampler.recistRoi(recist), Window.DEFAULT, weak);
        }
    }

    private SyntheticDiscs() {
    }

    /** {@code n} cases of {@code size × size} slices. */
    public static List<Case> make(int n, int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        VoxelSpacing sp = new VoxelSpacing(0.8, 0.8, 5);
        List<Case> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double r = rnd.nextDouble(size * 0.1, size * 0.16);
            double cx = rnd.nextDouble(size * 0.35, size * 0.65), cy = rnd.nextDouble(size * 0.35, size * 0.65);
            float[] hu = new float[size * size];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    boolean in = Math.hypot(x - cx, y - cy) <= r;
                    hu[y * size + x] = (float) ((in ? 150 : -50) + rnd.nextGaussian() * 12);
                }
            }
            Slice slice = Slice.of(size, size, hu, sp);
            Mask truth = Mask.fromPredicate(size, size, (x, y) -> Math.hypot(x - cx, y - cy) <= r);
            Recist recist = Recist.fromMask(truth, sp, 0);
            // R: pixels on the two RECIST axes; F, B: the disc and its outside, 1.5 px away from the edge (the
            // unlabelled margin a GrabCut-R mask leaves around an uncertain boundary).
            Mask.Builder rb = Mask.builder(size, size);
            for (var axis : List.of(recist.longAxis(), recist.shortAxis())) {
                int steps = (int) Math.ceil(axis.lengthPx() * 2) + 1;
                for (int i = 0; i <= steps; i++) {
                    double t = (double) i / steps;
                    int x = (int) Math.round(axis.start().x() + t * (axis.end().x() - axis.start().x()));
                    int y = (int) Math.round(axis.start().y() + t * (axis.end().y() - axis.start().y()));
                    rb.set(x, y);
                }
            }
            Mask rm = rb.build();
            Mask f = Mask.fromPredicate(size, size, (x, y) -> Math.hypot(x - cx, y - cy) <= r - 1.5 && !rm.get(x, y));
            Mask b = Mask.fromPredicate(size, size, (x, y) -> Math.hypot(x - cx, y - cy) >= r + 1.5 && !rm.get(x, y));
            out.add(new Case(slice, truth, recist, WeakLabel.of(rm, f, b)));
        }
        return out;
    }

    /** Dice of two masks. */
    public static double dice(Mask a, Mask b) {
        int inter = a.intersectionCount(b);
        return 2.0 * inter / Math.max(1, a.count() + b.count());
    }
}
