package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsss.api.Mask3D;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;

/**
 * Golden files in {@code src/test/resources/nifti}: files written by nibabel are read with
 * every header field and voxel checked against nibabel's own reading; files written by this
 * writer are reproduced byte for byte and agree with what nibabel read from them.
 */
class NiftiGoldenTest {

    static Path resource(String name) {
        URL url = NiftiGoldenTest.class.getResource("/nifti/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource nifti/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** file → key → the rest of the line, from an expected-values file of make_golden.py. */
    static Map<String, Map<String, String>> expected(String name) {
        Map<String, Map<String, String>> out = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(resource(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int a = line.indexOf(' ');
            int b = line.indexOf(' ', a + 1);
            String file = line.substring(0, a);
            String key = b < 0 ? line.substring(a + 1) : line.substring(a + 1, b);
            String rest = b < 0 ? "" : line.substring(b + 1);
            out.computeIfAbsent(file, f -> new HashMap<>()).put(key, rest);
        }
        return out;
    }

    static double[] numbers(String s) {
        String[] parts = s.trim().split(" +");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }

    static float[] floats(String s) {
        double[] d = numbers(s);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
            assertEquals(d[i], f[i], 0.0, "expected value " + d[i] + " is not a float32");
        }
        return f;
    }

    static float number(Map<String, String> e, String key) {
        return floats(e.get(key))[0];
    }

    /** Checks every kept header field and every voxel (raw and scaled) of {@code img}. */
    static void assertMatches(String file, Map<String, String> e, NiftiImage img) {
        double[] dim = numbers(e.get("dim"));
        assertEquals((int) dim[0], img.ndim(), file + " dim[0]");
        assertArrayEquals(new int[] {(int) dim[1], (int) dim[2], (int) dim[3]},
                new int[] {img.nx(), img.ny(), img.nz()}, file + " dim");
        for (int d = 4; d <= dim[0]; d++) {
            assertEquals(1.0, dim[d], file + " dim[" + d + "] of a 3D image");
        }
        assertEquals((int) numbers(e.get("datatype"))[0], img.dataType().code(), file + " datatype");
        assertEquals((int) numbers(e.get("bitpix"))[0], img.dataType().bitpix(), file + " bitpix");
        assertArrayEquals(floats(e.get("pixdim")), img.pixdim(), file + " pixdim");
        assertEquals(Nifti.VOX_OFFSET, number(e, "vox_offset"), file + " vox_offset");
        assertEquals(number(e, "scl_slope"), img.sclSlope(), file + " scl_slope");
        assertEquals(number(e, "scl_inter"), img.sclInter(), file + " scl_inter");
        assertEquals((int) number(e, "qform_code"), img.qformCode(), file + " qform_code");
        assertEquals((int) number(e, "sform_code"), img.sformCode(), file + " sform_code");
        assertEquals(number(e, "quatern_b"), img.quaternB(), file + " quatern_b");
        assertEquals(number(e, "quatern_c"), img.quaternC(), file + " quatern_c");
        assertEquals(number(e, "quatern_d"), img.quaternD(), file + " quatern_d");
        assertEquals(number(e, "qoffset_x"), img.qoffsetX(), file + " qoffset_x");
        assertEquals(number(e, "qoffset_y"), img.qoffsetY(), file + " qoffset_y");
        assertEquals(number(e, "qoffset_z"), img.qoffsetZ(), file + " qoffset_z");
        assertArrayEquals(floats(e.get("srow_x")), img.srowX(), file + " srow_x");
        assertArrayEquals(floats(e.get("srow_y")), img.srowY(), file + " srow_y");
        assertArrayEquals(floats(e.get("srow_z")), img.srowZ(), file + " srow_z");
        assertEquals((int) number(e, "xyzt_units"), img.xyztUnits(), file + " xyzt_units");
        assertEquals(e.get("descrip"), img.descrip(), file + " descrip");
        assertArrayEquals(numbers(e.get("raw")), img.rawValues(), file + " raw voxels");
        assertArrayEquals(numbers(e.get("scaled")), img.values(), file + " scaled voxels");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nib_mask_uint8.nii", "nib_int16_scaled.nii", "nib_float32.nii.gz",
        "nib_int16_bigendian.nii", "nib_int32.nii", "nib_float64.nii", "nib_uint16.nii", "nib_4d_t1.nii"})
    void readsEveryFieldAndVoxelOfNibabelFiles(String file) {
        Map<String, String> e = expected("nib_expected.txt").get(file);
        assertTrue(e != null && e.size() > 20, "expected values for " + file);
        assertMatches(file, e, Nifti.read(resource(file)));
    }

    @Test
    void goldenSetCoversTheCasesThatMatter() {
        Map<String, Map<String, String>> e = expected("nib_expected.txt");
        assertEquals("0", e.get("nib_int16_bigendian.nii").get("endian"), "one golden file is big-endian");
        assertEquals("4", e.get("nib_4d_t1.nii").get("dim").split(" ")[0], "one golden file has dim[0] = 4");
        assertEquals("2", e.get("nib_int16_scaled.nii").get("scl_slope"));
        assertEquals("-1024", e.get("nib_int16_scaled.nii").get("scl_inter"));
    }

    @Test
    void scaledInt16GoldenGivesSlopeTimesRawPlusInter() {
        NiftiImage img = Nifti.read(resource("nib_int16_scaled.nii"));
        assertTrue(img.isScaled());
        // Raw −30 at (0, 0, 0): 2 · (−30) − 1024.
        assertEquals(-30.0, img.raw(0, 0, 0));
        assertEquals(-1084.0, img.value(0, 0, 0));
        Volume v = Nifti.toVolume(img);
        assertEquals(-1084f, v.get(0, 0, 0));
        assertEquals(new VoxelSpacing(0.7, 0.7, 2.5), v.spacing());
    }

    @Test
    void nibabelMaskReadsAsMask3DWithXFastest() {
        Mask3D m = Nifti.readMask(resource("nib_mask_uint8.nii"));
        assertEquals(5, m.width());
        assertEquals(4, m.height());
        assertEquals(3, m.depth());
        assertEquals(new VoxelSpacing(0.8, 0.9, 3.0), m.spacing());
        for (int z = 0; z < 3; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    assertEquals((x + 2 * y + 3 * z) % 4 == 0, m.get(x, y, z), "voxel " + x + "," + y + "," + z);
                }
            }
        }
    }

    // ------------------------------------------------ files of our writer, as nibabel read them

    @ParameterizedTest
    @ValueSource(strings = {NiftiGoldenSources.MASK, NiftiGoldenSources.INT16, NiftiGoldenSources.FLOAT32})
    void ourCommittedFilesReadAsNibabelReadThem(String file) {
        Map<String, String> e = expected("ours_expected.txt").get(file);
        assertTrue(e != null && e.size() > 20, "expected values for " + file);
        NiftiImage img = Nifti.read(resource(file));
        assertMatches(file, e, img);
        // nibabel's affine (sform) and qform affine are both the plain diagonal of the spacing.
        float[] p = img.pixdim();
        double[] diag = {p[1], 0, 0, 0, 0, p[2], 0, 0, 0, 0, p[3], 0};
        assertArrayEquals(diag, numbers(e.get("affine")), file + " nibabel affine");
        assertArrayEquals(diag, numbers(e.get("qform_affine")), file + " nibabel qform affine");
    }

    @Test
    void nibabelSeesOurMaskVoxelXYZAtIJK() {
        Map<String, String> e = expected("ours_expected.txt").get(NiftiGoldenSources.MASK);
        double[] nib = numbers(e.get("raw"));
        Mask3D m = NiftiGoldenSources.mask();
        int n = 0;
        for (int z = 0; z < m.depth(); z++) {
            for (int y = 0; y < m.height(); y++) {
                for (int x = 0; x < m.width(); x++) {
                    assertEquals(m.get(x, y, z) ? 1.0 : 0.0, nib[n++], "nibabel voxel " + x + "," + y + "," + z);
                }
            }
        }
        assertEquals(1.0, nib[4], "the asymmetric marker (4, 0, 0)");
    }

    @Test
    void writerReproducesCommittedFilesByteForByte(@TempDir Path dir) throws IOException {
        NiftiGoldenSources.main(new String[] {dir.toString()});
        for (String f : List.of(NiftiGoldenSources.MASK, NiftiGoldenSources.INT16)) {
            assertArrayEquals(Files.readAllBytes(resource(f)), Files.readAllBytes(dir.resolve(f)), f);
        }
        // Compressed bytes depend on the zlib build; the content inside must be identical.
        String gz = NiftiGoldenSources.FLOAT32;
        assertArrayEquals(gunzip(resource(gz)), gunzip(dir.resolve(gz)), gz);
    }

    @Test
    void readersOfOurFilesGiveBackTheSdkObjects() {
        assertEquals(NiftiGoldenSources.mask(), Nifti.readMask(resource(NiftiGoldenSources.MASK)));
        Volume v = Nifti.readVolume(resource(NiftiGoldenSources.FLOAT32));
        Volume src = NiftiGoldenSources.float32Volume();
        assertEquals(src.spacing(), v.spacing());
        for (int z = 0; z < src.depth(); z++) {
            assertEquals(src.slice(z), v.slice(z), "slice " + z);
        }
    }

    static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }
}
