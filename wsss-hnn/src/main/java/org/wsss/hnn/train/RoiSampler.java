package org.wsss.hnn.train;

import java.util.List;
import java.util.SplittableRandom;

import org.wsss.api.Mask;
import org.wsss.api.ProbabilityMap;
import org.wsss.api.Provenance;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.Slice;
import org.wsss.api.WeakLabel;
import org.wsss.api.Window;
import org.wsss.hnn.loss.PixelWeights;
import org.wsss.hnn.model.Bilinear;

/**
 * The input pipeline of Sec. 3 ("Pre-processing"): a ROI around the RECIST mark, windowed,
 * resampled to the network's {@code S × S} input; and the way back, from the network's output
 * to a {@link ProbabilityMap} over the ROI in slice coordinates.
 *
 * <p>Network pixel (u, v) looks at ROI position {@code ((u + 0.5)·w/S − 0.5, (v + 0.5)·h/S − 0.5)}
 * (pixel centres at integers, the bilinear convention of {@link Bilinear}), optionally moved by an
 * augmentation transform (flip, rotation, scale about the ROI centre). The image is sampled
 * bilinearly with edge replication outside the slice; labels are sampled at the nearest pixel
 * and carry no loss outside the slice.
 *
 * <p>Deviations from the paper: the ROI is a square of side 2 × the longer side of the RECIST
 * bounding box (Sec. 3: "two times the extent of the lesion's longest diameters"), rather than
 * [2w, 2h], so that resizing to the square input keeps the aspect ratio.
 */
public final class RoiSampler {

    /** Smallest ROI side in pixels, so a tiny mark still gets some context. */
    public static final int MIN_ROI_SIDE = 8;

    private final int size;

