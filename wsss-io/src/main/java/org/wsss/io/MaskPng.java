package org.wsss.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.wsss.api.Mask;
import org.wsss.api.WsssIoException;

/**
 * A 2D mask as an 8-bit grayscale PNG: 255 = lesion, 0 = background, the size of the slice it
 * was made on. The format of the {@code weak-labels} command's output. Streams are opened on
 * files and memory directly, so ImageIO's global disk-cache setting plays no part.
 */
public final class MaskPng {

    /** Stored value of a lesion pixel. */
    public static final int LESION = 255;

    private MaskPng() {
    }

    /**
     * Writes {@code mask} to {@code file} atomically.
     *
     * @throws WsssIoException naming the file if it cannot be written
     */
    public static void write(Mask mask, Path file) {
        Objects.requireNonNull(mask, "mask");
        int w = mask.width(), h = mask.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < data.length; i++) {
            data[i] = mask.getIndex(i) ? (byte) LESION : 0;
        }
        Png16.writeAtomically(file, img);
    }

    /**
     * Reads a mask written by {@link #write}.
     *
     * @throws WsssIoException naming the file if it is missing, not a PNG, not 8-bit single-channel,
     *     larger than {@link org.wsss.api.ReadLimits#slicePixels()} of the defaults (checked from
     *     its header before decoding), or holds a value other than 0 and 255
     */
    public static Mask read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new WsssIoException(file, "mask PNG not found", null);
        }
        BufferedImage img = Png16.decode(file, -1, -1, org.wsss.api.ReadLimits.defaults().slicePixels());
        Raster r = img.getRaster();
        int bits = r.getSampleModel().getSampleSize(0);
        if (r.getNumBands() != 1 || bits != 8) {
            throw new WsssIoException(file, "expected an 8-bit grayscale PNG, got " + r.getNumBands()
                    + " channel(s) of " + bits + " bits", null);
        }
        int w = r.getWidth(), h = r.getHeight();
        int[] v = r.getSamples(r.getMinX(), r.getMinY(), w, h, 0, (int[]) null);
        boolean[] m = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0 && v[i] != LESION) {
                throw new WsssIoException(file, "pixel (" + i % w + ", " + i / w + ") is " + v[i]
                        + "; a mask holds only 0 and " + LESION, null);
            }
            m[i] = v[i] == LESION;
        }
        return Mask.of(w, h, m);
    }
}
