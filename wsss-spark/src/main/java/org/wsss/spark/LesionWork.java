package org.wsss.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionCase;
import org.wsss.api.Mask;
import org.wsss.api.Mask3D;
import org.wsss.eval.jobs.LesionJobs;
import org.wsss.eval.jobs.SegmentSettings;
import org.wsss.grabcut.InitialMasks;
import org.wsss.io.MaskPng;
import org.wsss.io.Nifti;

/**
 * What a job does to one lesion, split into the steps the runner times: compute the mask
 * ({@link LesionJobs}, the code the {@code wsss} tool runs), write it, and read an existing output
 * back to check it. Implementations are serialisable values shipped to executors; what is costly
 * to build (a loaded model, the native stacks behind it) is built once per executor JVM and kept
 * in a static cache.
 */
abstract class LesionWork implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Per executor JVM: method name → weak-label method; settings + broadcast id → segmenter. */
    private static final Map<String, InitialMaskMethod> METHODS = new ConcurrentHashMap<>();
    private static final Map<String, SegmentSettings.Handle> SEGMENTERS = new ConcurrentHashMap<>();

    /** The output file name of case {@code id}. */
    abstract String output(String id);

    /** Whether the job writes a {@code lesions} table (measured back from each mask). */
    abstract boolean lesionTable();

    /** Builds (or finds in the JVM's cache) what the work needs; returns the nanoseconds it took. */
    abstract long prepare();

    /** The mask of {@code c}. */
    abstract Object compute(LesionCase c);

    /** Writes {@code result} atomically to {@code file}. */
    abstract void write(Object result, Path file);

    /**
     * Reads an output back; it throws if the file is not a valid output.
     *
     * @return the 3D mask for the lesion table, or null when the job has none
     */
    abstract Mask3D readBack(Path file);

    /** Weak RECIST-slice labels (Sec. 2.1): {@code <id>.png}. */
    static final class WeakLabels extends LesionWork {
        private static final long serialVersionUID = 1L;
        private final String method;
        private transient InitialMaskMethod m;

        WeakLabels(String method) {
            this.method = InitialMasks.byName(method).name();
        }

        String method() {
            return method;
        }

        @Override
        String output(String id) {
            return LesionJobs.weakLabelFile(id);
        }

        @Override
        boolean lesionTable() {
            return false;
        }

        @Override
        long prepare() {
            long t = System.nanoTime();
            m = METHODS.computeIfAbsent(method, InitialMasks::byName);
            return System.nanoTime() - t;
        }

        @Override
        Object compute(LesionCase c) {
            return LesionJobs.weakLabel(m, c);
        }

        @Override
        void write(Object result, Path file) {
            MaskPng.write((Mask) result, file);
        }

        @Override
        Mask3D readBack(Path file) {
            MaskPng.read(file);
            return null;
        }
    }

    /** 3D segmentation (Sec. 2.3): {@code <id>.nii.gz}; the model arrives as a broadcast. */
    static final class Segment extends LesionWork {
        private static final long serialVersionUID = 1L;
        private final SegmentSettings settings;
        private final Broadcast<byte[]> model;
        private transient SegmentSettings.Handle handle;

        Segment(SegmentSettings settings, Broadcast<byte[]> model) {
            this.settings = settings;
            this.model = model;
        }

        @Override
        String output(String id) {
            return LesionJobs.maskFile(id);
        }

        @Override
        boolean lesionTable() {
            return true;
        }

        @Override
        long prepare() {
            long t = System.nanoTime();
            String key = settings + "#" + (model == null ? "none" : Long.toString(model.id()));
            handle = SEGMENTERS.computeIfAbsent(key, k -> open());
            return System.nanoTime() - t;
        }

        /** Loads the broadcast model once per executor JVM (the handle lives as long as the JVM). */
        private SegmentSettings.Handle open() {
            if (model == null) {
                return settings.open(null);
            }
            Path tmp = null;
            try {
                tmp = Files.createTempFile("wsss-model", ".wsss");
                Files.write(tmp, model.value());
                return settings.open(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stage the model file", e);
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // a temporary file left in the temp folder; the model is loaded
                    }
                }
            }
        }

        @Override
        Object compute(LesionCase c) {
            return LesionJobs.segment(handle.segmenter(), c);
        }

        @Override
        void write(Object result, Path file) {
            Nifti.writeMask((Mask3D) result, file);
        }

        @Override
        Mask3D readBack(Path file) {
            return Nifti.readMask(file);
        }
    }
}
