package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Mask3D;
import org.wsss.io.Nifti;

class CompareCommandTest {

    @Test
    void comparesExactMasksWithEmptyOnesAndWritesTheTable(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("dl");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Map<String, TinyDeepLesion.Disc> cases = TinyDeepLesion.fourCases(data);
        Files.createDirectories(a);
        Files.createDirectories(b);
        List<String> ids = List.copyOf(cases.keySet());
        // A is the truth, B is empty, for three lesions; the fourth has no mask in B.
        for (int i = 0; i < 4; i++) {
            Mask3D t = cases.get(ids.get(i)).truth();
            Nifti.writeMask(t, a.resolve(ids.get(i) + ".nii.gz"));
            if (i < 3) {
                Nifti.writeMask(Mask3D.empty(t.width(), t.height(), t.depth(), t.spacing()), b.resolve(ids.get(i) + ".nii.gz"));
            }
        }
        Path csv = tmp.resolve("cmp.csv");
        Cli r = Cli.run("compare", "--pred", a.toString(), "--against", b.toString(), "--truth", data.toString(),
                "--max-offset", "1", "--resamples", "200", "--csv", csv.toString(), "--no-progress");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("| 3D Dice | 3 | 1.000 | 0.000 | +1.000 | [+1.000, +1.000] | A above |"), r.out());
        assertTrue(r.out().contains("| slice offset +0 | 3 | 1.000 | 0.000 | +1.000 |"), r.out());
        assertTrue(r.out().contains("3 lesions compared, 1 left out"), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("scored,n,A,B,A - B,95 % interval,verdict", lines.get(0));
        assertEquals("3D Dice,3,1.000,0.000,+1.000,\"[+1.000, +1.000]\",A above", lines.get(1), lines.toString());

        // The thread count does not change the result.
        Cli one = Cli.run("compare", "--pred", a.toString(), "--against", b.toString(), "--truth", data.toString(),
                "--max-offset", "1", "--resamples", "200", "--threads", "1", "--no-progress");
        Cli two = Cli.run("compare", "--pred", a.toString(), "--against", b.toString(), "--truth", data.toString(),
                "--max-offset", "1", "--resamples", "200", "--threads", "2", "--no-progress");
        assertEquals(one.out(), two.out());

        // A mask on another grid is an error naming the lesion.
        Nifti.writeMask(Mask3D.empty(48, 48, 4, TinyDeepLesion.SPACING), b.resolve(ids.get(1) + ".nii.gz"));
        Cli bad = Cli.run("compare", "--pred", a.toString(), "--against", b.toString(), "--truth", data.toString(),
                "--no-progress");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("case " + ids.get(1) + ": "), bad.err());

        // A against itself: no difference, no verdict.
        Cli same = Cli.run("compare", "--pred", a.toString(), "--against", a.toString(), "--truth", data.toString(),
                "--max-offset", "0", "--no-progress");
        assertEquals(0, same.code(), same.toString());
        assertTrue(same.out().contains("| 3D Dice | 4 | 1.000 | 1.000 | +0.000 | [+0.000, +0.000] | - |"), same.out());
    }

    @Test
    void anUnreadableRowIsLeftOutAndSaid(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("dl");
        Map<String, TinyDeepLesion.Disc> cases = TinyDeepLesion.fourCases(data);
        Path a = Files.createDirectories(tmp.resolve("a"));
        for (Map.Entry<String, TinyDeepLesion.Disc> e : cases.entrySet()) {
            Nifti.writeMask(e.getValue().truth(), a.resolve(e.getKey() + ".nii.gz"));
        }
        Path csv = data.resolve("DL_info.csv");
        List<String> rows = new java.util.ArrayList<>(Files.readAllLines(csv));
        rows.set(1, rows.get(1).replaceFirst("\\.png,", ".png,NaN"));
        Files.write(csv, rows);
        Cli r = Cli.run("compare", "--pred", a.toString(), "--against", a.toString(), "--truth", data.toString(),
                "--max-offset", "0", "--no-progress");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("3 lesions compared, 1 rows of DL_info.csv unreadable and left out (first: "),
                r.out());
    }

    @Test
    void badUsageExitsTwoWithTheReason(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("dl");
        TinyDeepLesion.fourCases(data);
        Path empty = Files.createDirectories(tmp.resolve("none"));
        Cli r = Cli.run("compare", "--pred", empty.toString(), "--against", empty.toString(), "--truth", data.toString(),
                "--no-progress");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("no lesion of"), r.err());
        Cli off = Cli.run("compare", "--pred", empty.toString(), "--against", empty.toString(), "--truth", data.toString(),
                "--max-offset", "-1");
        assertEquals(2, off.code(), off.toString());
        assertTrue(off.err().contains("--max-offset must be in 0..50"), off.err());
        Cli split = Cli.run("compare", "--pred", empty.toString(), "--against", empty.toString(), "--truth",
                data.toString(), "--split", "4");
        assertEquals(2, split.code(), split.toString());
        assertTrue(split.err().contains("--split must be 1, 2, 3 or all"), split.err());
    }
}
