package org.wsss.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wsss.api.BatchRunner;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask;
import org.wsss.grabcut.InitialMasks;
import org.wsss.io.DeepLesion;
import org.wsss.io.MaskPng;

/**
 * Weak RECIST-slice masks (GrabCut-R, Sec. 2.1) for every lesion of a DeepLesion-layout folder,
 * one 8-bit PNG per lesion ({@code OUT/<id>.png}, 255 = lesion), on all cores. A lesion that
 * fails (unreadable PNG, degenerate mark) is reported and the others are done.
 *
 * <p>Usage: {@code WeakMasks DIR OUT}
 */
public final class WeakMasks {

    private WeakMasks() {
    }

    /** Runs the example; returns the number of masks written. */
    public static int run(Path dir, Path out) {
        LesionDataset data = DeepLesion.open(dir);
        List<LesionCase> lesions = new ArrayList<>();
        data.forEach(lesions::add);
        InitialMaskMethod grabCutR = InitialMasks.grabCutR();

        List<BatchRunner.Outcome<Mask>> outcomes = BatchRunner.withThreads(Runtime.getRuntime().availableProcessors())
                .run(lesions, LesionCase::id, c -> {
                    Mask m = grabCutR.segment(c.keySlice(), c.recist(), c.window());
                    MaskPng.write(m, out.resolve(c.id() + ".png"));
                    return m;
                });
        int written = 0;
        for (BatchRunner.Outcome<Mask> o : outcomes) {
            if (o.done()) {
                written++;
            } else {
                System.out.println(o.id() + " failed: " + o.error().getMessage());
            }
        }
        System.out.println(written + " of " + lesions.size() + " weak masks written to " + out);
        return written;
    }

    public static void main(String[] args) {
        run(Path.of(args[0]), Path.of(args[1]));
    }
}
