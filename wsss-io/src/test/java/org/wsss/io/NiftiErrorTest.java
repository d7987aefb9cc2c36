package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.WsssIoException;

/** Every malformed input gives a {@link WsssIoException} that names the file and the fault. */
class NiftiErrorTest {

    @TempDir
    Path dir;

    /** A valid little-endian 3×2×2 int16 file, as bytes. */
    private static byte[] valid() {
        NiftiImage.Builder b = NiftiImage.builder(3, 2, 2, NiftiDataType.INT16).spacing(new VoxelSpacing(1, 1, 2));
        for (int n = 0; n < 12; n++) {
            b.setRaw(n, n * 100 - 500);
        }
        NiftiImage img = b.build();
        byte[] h = Nifti.header(img);
        byte[] out = Arrays.copyOf(h, h.length + img.dataBytes().length);
        System.arraycopy(img.dataBytes(), 0, out, h.length, img.dataBytes().length);
        return out;
    }

    private Path put(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static WsssIoException fails(Path p, String... fragments) {
        WsssIoException e = assertThrows(WsssIoException.class, () -> Nifti.read(p));
        assertEquals(p, e.file().orElseThrow());
        assertTrue(e.getMessage().contains(p.toString()), "names the file: " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void validBaselineReads() throws IOException {
        NiftiImage img = Nifti.read(put("ok.nii", valid()));
        assertEquals(-500.0, img.raw(0, 0, 0));
        assertEquals(600.0, img.raw(2, 1, 1));
    }

    @Test
    void missingFile() {
        fails(dir.resolve("absent.nii"), "not found");
    }

    @Test
    void truncatedHeader() throws IOException {
        fails(put("short.nii", Arrays.copyOf(valid(), 200)), "truncated", "200 bytes");
    }

    @Test
    void truncatedData() throws IOException {
        byte[] v = valid();
        fails(put("cut.nii", Arrays.copyOf(v, v.length - 5)), "truncated", "3x2x2", "need 24", "holds 19");
    }

    @Test
    void truncatedGzip() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(valid());
        }
        byte[] z = bos.toByteArray();
        fails(put("cut.nii.gz", Arrays.copyOf(z, z.length / 2)), "gzip");
    }

    @Test
    void gzipOfTooShortDataIsTruncatedData() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] v = valid();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(v, 0, v.length - 2);
        }
        fails(put("short.nii.gz", bos.toByteArray()), "truncated", "need 24", "holds 22");
    }

    @Test
    void dataLongerThanDims() throws IOException {
        byte[] v = valid();
        fails(put("long.nii", Arrays.copyOf(v, v.length + 6)), "data length mismatch", "need 24", "holds 30");
    }

    @Test
    void badMagic() throws IOException {
        byte[] v = valid();
        v[344] = 'x';
        fails(put("magic.nii", v), "bad magic", "\"x+1\\x00\"");
    }

    @Test
    void twoFileMagicIsNamed() throws IOException {
        byte[] v = valid();
        v[345] = 'i';
        fails(put("pair.nii", v), "two-file", "ni1");
    }

    @Test
    void notANiftiHeader() throws IOException {
        byte[] v = valid();
        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1234);
        fails(put("size.nii", v), "sizeof_hdr is 1234");
    }

    @Test
    void nifti2IsRefusedByName() throws IOException {
        byte[] v = valid();
        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 540);
        fails(put("two.nii", v), "NIfTI-2");
    }

    @Test
    void unsupportedDatatype() throws IOException {
        byte[] v = valid();
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(70, (short) 128); // RGB24
        b.putShort(72, (short) 24);
        fails(put("rgb.nii", v), "unsupported datatype 128");
    }

    @Test
    void bitpixDisagreeingWithDatatype() throws IOException {
        byte[] v = valid();
        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putShort(72, (short) 8);
        fails(put("bitpix.nii", v), "bitpix 8", "INT16");
    }

    @Test
    void fourDimensionalWithSeveralTimePoints() throws IOException {
        byte[] v = valid();
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(40, (short) 4);
        b.putShort(48, (short) 2);
        fails(put("4d.nii", v), "dim[4] is 2");
    }

    @Test
    void nonPositiveAndOutOfRangeDims() throws IOException {
        byte[] v = valid();
        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putShort(44, (short) 0);
        fails(put("zero.nii", v), "dim[2] is 0");
        byte[] w = valid();
        ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putShort(40, (short) 9);
        fails(put("nine.nii", w), "dim[0] is 9");
    }

    @Test
    void voxOffsetInsideHeader() throws IOException {
        byte[] v = valid();
        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putFloat(108, 100f);
        fails(put("off.nii", v), "vox_offset 100.0");
    }

    @Test
    void largerVoxOffsetSkipsExtensionBytes() throws IOException {
        byte[] v = valid();
        byte[] w = new byte[v.length + 16];
        System.arraycopy(v, 0, w, 0, 352);
        System.arraycopy(v, 352, w, 368, v.length - 352);
        ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putFloat(108, 368f);
        assertArrayEquals(Nifti.read(put("a.nii", v)).rawValues(), Nifti.read(put("b.nii", w)).rawValues());
    }

    @Test
    void maskWithALabelOtherThanOneIsRejectedNamingTheVoxel() {
        NiftiImage img = NiftiImage.builder(2, 2, 1, NiftiDataType.UINT8).spacing(VoxelSpacing.isotropic(1))
                .setRaw(1, 1, 0, 2).build();
        Path p = dir.resolve("label.nii");
        Nifti.write(img, p);
        WsssIoException e = assertThrows(WsssIoException.class, () -> Nifti.readMask(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("(1, 1, 0) is 2.0"),
                e.getMessage());
    }

    @Test
    void zeroSpacingIsRejectedWhenAMaskOrVolumeIsAsked() {
        NiftiImage img = NiftiImage.builder(2, 2, 1, NiftiDataType.INT16)
                .pixdim(new float[] {1, 1, 0, 1, 1, 1, 1, 1}).build();
        Path p = dir.resolve("nospacing.nii");
        Nifti.write(img, p);
        assertEquals(img, Nifti.read(p), "the image itself reads");
        WsssIoException e = assertThrows(WsssIoException.class, () -> Nifti.readVolume(p));
        assertTrue(e.getMessage().contains("pixdim[1..3] = (1.0, 0.0, 1.0)"), e.getMessage());
    }

    @Test
    void nonFiniteVoxelIsRejectedAsVolume() {
        NiftiImage img = NiftiImage.builder(2, 1, 2, NiftiDataType.FLOAT32).spacing(VoxelSpacing.isotropic(1))
                .setRaw(1, 0, 1, Double.NaN).build();
        Path p = dir.resolve("nan.nii");
        Nifti.write(img, p);
        WsssIoException e = assertThrows(WsssIoException.class, () -> Nifti.readVolume(p));
        assertTrue(e.getMessage().contains("(1, 0, 1) is NaN"), e.getMessage());
    }

    @Test
    void writeIntoMissingDirectoryNamesTheFile() {
        Path p = dir.resolve("nowhere").resolve("m.nii");
        NiftiImage img = NiftiImage.builder(1, 1, 1, NiftiDataType.UINT8).build();
        WsssIoException e = assertThrows(WsssIoException.class, () -> Nifti.write(img, p));
        assertEquals(p, e.file().orElseThrow());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        // A non-empty directory in the target's place: the final move fails, nothing else changes.
        Path blocked = Files.createDirectory(dir.resolve("sub.nii"));
        Files.write(blocked.resolve("x"), new byte[] {1});
        NiftiImage img = NiftiImage.builder(2, 2, 2, NiftiDataType.UINT8).build();
        assertThrows(WsssIoException.class, () -> Nifti.write(img, blocked));
        assertEquals(List.of(blocked.resolve("x")), list(blocked));
        assertEquals(List.of(blocked), list(dir));
    }

    @Test
    void overwriteReplacesAtomicallyAndLeavesNoTemporaryFile() {
        Path p = dir.resolve("m.nii.gz");
        NiftiImage a = NiftiImage.builder(3, 1, 1, NiftiDataType.UINT8).setRaw(0, 7).build();
        NiftiImage b = NiftiImage.builder(2, 2, 1, NiftiDataType.UINT8).setRaw(3, 9).build();
        Nifti.write(a, p);
        Nifti.write(b, p);
        assertEquals(b, Nifti.read(p));
        assertEquals(List.of(p), list(dir));
    }

    @Test
    void builderRejectsValuesTheTypeCannotHold() {
        NiftiImage.Builder b = NiftiImage.builder(2, 1, 1, NiftiDataType.UINT8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.setRaw(1, 256));
        assertTrue(e.getMessage().contains("UINT8 cannot hold 256.0 (voxel (1, 0, 0))"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.setRaw(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> b.descrip("x".repeat(80)));
        assertThrows(IllegalArgumentException.class, () -> b.descrip("tab\there"));
        assertThrows(IllegalArgumentException.class, () -> NiftiImage.builder(2, 2, 1, NiftiDataType.UINT8).ndim(1));
        assertThrows(IllegalArgumentException.class, () -> NiftiImage.builder(2, 2, 2, NiftiDataType.UINT8).ndim(2));
    }

    private static List<Path> list(Path d) {
        try (var s = Files.list(d)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
