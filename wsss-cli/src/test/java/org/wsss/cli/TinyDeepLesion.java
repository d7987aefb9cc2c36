package org.wsss.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.wsss.api.Axis;
import org.wsss.api.LesionCategory;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.io.DeepLesionRecord;
import org.wsss.io.DeepLesionWriter;

/**
 * Writes small DeepLesion-layout datasets for the command tests: 48×48 slices, 5 per series, with
 * bright discs (100 HU on 0 HU, ±10 HU noise) whose radius shrinks by 2 px per slice away from the
 * key slice, a RECIST across each disc on the key slice, and the discs as NIfTI ground truth.
 */
final class TinyDeepLesion {

    static final int SIZE = 48;
    static final int DEPTH = 5;
    static final VoxelSpacing SPACING = new VoxelSpacing(0.8, 0.8, 2.5);

    /** A disc lesion of a series: centre and radius on the key slice (slice 2 of 0..4). */
    record Disc(int cx, int cy, int r) {
        Mask on(int dz) {
            int rr = r - 2 * Math.abs(dz);
            return Mask.fromPredicate(SIZE, SIZE, (x, y) -> rr > 0 && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= rr * rr);
        }

        Recist recist(int keySlice) {
            return new Recist(Axis.of(cx - r, cy, cx + r, cy), Axis.of(cx, cy - r + 1, cx, cy + r - 1), keySlice);
        }

        Mask3D truth() {
            List<Mask> slices = new ArrayList<>();
            for (int z = 0; z < DEPTH; z++) {
                slices.add(on(z - DEPTH / 2));
            }
            return Mask3D.stack(slices, SPACING);
        }
    }

    private TinyDeepLesion() {
    }

    /**
     * Four lesions: one per series in patients 1 and 2, and two on the same key slice in patient 3
     * (ids {@code 000003_01_01_013} and {@code 000003_01_01_013_2}).
     *
     * @return case id → its disc, in row order
     */
    static Map<String, Disc> fourCases(Path dir) {
        List<List<Disc>> series = List.of(
                List.of(new Disc(24, 24, 9)),
                List.of(new Disc(20, 26, 8)),
                List.of(new Disc(14, 14, 7), new Disc(34, 32, 6)));
        return write(dir, series);
    }

    /** {@code n} series of one lesion each, discs of radius 6..11. */
    static Map<String, Disc> manyCases(Path dir, int n) {
        List<List<Disc>> series = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            series.add(List.of(new Disc(22 + i % 5, 25 - i % 3, 6 + i % 6)));
        }
        return write(dir, series);
    }

    /** Key slice of patient {@code p}'s series (slices key−2..key+2). */
    static int keySlice(int patient) {
        return 10 + patient;
    }

    private static Map<String, Disc> write(Path dir, List<List<Disc>> series) {
        Map<String, Disc> ids = new LinkedHashMap<>();
        SplittableRandom rnd = new SplittableRandom(7);
        try (DeepLesionWriter w = DeepLesionWriter.create(dir)) {
            for (int s = 0; s < series.size(); s++) {
                int patient = s + 1;
                int key = keySlice(patient);
                List<Disc> discs = series.get(s);
                List<Slice> slices = new ArrayList<>();
                for (int z = 0; z < DEPTH; z++) {
                    float[] hu = new float[SIZE * SIZE];
                    for (int i = 0; i < hu.length; i++) {
                        hu[i] = (float) rnd.nextDouble(-10, 10);
                    }
                    for (Disc d : discs) {
                        Mask m = d.on(z - DEPTH / 2);
                        for (int i = 0; i < hu.length; i++) {
                            if (m.getIndex(i)) {
                                hu[i] += 100;
                            }
                        }
                    }
                    slices.add(Slice.of(SIZE, SIZE, hu, SPACING));
                }
                Volume volume = Volume.of(slices, SPACING);
                for (Disc d : discs) {
                    DeepLesionRecord r = DeepLesionRecord.of(patient, 1, 1, d.recist(key), key - 2, key + 2, SPACING,
                            SIZE, SIZE, Window.DEFAULT, LesionCategory.LIVER, Split.ofCode(1 + s % 3));
                    w.writeVolume(r, volume);
                    String id = w.addRow(r);
                    w.writeGroundTruth(id, d.truth());
                    ids.put(id, d);
                }
            }
        }
        return ids;
    }

    /** The key-slice PNG of patient {@code p}'s series. */
    static Path keySlicePng(Path dir, int patient) {
        return dir.resolve("Images_png").resolve(String.format("%06d_01_01", patient))
                .resolve(String.format("%03d.png", keySlice(patient)));
    }
}