    /** A sampler for an {@code size × size} network input. */
    public RoiSampler(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("RoiSampler size must be >= 1, got " + size);
        }
        this.size = size;
    }

    /** Side of the network input. */
    public int size() {
        return size;
    }

    /**
     * The square ROI of side {@code 2·max(w, h)} (at least {@link #MIN_ROI_SIDE}) centred on the
     * RECIST bounding box; it may reach outside the slice.
     */
    public static Roi recistRoi(Recist recist) {
        Roi box = recist.boundingBox();
        int side = Math.max(MIN_ROI_SIDE, 2 * Math.max(box.width(), box.height()));
        double cx = box.x() + (box.width() - 1) / 2.0;
        double cy = box.y() + (box.height() - 1) / 2.0;
        int x0 = (int) Math.round(cx - (side - 1) / 2.0);
        int y0 = (int) Math.round(cy - (side - 1) / 2.0);
        return new Roi(x0, y0, side, side);
    }

    /** A geometric + intensity transform; {@link #IDENTITY} for inference. */
    public record Transform(boolean flipX, boolean flipY, double angle, double scale, double gain, double offset) {
        /** No change. */
        public static final Transform IDENTITY = new Transform(false, false, 0, 1, 1, 0);

        /** A random transform within {@code a}'s ranges. */
        public static Transform random(Augmentation a, SplittableRandom rnd) {
            boolean fx = a.flips() && rnd.nextBoolean();
            boolean fy = a.flips() && rnd.nextBoolean();
            double ang = a.maxRotationDegrees() == 0 ? 0
                    : Math.toRadians(rnd.nextDouble(-a.maxRotationDegrees(), a.maxRotationDegrees()));
            double sc = a.maxScale() == 0 ? 1 : rnd.nextDouble(1 - a.maxScale(), 1 + a.maxScale());
            double j = a.intensityJitter();
            double gain = j == 0 ? 1 : rnd.nextDouble(1 - j, 1 + j);
            double off = j == 0 ? 0 : rnd.nextDouble(-j, j);
            return new Transform(fx, fy, ang, sc, gain, off);
        }
    }

    /** Windowed, resampled input, row-major {@code S·S} values in [0, 1]. */
    public float[] input(Slice slice, Roi roi, Window window, Transform t) {
        float[] hu = slice.toArray();
        int w = slice.width(), h = slice.height();
        float[] out = new float[size * size];
        double[] xy = new double[2];
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                position(roi, t, u, v, xy);
                float val = window.apply(Bilinear.sample(hu, w, h, xy[0], xy[1]));
                double j = val * t.gain() + t.offset();
                out[v * size + u] = (float) (j < 0 ? 0 : j > 1 ? 1 : j);
            }
        }
        return out;
    }

    /**
     * The input of a network with {@code channels} channels, {@code channels·S·S} values: channel
     * 0 is {@code slice}, channels 1… the context slices in order (a 2.5D network,
     * {@link org.wsss.hnn.model.HnnConfig#contextMm()}), each through the same ROI and transform.
     * With no context given, a multi-channel network gets the slice in every channel.
     *
     * @throws IllegalArgumentException if the context is neither empty nor {@code channels − 1}
     *     slices
     */
    public float[] input(Slice slice, List<Slice> context, Roi roi, Window window, Transform t, int channels) {
        if (channels == 1) {
            return input(slice, roi, window, t);
        }
        if (!context.isEmpty() && context.size() != channels - 1) {
            throw new IllegalArgumentException("a " + channels + "-channel network reads " + (channels - 1)
                    + " context slices, got " + context.size());
        }
        float[] out = new float[channels * size * size];
        float[] centre = input(slice, roi, window, t);
        System.arraycopy(centre, 0, out, 0, centre.length);
        for (int c = 1; c < channels; c++) {
            float[] in = context.isEmpty() ? centre : input(context.get(c - 1), roi, window, t);
            System.arraycopy(in, 0, out, c * size * size, in.length);
        }
        return out;
    }

    /** Loss weights from a weak label over the whole slice, sampled at the nearest pixel. */
    public PixelWeights weakTarget(WeakLabel label, Roi roi, Transform t) {
        int w = label.width(), h = label.height();
        byte[] code = new byte[w * h];
        for (int i : label.recistIndices()) {
            code[i] = 1;
        }
        for (int i : label.foregroundIndices()) {
            code[i] = 2;
        }
        for (int i : label.backgroundIndices()) {
            code[i] = 3;
        }
        Mask.Builder r = Mask.builder(size, size), f = Mask.builder(size, size), b = Mask.builder(size, size);
        double[] xy = new double[2];
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                position(roi, t, u, v, xy);
                int x = (int) Math.round(xy[0]), y = (int) Math.round(xy[1]);
                if (x < 0 || y < 0 || x >= w || y >= h) {
                    continue;
                }
                switch (code[y * w + x]) {
                    case 1 -> r.set(u, v);
                    case 2 -> f.set(u, v);
                    case 3 -> b.set(u, v);
                    default -> { }
                }
            }
        }
        return PixelWeights.weak(WeakLabel.of(r.build(), f.build(), b.build()));
    }

    /** Class-balanced loss weights from a ground-truth mask over the whole slice. */
    public PixelWeights supervisedTarget(Mask gt, Roi roi, Transform t) {
        return PixelWeights.supervised(resampleMask(gt, roi, t));
    }

    /** A slice-sized mask sampled (nearest pixel) into the network frame; outside the slice is false. */
    public Mask resampleMask(Mask m, Roi roi, Transform t) {
        Mask.Builder out = Mask.builder(size, size);
        double[] xy = new double[2];
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                position(roi, t, u, v, xy);
                int x = (int) Math.round(xy[0]), y = (int) Math.round(xy[1]);
                if (x >= 0 && y >= 0 && x < m.width() && y < m.height() && m.get(x, y)) {
                    out.set(u, v);
                }
            }
        }
        return out.build();
    }

    /**
     * The network's {@code S × S} output mapped back (bilinearly) onto the part of {@code roi}
     * inside the slice.
     */
    public ProbabilityMap toSlice(float[] prob, Roi roi, int sliceWidth, int sliceHeight, Provenance provenance) {
        Roi clipped = roi.clip(sliceWidth, sliceHeight);
        float[] p = new float[clipped.area()];
        double sx = (double) size / roi.width(), sy = (double) size / roi.height();
        for (int r = 0; r < clipped.height(); r++) {
            double v = (clipped.y() + r - roi.y() + 0.5) * sy - 0.5;
            for (int c = 0; c < clipped.width(); c++) {
                double u = (clipped.x() + c - roi.x() + 0.5) * sx - 0.5;
                float val = Bilinear.sample(prob, size, size, u, v);
                p[r * clipped.width() + c] = val < 0 ? 0 : val > 1 ? 1 : val;
            }
        }
        return ProbabilityMap.of(clipped, p, provenance);
    }

    /** Slice position seen by network pixel (u, v). */
    private void position(Roi roi, Transform t, int u, int v, double[] xy) {
        double a = (u + 0.5) / size - 0.5;
        double b = (v + 0.5) / size - 0.5;
        if (t.flipX()) {
            a = -a;
        }
        if (t.flipY()) {
            b = -b;
        }
        double cos = Math.cos(t.angle()) * t.scale(), sin = Math.sin(t.angle()) * t.scale();
        double a2 = cos * a - sin * b;
        double b2 = sin * a + cos * b;
        xy[0] = roi.x() + (a2 + 0.5) * roi.width() - 0.5;
        xy[1] = roi.y() + (b2 + 0.5) * roi.height() - 0.5;
    }
}
