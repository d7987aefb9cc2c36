package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.LesionCase;
import org.wsss.api.ReadLimits;
import org.wsss.api.WsssIoException;

/**
 * Hostile inputs that once exhausted the heap, hung the reader or slipped through: each must now
 * give a clear error naming the file (and the limit) without allocating what the input claims.
 */
class BoundedReadTest {

    @TempDir
    Path dir;

    private static final int COORDS = 5, RANGE = 11, SPACING = 12, SIZE = 13;

    @Test
    void dlInfoLinkedToDevZeroIsRefusedAtOnce() throws IOException {
        Files.createDirectories(dir.resolve("Images_png"));
        Files.createSymbolicLink(dir.resolve("DL_info.csv"), Path.of("/dev/zero"));
        WsssIoException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(WsssIoException.class, () -> DeepLesion.open(dir)));
        assertTrue(e.getMessage().contains("DL_info.csv") && e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void dlInfoAsAFifoWithoutWriterDoesNotHang() throws Exception {
        Files.createDirectories(dir.resolve("Images_png"));
        Path fifo = dir.resolve("DL_info.csv");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, p.waitFor());
        WsssIoException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(WsssIoException.class, () -> DeepLesion.open(dir)));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void csvSizeLineLengthAndRowCountAreCapped() throws IOException {
        DlFixture.csv(dir, DlFixture.ROW, DlFixture.ROW, DlFixture.ROW);
        WsssIoException big = assertThrows(WsssIoException.class,
                () -> DeepLesion.open(dir, ReadLimits.defaults().with("csvBytes=1k")));
        assertTrue(big.getMessage().contains("csvBytes = 1024"), big.getMessage());
        WsssIoException rows = assertThrows(WsssIoException.class,
                () -> DeepLesion.open(dir, ReadLimits.defaults().with("csvRows=2")));
        assertTrue(rows.getMessage().contains("data rows = 3, over the limit csvRows = 2"), rows.getMessage());
        // One line of 100 000 characters and no line break.
        Files.writeString(dir.resolve("DL_info.csv"), DlFixture.HEADER + "\n" + "x".repeat(100_000));
        WsssIoException line = assertThrows(WsssIoException.class, () -> DeepLesion.open(dir));
        assertTrue(line.getMessage().contains("row 2") && line.getMessage().contains("csvLineChars = 65536"),
                line.getMessage());
        assertEquals(3, DeepLesion.open(dir.resolve("..").resolve(dir.getFileName()), ReadLimits.defaults()
                .with("csvLineChars=200000")).problems().size() + 2);
    }

    @Test
    void aPngDeclaringAHugeSizeIsRefusedFromItsHeader() throws IOException {
        // 30000 x 30000 16-bit: decoding would allocate 1.8 GB; the header alone must stop it.
        Path png = dir.resolve("huge.png");
        Files.write(png, pngWithHeader(30000, 30000, 16));
        WsssIoException e = assertThrows(WsssIoException.class,
                () -> Png16.decode(png, -1, -1, ReadLimits.defaults().slicePixels()));
        assertTrue(e.getMessage().contains("30000x30000") && e.getMessage().contains("slicePixels = 16777216"),
                e.getMessage());
        WsssIoException size = assertThrows(WsssIoException.class, () -> Png16.read(png, 512, 512));
        assertTrue(size.getMessage().contains("image is 30000x30000, Image_size says 512x512"), size.getMessage());
        WsssIoException mask = assertThrows(WsssIoException.class, () -> MaskPng.read(png));
        assertTrue(mask.getMessage().contains("slicePixels"), mask.getMessage());
    }

    @Test
    void rowsOverTheLimitsOrOutsideThePhysicalSpacingRangeAreBadRowsNamingTheLesion() {
        String huge = DlFixture.withField(DlFixture.ROW, SIZE, "30000, 30000");
        String deep = DlFixture.withField(DlFixture.ROW, RANGE, "0, 9999");
        // 1e200 mm and parallel axes: the angle check once compared against NaN and let it through.
        String far = DlFixture.withField(DlFixture.withField(DlFixture.ROW, SPACING, "1e200, 1e200, 5"), COORDS,
                "100, 100, 120, 100, 100, 101, 120, 101");
        String fine = DlFixture.withField(DlFixture.ROW, SPACING, "0.001, 0.5, 5");
        DlFixture.csv(dir, huge, deep, far, fine);
        List<WsssIoException> p = DeepLesion.open(dir).problems();
        assertEquals(4, p.size(), p.toString());
        assertTrue(p.get(0).getMessage().contains("row 2: lesion 000001_01_01_109: Image_size")
                && p.get(0).getMessage().contains("slicePixels"), p.get(0).getMessage());
        assertTrue(p.get(1).getMessage().contains("slicesPerSeries = 4096"), p.get(1).getMessage());
        assertTrue(p.get(2).getMessage().contains("1.0E200 mm lies outside the physical range [0.01, 50.0] mm"),
                p.get(2).getMessage());
        assertTrue(p.get(3).getMessage().contains("0.001 mm lies outside"), p.get(3).getMessage());
        assertEquals("000001_01_01_109", p.get(0).lesion().orElseThrow());
        assertEquals("000001_01_01_109_2", p.get(1).lesion().orElseThrow());
        assertEquals(3, p.get(1).row());
        // raised limits let the first two through
        ReadLimits raised = ReadLimits.defaults().with("slicePixels=900000000").with("slicesPerSeries=10000");
        assertEquals(2, DeepLesion.open(dir, raised).problems().size());
    }

