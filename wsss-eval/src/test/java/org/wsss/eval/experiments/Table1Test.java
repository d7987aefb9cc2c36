package org.wsss.eval.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Axis;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionCategory;
import org.wsss.api.LesionDataset;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.api.Progress;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Split;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;

class Table1Test {

    static final VoxelSpacing SP = new VoxelSpacing(0.8, 0.8, 2.5);

    /** A 32x32 one-slice case with a disc of radius r at (16, 16). */
    record DiscCase(String id, int r, Split split) implements LesionCase {
        Mask disc() {
            return Mask.fromPredicate(32, 32, (x, y) -> (x - 16) * (x - 16) + (y - 16) * (y - 16) <= r * r);
        }

        @Override
        public Recist recist() {
            return new Recist(Axis.of(16 - r, 16, 16 + r, 16), Axis.of(16, 16 - r + 1, 16, 16 + r - 1), 0);
        }

        @Override
        public VoxelSpacing spacing() {
            return SP;
        }

        @Override
        public Window window() {
            return Window.DEFAULT;
        }

        @Override
        public LesionCategory category() {
            return LesionCategory.LIVER;
        }

        @Override
        public int width() {
            return 32;
        }

        @Override
        public int height() {
            return 32;
        }

        @Override
        public int[] sliceIndices() {
            return new int[] {0};
        }

        @Override
        public Slice slice(int i) {
            float[] hu = new float[32 * 32];
            Mask d = disc();
            for (int k = 0; k < hu.length; k++) {
                hu[k] = d.getIndex(k) ? 100 : 0;
            }
            return Slice.of(32, 32, hu, SP);
        }

        @Override
        public Optional<Mask3D> groundTruth() {
            return Optional.of(Mask3D.stack(List.of(disc()), SP));
        }
    }

    static LesionDataset dataset(List<LesionCase> cases) {
        return LesionDataset.of(cases);
    }

    /** Thresholds the slice: exact on these cases. */
    static final InitialMaskMethod EXACT = new InitialMaskMethod() {
        @Override
        public String name() {
            return "exact";
        }

        @Override
        public Mask segment(Slice s, Recist r, Window w) {
            return Mask.fromPredicate(s.width(), s.height(), (x, y) -> s.get(x, y) > 50)
                    .withProvenance(Provenance.of("exact", Map.of("threshold", "50")).withSeed(7));
        }
    };

    /** Predicts the left half of the disc: recall ~0.5, precision 1; throws on the disc of radius 5. */
    static final InitialMaskMethod HALF = new InitialMaskMethod() {
        @Override
        public String name() {
            return "half";
        }

        @Override
        public Mask segment(Slice s, Recist r, Window w) {
            if (r.longLengthPx() == 10) {
                throw new IllegalArgumentException("radius 5 refused");
            }
            return Mask.fromPredicate(s.width(), s.height(), (x, y) -> s.get(x, y) > 50 && x < 16);
        }
    };

    @Test
    void scoresEachMethodOnTheRecistSlicesOfTheSplit() {
        LesionDataset data = dataset(List.of(new DiscCase("a", 5, Split.TEST), new DiscCase("b", 8, Split.TEST),
                new DiscCase("c", 6, Split.TRAIN), new DiscCase("d", 10, Split.TEST)));
        Table1.Result res = Table1.run(data, Split.TEST, List.of(EXACT, HALF), 2, Progress.NONE);
        Table1.Row exact = res.rows().get(0);
        assertEquals("exact", exact.method());
        assertEquals(3, exact.dice().n());
        assertEquals(1.0, exact.dice().mean(), 1e-12);
        assertEquals(0.0, exact.dice().std(), 1e-12);
        assertEquals("exact{threshold=50} seed=7", exact.config());

        Table1.Row half = res.rows().get(1);
        assertEquals(2, half.dice().n());
        assertEquals(1, half.failures());
        assertEquals(1.0, half.precision().mean(), 1e-12);
        // Disc r=8: 197 px, 90 of them left of x=16; r=10: 317 px, 148 left (counted by hand with a script).
        assertEquals((90.0 / 197 + 148.0 / 317) / 2, half.recall().mean(), 1e-12);
        assertEquals(1, res.failures().size());
        assertEquals("a", res.failures().get(0).caseId());
        assertTrue(res.failures().get(0).reason().contains("radius 5 refused"));
    }

    @Test
    void writesMarkdownAndCsv(@TempDir Path dir) throws Exception {
        LesionDataset data = dataset(List.of(new DiscCase("a", 5, Split.TEST)));
        Tables t = Table1.run(data, Split.TEST, List.of(EXACT), 1, Progress.NONE).table();
        String md = t.toMarkdown();
        assertTrue(md.startsWith("| Method | Recall | Precision | mDICE |"), md);
        assertTrue(md.contains("| exact | 1.000±0.000 | 1.000±0.000 | 1.000±0.000 | 1 | 0 |"), md);
        Path csv = dir.resolve("t1.csv");
        t.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("Method,Recall,Precision,mDICE,n,failed,config", lines.get(0));
        assertEquals("exact,1.000±0.000,1.000±0.000,1.000±0.000,1,0,exact{threshold=50} seed=7", lines.get(1));
    }

    @Test
    void rejectsAMethodThatScoresNothingAndBadArguments() {
        LesionDataset data = dataset(List.of(new DiscCase("a", 5, Split.TEST)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Table1.run(data, Split.TEST, List.of(HALF), 1, Progress.NONE));
        assertTrue(e.getMessage().contains("half") && e.getMessage().contains("radius 5 refused"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Table1.run(data, Split.TEST, List.of(), 1, Progress.NONE));
        assertThrows(IllegalArgumentException.class, () -> Table1.run(data, Split.TEST, List.of(EXACT), 0, Progress.NONE));
    }
}
