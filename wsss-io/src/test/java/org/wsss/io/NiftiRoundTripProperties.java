package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.wsss.api.Mask3D;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;

/** Write-then-read returns what was written, for random masks, volumes and headers, .nii and .nii.gz. */
class NiftiRoundTripProperties {

    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("nifti-props");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static Path file(boolean gz, long seed) {
        return dir.resolve("p" + Long.toHexString(seed) + (gz ? ".nii.gz" : ".nii"));
    }

    private static VoxelSpacing spacing(SplittableRandom r) {
        // Three-decimal spacings, as DICOM headers give them; they survive the float32 pixdim.
        return new VoxelSpacing(r.nextInt(1, 5000) / 1000.0, r.nextInt(1, 5000) / 1000.0, r.nextInt(1, 10000) / 1000.0);
    }

    @Property(tries = 40)
    void maskRoundTrips(@ForAll @IntRange(min = 1, max = 17) int w, @ForAll @IntRange(min = 1, max = 13) int h,
                        @ForAll @IntRange(min = 1, max = 9) int d, @ForAll boolean gz, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double density = r.nextDouble();
        Mask3D.Builder b = Mask3D.builder(w, h, d, spacing(r));
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (r.nextDouble() < density) {
                        b.set(x, y, z);
                    }
                }
            }
        }
        Mask3D m = b.build();
        Path f = file(gz, seed);
        Nifti.writeMask(m, f);
        assertEquals(m, Nifti.readMask(f));
        NiftiImage img = Nifti.read(f);
        assertEquals(Nifti.fromMask3D(m), img);
        assertEquals(m.count(), (long) java.util.Arrays.stream(img.rawValues()).sum());
    }

    @Property(tries = 30)
    void int16VolumeRoundTrips(@ForAll @IntRange(min = 1, max = 15) int w, @ForAll @IntRange(min = 1, max = 11) int h,
                               @ForAll @IntRange(min = 1, max = 7) int d, @ForAll boolean gz, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Volume v = NiftiGoldenSources.volume(w, h, d, spacing(r), (x, y, z) -> r.nextInt(-32768, 32768));
        Path f = file(gz, seed);
        Nifti.writeVolume(v, NiftiDataType.INT16, f);
        assertSameVolume(v, Nifti.readVolume(f));
        assertEquals(NiftiDataType.INT16, Nifti.read(f).dataType());
    }

    @Property(tries = 30)
    void float32VolumeRoundTrips(@ForAll @IntRange(min = 1, max = 15) int w, @ForAll @IntRange(min = 1, max = 11) int h,
                                 @ForAll @IntRange(min = 1, max = 7) int d, @ForAll boolean gz, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Volume v = NiftiGoldenSources.volume(w, h, d, spacing(r),
                (x, y, z) -> (float) (r.nextDouble() * 5000 - 2000) * (r.nextBoolean() ? 1f : 1e-3f));
        Path f = file(gz, seed);
        Nifti.writeVolume(v, NiftiDataType.FLOAT32, f);
        assertSameVolume(v, Nifti.readVolume(f));
    }

    /** Any header this package keeps, any type: the image read back equals the one written. */
    @Property(tries = 40)
    void imageWithRandomHeaderRoundTrips(@ForAll NiftiDataType type, @ForAll boolean gz, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nx = r.nextInt(1, 8);
        int ny = r.nextInt(1, 8);
        int nz = r.nextInt(1, 8);
        NiftiImage.Builder b = NiftiImage.builder(nx, ny, nz, type)
                .ndim(nz == 1 ? r.nextInt(ny == 1 ? 1 : 2, 5) : r.nextInt(3, 8))
                .pixdim(randomFloats(r, 8))
                .scaling((float) r.nextDouble(-4, 4), (float) r.nextDouble(-2000, 2000))
                .qform(r.nextInt(0, 5), f(r), f(r), f(r), f(r), f(r), f(r))
                .sform(r.nextInt(0, 5), randomFloats(r, 4), randomFloats(r, 4), randomFloats(r, 4))
                .xyztUnits(r.nextInt(0, 256))
                .descrip("seed " + seed);
        for (int n = 0; n < nx * ny * nz; n++) {
            b.setRaw(n, randomValue(type, r));
        }
        NiftiImage img = b.build();
        Path f = file(gz, seed);
        Nifti.write(img, f);
        NiftiImage back = Nifti.read(f);
        assertEquals(img, back);
        assertArrayEquals(img.rawValues(), back.rawValues());
        assertArrayEquals(img.values(), back.values());
    }

    static double randomValue(NiftiDataType type, SplittableRandom r) {
        return switch (type) {
            case UINT8 -> r.nextInt(256);
            case INT16 -> r.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
            case UINT16 -> r.nextInt(65536);
            case INT32 -> r.nextInt();
            case FLOAT32 -> (float) (r.nextGaussian() * 1e3);
            case FLOAT64 -> r.nextGaussian() * 1e6;
        };
    }

    private static float f(SplittableRandom r) {
        return (float) r.nextDouble(-500, 500);
    }

    private static float[] randomFloats(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = f(r);
        }
        return v;
    }

    static void assertSameVolume(Volume expected, Volume actual) {
        assertEquals(expected.spacing(), actual.spacing());
        assertEquals(expected.depth(), actual.depth());
        for (int z = 0; z < expected.depth(); z++) {
            assertEquals(expected.slice(z), actual.slice(z), "slice " + z);
        }
    }
}
