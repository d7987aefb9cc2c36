package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.Mask3D;
import org.wsss.api.Provenance;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;

/** Mapping between the SDK's masks and volumes and NIfTI images: axes, spacing, transform, types. */
class NiftiConversionTest {

    @Test
    void maskVoxelXYZIsStoredAtIJKWithNoFlip() {
        Mask3D m = Mask3D.builder(7, 3, 2, new VoxelSpacing(0.7, 0.8, 5)).set(6, 0, 0).set(0, 2, 1).set(1, 1, 0)
                .build();
        NiftiImage img = Nifti.fromMask3D(m);
        assertEquals(NiftiDataType.UINT8, img.dataType());
        assertArrayEquals(new int[] {7, 3, 2}, new int[] {img.nx(), img.ny(), img.nz()},
                "dim = (image width, image height, slices)");
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 7; x++) {
                    assertEquals(m.get(x, y, z) ? 1.0 : 0.0, img.raw(x, y, z), x + "," + y + "," + z);
                }
            }
        }
        // Linear order is Mask3D's own: x fastest, then y, then z.
        boolean[] bits = m.toArray();
        double[] raw = img.rawValues();
        for (int n = 0; n < bits.length; n++) {
            assertEquals(bits[n] ? 1.0 : 0.0, raw[n], "index " + n);
        }
    }

    @Test
    void writtenTransformIsThePlainDiagonalOfTheSpacingWithCodeOne() {
        NiftiImage img = Nifti.fromMask3D(Mask3D.empty(4, 5, 6, new VoxelSpacing(0.7, 0.8, 2.5)));
        assertArrayEquals(new float[] {1f, 0.7f, 0.8f, 2.5f, 1f, 1f, 1f, 1f}, img.pixdim());
        assertEquals(1, img.qformCode());
        assertEquals(1, img.sformCode());
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, new float[] {img.quaternB(), img.quaternC(),
            img.quaternD(), img.qoffsetX(), img.qoffsetY(), img.qoffsetZ()});
        assertArrayEquals(new float[] {0.7f, 0, 0, 0}, img.srowX());
        assertArrayEquals(new float[] {0, 0.8f, 0, 0}, img.srowY());
        assertArrayEquals(new float[] {0, 0, 2.5f, 0}, img.srowZ());
        assertEquals(Nifti.UNITS_MM, img.xyztUnits());
        assertEquals(new VoxelSpacing(0.7, 0.8, 2.5), img.spacing(), "0.7f reads back as 0.7");
    }

    @Test
    void maskDescripCarriesTheMethod() {
        Mask3D m = Mask3D.empty(1, 1, 1, VoxelSpacing.isotropic(1)).withProvenance(Provenance.of("wsss-7",
                java.util.Map.of()));
        assertEquals("wsss mask wsss-7", Nifti.fromMask3D(m).descrip());
    }

    @Test
    void deepLesionShapedMaskKeepsSliceOrder(@TempDir Path dir) {
        // Width ≠ height ≠ depth, one voxel per slice at a slice-dependent place.
        Mask3D.Builder b = Mask3D.builder(64, 48, 5, new VoxelSpacing(0.82, 0.82, 5));
        for (int z = 0; z < 5; z++) {
            b.set(10 * z, 47 - z, z);
        }
        Mask3D m = b.build();
        Path p = dir.resolve("lesion.nii.gz");
        Nifti.writeMask(m, p);
        NiftiImage img = Nifti.read(p);
        assertArrayEquals(new int[] {64, 48, 5}, new int[] {img.nx(), img.ny(), img.nz()});
        for (int z = 0; z < 5; z++) {
            assertEquals(1.0, img.raw(10 * z, 47 - z, z), "slice " + z);
        }
        assertEquals(m, Nifti.readMask(p));
    }

    @Test
    void int16VolumeNeedsWholeHuInRange() {
        Volume frac = NiftiGoldenSources.volume(3, 2, 2, VoxelSpacing.isotropic(1), (x, y, z) -> x == 2 && z == 1
                ? 10.5f : 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nifti.fromVolume(frac, NiftiDataType.INT16));
        assertTrue(e.getMessage().contains("(2, 0, 1) is 10.5 HU"), e.getMessage());
        Volume big = NiftiGoldenSources.volume(2, 2, 1, VoxelSpacing.isotropic(1), (x, y, z) -> 40000f);
        assertThrows(IllegalArgumentException.class, () -> Nifti.fromVolume(big, NiftiDataType.INT16));
        assertEquals(40000.0, Nifti.fromVolume(big, NiftiDataType.FLOAT32).raw(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Nifti.fromVolume(big, NiftiDataType.UINT8));
    }

    @Test
    void volumeSlicesFollowK() {
        Volume v = NiftiGoldenSources.volume(2, 3, 4, new VoxelSpacing(0.5, 0.5, 1.25), (x, y, z) -> 1000 * z + 10 * y
                + x);
        NiftiImage img = Nifti.fromVolume(v, NiftiDataType.INT16);
        assertEquals(3021.0, img.raw(1, 2, 3));
        assertEquals(1.0f, img.sclSlope());
        assertEquals(0.0f, img.sclInter());
        assertEquals(v.get(1, 2, 3), Nifti.toVolume(img).get(1, 2, 3));
    }

    @Test
    void scalingRules() {
        NiftiImage.Builder b = NiftiImage.builder(1, 1, 1, NiftiDataType.INT16).setRaw(0, 100);
        assertEquals(-824.0, b.scaling(2f, -1024f).build().valueAt(0), "slope · raw + inter");
        assertEquals(100.0, b.scaling(0f, -1024f).build().valueAt(0), "slope 0 means no scaling");
        assertEquals(100.0, b.scaling(Float.NaN, Float.NaN).build().valueAt(0), "NaN slope means no scaling");
        assertEquals(50.0, b.scaling(0.5f, Float.NaN).build().valueAt(0), "NaN inter counts as 0");
        NiftiImage kept = b.scaling(2f, -1024f).build();
        assertEquals(100.0, kept.rawAt(0), "raw value kept");
        assertEquals(2f, kept.sclSlope());
        assertEquals(-1024f, kept.sclInter());
    }

    @Test
    void spacingIsConvertedToMillimetres() {
        float[] p = {1f, 0.0007f, 0.0008f, 0.0025f, 1f, 1f, 1f, 1f};
        NiftiImage metres = NiftiImage.builder(1, 1, 1, NiftiDataType.UINT8).pixdim(p).xyztUnits(1 | 8).build();
        VoxelSpacing s = metres.spacing();
        assertEquals(0.7, s.x(), 1e-12);
        assertEquals(0.8, s.y(), 1e-12);
        assertEquals(2.5, s.z(), 1e-12);
        NiftiImage microns = NiftiImage.builder(1, 1, 1, NiftiDataType.UINT8)
                .pixdim(new float[] {1f, 700f, 800f, 2500f, 1f, 1f, 1f, 1f}).xyztUnits(3).build();
        assertEquals(0.8, microns.spacing().y(), 1e-12);
        NiftiImage unknown = NiftiImage.builder(1, 1, 1, NiftiDataType.UINT8).xyztUnits(0).build();
        assertEquals(VoxelSpacing.isotropic(1), unknown.spacing(), "unknown unit read as mm");
        NiftiImage bad = NiftiImage.builder(1, 1, 1, NiftiDataType.UINT8).xyztUnits(5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::spacing);
        assertTrue(e.getMessage().contains("unit code 5"), e.getMessage());
    }
}
