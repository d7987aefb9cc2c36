package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wsss.api.LesionCase;
import org.wsss.api.Split;

/**
 * The split of a volume whose input names none: the documented SHA-256 rule (golden values from
 * Python's hashlib), close to 70/15/15 over many names, and one split for all lesions of a volume
 * in the NIfTI + CSV and FLARE inputs.
 */
class VolumeSplitTest {

    /** {@code int.from_bytes(hashlib.sha256(n.encode()).digest()[:8], "big") / 2**64} in Python 3. */
    @ParameterizedTest
    @CsvSource({"ct_01, 0.7052601895483114, 2", "patient7.nii.gz, 0.5078914847674578, 1",
        "ct/patient7.nii.gz, 0.8426161204669589, 2", "000001_01_01, 0.480435306673572, 1",
        "case_0001, 0.9870274370567543, 3", "FLARE25_0042, 0.28060975189958237, 1",
        "ct_01.nii, 0.000822574755328921, 1"})
    void theRuleMatchesPythonsHashlib(String name, double fraction, int code) {
        assertEquals(fraction, VolumeSplit.fraction(name), 1e-15, name);
        assertEquals(Split.ofCode(code), VolumeSplit.of(name), name);
    }

    @Test
    void manyNamesSplitCloseTo70By15By15() {
        Map<Split, Integer> n = new EnumMap<>(Split.class);
        int total = 20000;
        for (int i = 0; i < total; i++) {
            n.merge(VolumeSplit.of("ct/patient" + i + ".nii.gz"), 1, Integer::sum);
        }
        // binomial standard deviation at 20000 draws is about 0.003 (train) and 0.0025 (the others)
        assertEquals(0.70, n.get(Split.TRAIN) / (double) total, 0.015, n.toString());
        assertEquals(0.15, n.get(Split.VALIDATION) / (double) total, 0.015, n.toString());
        assertEquals(0.15, n.get(Split.TEST) / (double) total, 0.015, n.toString());
    }

    private static void volume(Path file) {
        NiftiImage.Builder b = NiftiImage.builder(16, 16, 4, NiftiDataType.INT16).pixdim(new float[] {1, 1, 1, 2, 1, 1,
            1, 1}).xyztUnits(Nifti.UNITS_MM);
        for (int n = 0; n < 16 * 16 * 4; n++) {
            b.setRaw(n, n % 7 * 10);
        }
        Nifti.write(b.build(), file);
    }

    @Test
    void niftiCsvRowsWithoutASplitTakeTheirVolumesAndAGivenSplitIsKept(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("ct"));
        // the rule gives these two different splits (golden values above): c's volume is in train, d is moved
        volume(dir.resolve("ct").resolve("patient7.nii.gz"));
        volume(dir.resolve("ct_01.nii"));
        Files.write(dir.resolve("marks.csv"), List.of("image,lesion,slice,x1,y1,x2,y2,split",
                "ct/patient7.nii.gz,a,1,3,3,9,9,",
                "ct/patient7.nii.gz,b,2,4,4,10,8,",
                "ct_01.nii,c,1,3,3,9,9,",
                "ct_01.nii,d,2,3,3,9,9,3"));
        LesionInput in = LesionInputs.niftiCsv(dir.resolve("marks.csv"));
        assertEquals(List.of(), in.dataset().problems());
        Map<String, Split> got = new HashMap<>();
        for (LesionCase c : in.dataset()) {
            got.put(c.id(), c.split());
        }
        assertEquals(Map.of("a", VolumeSplit.of("ct/patient7.nii.gz"), "b", VolumeSplit.of("ct/patient7.nii.gz"),
                "c", VolumeSplit.of("ct_01.nii"), "d", Split.TEST), got);
        assertEquals(Split.VALIDATION, got.get("a"));
        assertEquals(Split.TRAIN, got.get("c"));
    }

    @Test
    void flareLesionsTakeTheirCasesSplit(@TempDir Path dir) {
        long[] shape = {4, 16, 16};
        short[] imgs = new short[4 * 16 * 16];
        byte[] recist = new byte[imgs.length];
        for (int x = 3; x <= 9; x++) {
            recist[16 * 16 + 5 * 16 + x] = 1;
            recist[2 * 16 * 16 + 10 * 16 + x] = 2;
        }
        for (String name : List.of("case_0001", "FLARE25_0042")) {
            Npy.writeNpz(dir.resolve(name + ".npz"), Map.of("imgs", Npy.int16(shape, imgs), "spacing",
                    Npy.float64(new long[] {3}, new double[] {1, 1, 2}), "recist", Npy.uint8(shape, recist)));
        }
        LesionInput in = LesionInputs.flareNpz(dir);
        assertEquals(4, in.dataset().size());
        for (LesionCase c : in.dataset()) {
            assertEquals(VolumeSplit.of(in.volumeOf(c)), c.split(), c.id());
        }
        assertTrue(in.dataset().split(Split.TEST).allMatch(c -> in.volumeOf(c).equals("case_0001")));
        assertEquals(2, in.dataset().split(Split.TRAIN).count());
    }
}
