package org.wsss.grabcut.internal;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.wsss.api.SeedLabel;

/**
 * The thin layer over OpenCV's {@code grabCut} (through bytedeco): image and mask conversion,
 * the label codes, and the call itself. The OpenCV codes BG = 0, FG = 1, PBG = 2, PFG = 3 live
 * here only. Callers own the returned {@link Mat}s and close them.
 */
public final class OpenCvGrabCut {

    /**
     * Fewest samples per class (FG + PFG, BG + PBG) the refiner hands to OpenCV. OpenCV throws
     * on an empty class; below its 5 GMM components per class the colour model is degenerate
     * (k-means with more clusters than points), so such seeds are treated as unusable too.
     */
    public static final int MIN_SAMPLES_PER_CLASS = 5;

    private OpenCvGrabCut() {
    }

    /** OpenCV's code for a seed label. */
    public static int code(SeedLabel l) {
        return switch (l) {
            case BACKGROUND -> opencv_imgproc.GC_BGD;
            case FOREGROUND -> opencv_imgproc.GC_FGD;
            case PROBABLE_BACKGROUND -> opencv_imgproc.GC_PR_BGD;
            case PROBABLE_FOREGROUND -> opencv_imgproc.GC_PR_FGD;
        };
    }

    /** Whether an OpenCV code means (probable) foreground. */
    public static boolean isForegroundCode(int code) {
        return code == opencv_imgproc.GC_FGD || code == opencv_imgproc.GC_PR_FGD;
    }

    /** An 8-bit 3-channel image with the gray values (0..255 in bytes) replicated. */
    public static Mat toBgr(byte[] gray, int width, int height) {
        byte[] bgr = new byte[gray.length * 3];
        for (int i = 0, j = 0; i < gray.length; i++, j += 3) {
            bgr[j] = gray[i];
            bgr[j + 1] = gray[i];
            bgr[j + 2] = gray[i];
        }
        Mat m = new Mat(height, width, CV_8UC3);
        try (BytePointer p = m.data()) {
            p.put(bgr, 0, bgr.length);
        }
        return m;
    }

    /** An 8-bit GrabCut mask from seed label ordinals (row-major). */
    public static Mat toGcMask(byte[] seedOrdinals, int width, int height) {
        byte[] codes = new byte[seedOrdinals.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) code(SeedLabel.ofOrdinal(seedOrdinals[i]));
        }
        Mat m = new Mat(height, width, CV_8UC1);
        try (BytePointer p = m.data()) {
            p.put(codes, 0, codes.length);
        }
        return m;
    }

    /**
     * Runs {@code grabCut} with {@code GC_INIT_WITH_MASK}, updating {@code mask} in place. The
     * calling thread's OpenCV RNG is reseeded first (it is thread-local in OpenCV), so the
     * result depends only on the inputs.
     *
     * @throws RuntimeException whatever OpenCV throws (e.g. an empty class)
     */
    public static void grabCut(Mat bgr, Mat mask, int iterations, int rngSeed) {
        opencv_core.setRNGSeed(rngSeed);
        try (Mat bgd = new Mat(); Mat fgd = new Mat(); Rect none = new Rect()) {
            opencv_imgproc.grabCut(bgr, mask, none, bgd, fgd, iterations, opencv_imgproc.GC_INIT_WITH_MASK);
        }
    }

    /** The foreground (FG or PFG code) pixels of a GrabCut mask, row-major. */
    public static boolean[] foreground(Mat mask) {
        int n = mask.rows() * mask.cols();
        byte[] codes = new byte[n];
        try (BytePointer p = mask.data()) {
            p.get(codes, 0, n);
        }
        boolean[] fg = new boolean[n];
        for (int i = 0; i < n; i++) {
            fg[i] = isForegroundCode(codes[i]);
        }
        return fg;
    }
}
