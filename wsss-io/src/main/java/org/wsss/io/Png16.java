package org.wsss.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.wsss.api.ReadLimits;
import org.wsss.api.Slice;
import org.wsss.api.WsssIoException;

/**
 * DeepLesion's slice images: 16-bit grayscale PNG holding {@code HU + 32768}. Streams are opened
 * on files directly, so ImageIO's global disk-cache setting plays no part.
 */
final class Png16 {

    /** Stored value = HU + {@value}. */
    static final int HU_OFFSET = 32768;

    private Png16() {
    }

    /**
     * Reads a slice's HU values, row-major.
     *
     * @throws WsssIoException naming the file if it is missing, not a PNG, truncated, not 16-bit
     *     single-channel, or not {@code width × height}
     */
    static float[] read(Path file, int width, int height) {
        return read(file, width, height, ReadLimits.defaults().slicePixels());
    }

    /** As {@link #read(Path, int, int)}, refusing more than {@code maxPixels} pixels before decoding. */
    static float[] read(Path file, int width, int height, long maxPixels) {
        if (!Files.isRegularFile(file)) {
            throw new WsssIoException(file, Files.exists(file) ? "not a regular file" : "slice PNG not found", null);
        }
        BufferedImage img = decode(file, width, height, maxPixels);
        Raster r = img.getRaster();
        int bits = r.getSampleModel().getSampleSize(0);
        if (r.getNumBands() != 1 || bits != 16 || r.getTransferType() != DataBuffer.TYPE_USHORT) {
            throw new WsssIoException(file, "expected a 16-bit grayscale PNG, got " + r.getNumBands() + " channel(s) of "
                    + bits + " bits", null);
        }
        if (r.getWidth() != width || r.getHeight() != height) {
            throw new WsssIoException(file, "image is " + r.getWidth() + "x" + r.getHeight() + ", Image_size says "
                    + width + "x" + height, null);
        }
        int[] v = r.getSamples(r.getMinX(), r.getMinY(), width, height, 0, (int[]) null);
        float[] hu = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            hu[i] = v[i] - HU_OFFSET;
        }
        return hu;
    }

    /**
     * Writes {@code slice} as a 16-bit PNG at {@code file}, through a temporary file in the same
     * folder moved into place, so the file is never seen half-written. HU values are rounded to
     * the nearest integer.
     *
     * @throws IllegalArgumentException if a pixel rounds outside [−32768, 32767] HU, naming it
     * @throws WsssIoException if the file cannot be written
     */
    static void write(Path file, Slice slice) {
        int w = slice.width(), h = slice.height();
        float[] hu = slice.toArray();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        short[] data = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < hu.length; i++) {
            long v = Math.round((double) hu[i]) + HU_OFFSET;
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("pixel (" + i % w + ", " + i / w + ") of " + file + " is " + hu[i]
                        + " HU, outside the 16-bit range [-32768, 32767]");
            }
            data[i] = (short) v;
        }
        writeAtomically(file, img);
    }

    /**
     * Writes {@code img} as a PNG to {@code file} through {@link AtomicFiles#write}; streams are
     * opened on memory directly, so ImageIO's global disk-cache setting plays no part.
     */
    static void writeAtomically(Path file, BufferedImage img) {
        AtomicFiles.write(file, out -> {
            Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("png");
            if (!it.hasNext()) {
                throw new IOException("this Java runtime has no PNG writer");
            }
            ImageWriter writer = it.next();
            try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), null);
            } finally {
                writer.dispose();
            }
        });
    }

    /**
     * Decodes {@code file} after checking the size its header declares: {@code width × height}
     * when both are positive, and at most {@code maxPixels} pixels in any case. ImageIO allocates
     * the raster from the header, so a 1.8 MB PNG declaring 30000 × 30000 would otherwise take
     * 1.8 GB before any check.
     *
     * @throws WsssIoException naming the file if it is corrupt, truncated or of another size
     */
    static BufferedImage decode(Path file, int width, int height, long maxPixels) {
        ImageReader reader = pngReader(file);
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            int w = reader.getWidth(0), h = reader.getHeight(0);
            if (width > 0 && height > 0 && (w != width || h != height)) {
                throw new WsssIoException(file, "image is " + w + "x" + h + ", Image_size says " + width + "x" + height,
                        null);
            }
            if ((long) w * h > maxPixels) {
                throw new WsssIoException(file, ReadLimits.over("image " + w + "x" + h + " pixels", (long) w * h,
                        "slicePixels", maxPixels), null);
            }
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            if (e instanceof WsssIoException w) {
                throw w;
            }
            // ImageIO reports corrupt data both as IIOException and as unchecked exceptions.
            throw new WsssIoException(file, "cannot decode PNG (corrupt or truncated): " + e, e);
        } finally {
            reader.dispose();
        }
    }

    /** ImageIO's PNG reader, or a {@link WsssIoException} naming {@code file} if the runtime has none. */
    static ImageReader pngReader(Path file) {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("png");
        if (!it.hasNext()) {
            throw new WsssIoException(file, "this Java runtime has no PNG reader", null);
        }
        return it.next();
    }
}
