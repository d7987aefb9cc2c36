package org.wsss.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Builds DeepLesion-layout folders for tests with plain ImageIO, independent of the writer. */
final class DlFixture {

    static final String HEADER = String.join(",", DlInfo.HEADER);

    /** A valid row: the values of DeepLesion's first row (000001_01_01_109.png, key 109 in 103..115, 512x512). */
    static final String ROW = "000001_01_01_109.png,1,1,1,109,"
            + "\"233.537, 95.0204, 234.057, 106.977, 231.169, 101.605, 236.252, 101.143\","
            + "\"226.169, 90.0204, 241.252, 111.977\",\"11.9677, 5.10387\",\"0.44666, 0.283794, 0.434454\","
            + "3,0,\"103, 115\",\"0.488281, 0.488281, 5\",\"512, 512\",\"-175, 275\",F,62,3";

    private DlFixture() {
    }

    static Path csv(Path dir, String... rows) {
        try {
            Files.createDirectories(dir.resolve("Images_png"));
            Path f = dir.resolve("DL_info.csv");
            Files.writeString(f, HEADER + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 16-bit PNG whose stored value at (x, y) is {@code value(x, y)}. */
    static Path png16(Path file, int w, int h, java.util.function.IntBinaryOperator value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        short[] d = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                d[y * w + x] = (short) value.applyAsInt(x, y);
            }
        }
        return write(file, img);
    }

    /** An 8-bit grayscale PNG. */
    static Path png8(Path file, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) i;
        }
        return write(file, img);
    }

    private static Path write(Path file, BufferedImage img) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fields(String row) {
        return CsvLine.split(row);
    }

    /** {@code row} with field {@code k} (0-based) replaced by {@code value} (quoted if needed). */
    static String withField(String row, int k, String value) {
        List<String> f = new java.util.ArrayList<>(CsvLine.split(row));
        f.set(k, value);
        if (k == 5) {
            // new coordinates: their derived diameters follow, as a real DL_info.csv has them
            try {
                double[] c = CsvLine.parseDoubles("coords", value, 8);
                f.set(7, CsvLine.formatList(Math.hypot(c[2] - c[0], c[3] - c[1]), Math.hypot(c[6] - c[4], c[7] - c[5])));
            } catch (IllegalArgumentException e) {
                // malformed on purpose: the test is about the coordinates
            }
        }
        return CsvLine.join(f);
    }
}