    @Test
    void diametersThatDisagreeWithTheCoordinatesMakeABadRow() {
        String shifted = DlFixture.withField(DlFixture.ROW, 7, "50.0, 40.0");   // Lesion_diameters_Pixel_
        String close = DlFixture.withField(DlFixture.ROW, 7, CsvLine.split(DlFixture.ROW).get(7).replace(",", " ,"));
        DlFixture.csv(dir, DlFixture.ROW, shifted, close);
        List<WsssIoException> p = DeepLesion.open(dir).problems();
        assertEquals(1, p.size(), p.toString());
        assertEquals(3, p.get(0).row());
        assertTrue(p.get(0).getMessage().contains("Lesion_diameters_Pixel_: 50.00, 40.00 px disagree with the axes of"
                + " Measurement_coordinates"), p.get(0).getMessage());
    }

    @Test
    void aDegenerateRecistRowIsNamedByItsLesionId() {
        String degenerate = DlFixture.withField(DlFixture.ROW, COORDS, "100, 100, 100, 100, 90, 90, 110, 110");
        DlFixture.csv(dir, DlFixture.ROW, degenerate);
        WsssIoException e = DeepLesion.open(dir).problems().get(0);
        assertEquals("000001_01_01_109_2", e.lesion().orElseThrow());
        assertTrue(e.getMessage().contains("DL_info.csv, row 3: lesion 000001_01_01_109_2: Measurement_coordinates:"
                + " degenerate RECIST"), e.getMessage());
    }

    @Test
    void aGapInTheSeriesFailsTheCaseNamingTheMissingSlice() {
        DlFixture.csv(dir, DlFixture.withField(DlFixture.withField(DlFixture.ROW, SIZE, "8, 8"), COORDS,
                "1, 1, 6, 1, 3, 0, 3, 2"));
        Path series = dir.resolve("Images_png/000001_01_01");
        for (int z : new int[] {107, 108, 109, 111, 112}) {
            DlFixture.png16(series.resolve(z + ".png"), 8, 8, (x, y) -> 32768);
        }
        LesionCase c = DeepLesion.open(dir).get(0);
        WsssIoException e = assertThrows(WsssIoException.class, c::sliceIndices);
        assertTrue(e.getMessage().contains("110.png") && e.getMessage().contains("missing between slices 109 and 111"),
                e.getMessage());
        // missing slices at the ends of the range are fine: a folder may hold only some slices
        try {
            Files.delete(series.resolve("111.png"));
            Files.delete(series.resolve("112.png"));
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
        assertArrayEquals(new int[] {107, 108, 109}, DeepLesion.open(dir).get(0).sliceIndices());
    }

    @Test
    void aGzipBombOrADevicePosingAsNiftiIsRefused() throws IOException {
        Path bomb = dir.resolve("bomb.nii.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) { // 64 MB of zeros, 64 kB on disk
                out.write(zeros);
            }
        }
        // the cap for 1M voxels: 8 MB and a header, far below what the bomb inflates to
        WsssIoException e = assertThrows(WsssIoException.class,
                () -> Nifti.read(bomb, ReadLimits.defaults().with("volumeVoxels=1m")));
        assertTrue(e.getMessage().contains("decompressed content is over"), e.getMessage());
        Path dev = dir.resolve("zero.nii");
        Files.createSymbolicLink(dev, Path.of("/dev/zero"));
        WsssIoException d = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(WsssIoException.class, () -> Nifti.read(dev)));
        assertTrue(d.getMessage().contains("not a regular file"), d.getMessage());
    }

    @Test
    void limitsAreOverridableByNameAndBadOverridesAreNamed() {
        ReadLimits l = ReadLimits.defaults().with("csvBytes=2m").with(" slicePixels = 100 ");
        assertEquals(2L << 20, l.csvBytes());
        assertEquals(100, l.slicePixels());
        assertEquals(ReadLimits.defaults().modelBytes(), l.modelBytes());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ReadLimits.defaults().with("pixels=3"));
        assertTrue(unknown.getMessage().contains("[slicePixels, slicesPerSeries"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReadLimits.defaults().with("csvBytes=lots"));
        assertThrows(IllegalArgumentException.class, () -> ReadLimits.defaults().with("csvRows=0"));
        assertThrows(IllegalArgumentException.class, () -> ReadLimits.defaults().with("slicePixels=8g"));
    }

    /** A PNG signature, an IHDR declaring {@code w × h} grayscale at {@code bits}, a tiny IDAT and IEND. */
    static byte[] pngWithHeader(int w, int h, int bits) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) bits).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(9))) {
            d.write(new byte[4096]);
        }
        chunk(out, "IDAT", z.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
