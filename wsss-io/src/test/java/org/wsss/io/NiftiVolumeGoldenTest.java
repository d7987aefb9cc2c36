package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsss.api.Mask3D;
import org.wsss.api.Volume;
import org.wsss.api.WsssIoException;

/**
 * Golden NIfTI-1/NIfTI-2 volumes written with numpy by {@code nifti-volumes/make_golden.py}:
 * raw value i + 10 j + 100 k at file voxel (i, j, k) of a 4 × 3 × 2 grid; each test states where
 * that voxel must land on the SDK's axial grid and what HU it must read.
 */
class NiftiVolumeGoldenTest {

    static Path resource(String name) {
        URL url = NiftiVolumeGoldenTest.class.getResource("/nifti-volumes/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource nifti-volumes/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SDK voxel → file voxel, as the test states it. */
    interface Map3 {
        int[] file(int x, int y, int z);
    }

    private static void check(String name, int[] sdkDims, Map3 map, double slope, double inter, double[] spacing) {
        NiftiVolume nv = NiftiVolume.read(resource(name));
        Volume v = nv.volume();
        assertArrayEquals(sdkDims, new int[] {v.width(), v.height(), v.depth()}, name);
        assertEquals(spacing[0], v.spacing().x(), 1e-6, name);
        assertEquals(spacing[1], v.spacing().y(), 1e-6, name);
        assertEquals(spacing[2], v.spacing().z(), 1e-6, name);
        for (int z = 0; z < v.depth(); z++) {
            for (int y = 0; y < v.height(); y++) {
                for (int x = 0; x < v.width(); x++) {
                    int[] f = map.file(x, y, z);
                    double raw = f[0] + 10 * f[1] + 100 * f[2];
                    assertEquals(raw * slope + inter, v.get(x, y, z), 1e-4, name + " at " + x + "," + y + "," + z);
                }
            }
        }
        // A mask put back on the file grid lands on the file voxel the map names.
        for (int[] p : new int[][] {{0, 0, 0}, {sdkDims[0] - 1, 1, sdkDims[2] - 1}}) {
            Mask3D m = Mask3D.builder(sdkDims[0], sdkDims[1], sdkDims[2], v.spacing()).set(p[0], p[1], p[2]).build();
            NiftiImage img = nv.toFileGrid(m);
            int[] f = map.file(p[0], p[1], p[2]);
            assertEquals(1.0, img.value(f[0], f[1], f[2]), name);
            assertEquals(1.0, Arrays.stream(img.values()).sum(), name);
        }
    }

    private static final double[] SP = {0.5, 0.6, 2.5};

    @Test
    void rasStoredVolumeIsFlippedInPlaneAndScaled() {
        check("n1-int16-scaled-ras.nii", new int[] {4, 3, 2}, (x, y, z) -> new int[] {3 - x, 2 - y, z}, 2, -1000, SP);
    }

    @Test
    void lpsStoredGzipVolumeIsTheSdkGrid() {
        check("n1-uint16-lps.nii.gz", new int[] {4, 3, 2}, (x, y, z) -> new int[] {x, y, z}, 1, 0, SP);
        assertTrue(NiftiVolume.read(resource("n1-uint16-lps.nii.gz")).geometry().grid().isIdentity());
    }

    @Test
    void qformWithPermutedAxesIsReoriented() {
        // file axis 0 -> +S (SDK z), axis 1 -> posterior (SDK y), axis 2 -> +R (SDK x, reversed)
        check("n1-float32-qform-permuted.nii", new int[] {2, 3, 4}, (x, y, z) -> new int[] {z, y, 1 - x}, 1, 0,
                new double[] {2.5, 0.6, 0.5});
    }

    @Test
    void qfacMinusOneMirrorsTheSlices() {
        check("n1-int8-qfac-mirror.nii", new int[] {4, 3, 2}, (x, y, z) -> new int[] {x, y, 1 - z}, 1, 0, SP);
    }

    @Test
    void bigEndianWithoutTransformCodesUsesPixdim() {
        check("n1-int32-be-nocode.nii", new int[] {4, 3, 2}, (x, y, z) -> new int[] {3 - x, 2 - y, z}, 1, 0, SP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uint8", "uint32", "int64", "uint64", "float64"})
    void everyIntegerAndFloatType(String type) {
        check("n1-" + type + "-lps.nii", new int[] {4, 3, 2}, (x, y, z) -> new int[] {x, y, z}, 1, 0, SP);
    }

    @Test
    void spatialUnitsInMetresBecomeMillimetres() {
        check("n1-int16-metres.nii", new int[] {4, 3, 2}, (x, y, z) -> new int[] {x, y, z}, 1, 0, SP);
    }

    @Test
    void nifti2BigEndianFloat64Scaled() {
        check("n2-float64-be-lps.nii", new int[] {4, 3, 2}, (x, y, z) -> new int[] {x, y, z}, 0.5, 1, SP);
    }

    @Test
    void nifti2LittleEndianRas() {
        check("n2-int16-le-ras.nii", new int[] {4, 3, 2}, (x, y, z) -> new int[] {3 - x, 2 - y, z}, 1, 0, SP);
    }

    @Test
    void worldCoordinatesGoThroughTheSform() {
        NiftiVolume nv = NiftiVolume.read(resource("n1-int16-scaled-ras.nii"));
        double[] s = nv.geometry().worldToSdk(10 + 0.5 * 1, 20 + 0.6 * 2, 30 + 2.5 * 1);
        assertArrayEquals(new double[] {2, 0, 1}, s, 1e-5);
        assertArrayEquals(new double[] {10.5, 21.2, 32.5}, nv.geometry().sdkToWorld(2, 0, 1), 1e-5);
    }

    @Test
    void maskWrittenBackKeepsTheInputGeometry(@TempDir Path dir) {
        NiftiVolume nv = NiftiVolume.read(resource("n1-int16-scaled-ras.nii"));
        Mask3D m = Mask3D.builder(4, 3, 2, nv.volume().spacing()).set(0, 0, 1).build();
        Path out = dir.resolve("m.nii.gz");
        Nifti.write(nv.toFileGrid(m), out);
        NiftiImage back = Nifti.read(out);
        assertEquals(1, back.sformCode());
        assertArrayEquals(new float[] {0.5f, 0, 0, 10}, back.srowX());
        assertArrayEquals(new float[] {0, 0, 2.5f, 30}, back.srowZ());
        assertEquals(1.0, back.value(3, 2, 1));
        // and read as a volume it lands where the mask was
        NiftiVolume again = NiftiVolume.read(out);
        assertEquals(1.0f, again.volume().get(0, 0, 1));
    }

    @Test
    void unknownOrientationCodeIsRefused() {
        WsssIoException e = assertThrows(WsssIoException.class, () -> NiftiVolume.read(resource("bad-sform-code.nii")));
        assertTrue(e.getMessage().contains("bad-sform-code.nii") && e.getMessage().contains("sform_code 9"),
                e.getMessage());
    }

    @Test
    void truncatedDataAndExtraDataAreRefused(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(resource("n1-uint8-lps.nii"));
        Path cut = dir.resolve("cut.nii");
        Files.write(cut, Arrays.copyOf(all, all.length - 3));
        WsssIoException e = assertThrows(WsssIoException.class, () -> NiftiVolume.read(cut));
        assertTrue(e.getMessage().contains("cut.nii") && e.getMessage().contains("data ends"), e.getMessage());
        Path longer = dir.resolve("long.nii");
        Files.write(longer, Arrays.copyOf(all, all.length + 5));
        e = assertThrows(WsssIoException.class, () -> NiftiVolume.read(longer));
        assertTrue(e.getMessage().contains("mismatch"), e.getMessage());
    }

    @Test
    void sizesAreCheckedBeforeAllocating(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(resource("n1-uint8-lps.nii"));
        // dims 30000 x 30000 x 30000 in a 376-byte file
        java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(42, (short) 30000)
                .putShort(44, (short) 30000).putShort(46, (short) 30000);
        Path huge = dir.resolve("huge.nii");
        Files.write(huge, all);
        WsssIoException e = assertThrows(WsssIoException.class, () -> NiftiVolume.read(huge));
        assertTrue(e.getMessage().contains("larger than the limit"), e.getMessage());
        assertThrows(WsssIoException.class, () -> NiftiVolume.read(resource("n1-uint8-lps.nii"), 23));
    }
}
