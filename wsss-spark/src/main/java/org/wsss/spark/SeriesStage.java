package org.wsss.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wsss.api.ForwardingLesionCase;
import org.wsss.api.LesionCase;
import org.wsss.api.Slice;
import org.wsss.io.DeepLesion;
import org.wsss.io.DeepLesionDataset;

/**
 * One series on an executor, made readable by the SDK's DeepLesion reader: a local working folder
 * holding a {@code DL_info.csv} with the series' rows and {@code Images_png/<series>}, a link to
 * the series folder when the dataset is on the local file system, else a copy of its PNGs fetched
 * once through Hadoop. The cases share one cache of decoded slices, so each slice of the series is
 * read and decoded once however many lesions are marked on it. Not thread-safe (one task's
 * series); {@link #close} deletes the working folder.
 */
final class SeriesStage implements AutoCloseable {

    private final Path work;
    private final SparkPaths data;
    private final List<LesionCase> cases;
    private final Map<String, Slice> slices = new ConcurrentHashMap<>();
    private final RuntimeException fetchError;
    private long readNanos;

    private SeriesStage(Path work, SparkPaths data, List<LesionCase> cases, RuntimeException fetchError) {
        this.work = work;
        this.fetchError = fetchError;
        this.data = data;
        this.cases = cases;
    }

    /**
     * Stages {@code series} for the references {@code refs} (all of that series, in row order).
     *
     * @throws org.wsss.api.WsssIoException if the series cannot be fetched (the lesions then fail)
     */
    static SeriesStage open(SparkPaths data, String header, String series, List<LesionRef> refs) {
        Path work;
        try {
            work = Files.createTempDirectory("wsss-spark-series");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a local working folder", e);
        }
        try {
            StringBuilder csv = new StringBuilder(header).append('\n');
            for (LesionRef r : refs) {
                csv.append(r.getLine()).append('\n');
            }
            Files.writeString(work.resolve(DeepLesion.CSV_FILE), csv, StandardCharsets.UTF_8);
            Path images = Files.createDirectories(work.resolve(DeepLesion.IMAGES_DIR));
            String rel = DeepLesion.IMAGES_DIR + "/" + series;
            RuntimeException fetchError = null;
            try {
                if (data.isLocal()) {
                    Path real = data.localRoot().resolve(DeepLesion.IMAGES_DIR).resolve(series).toAbsolutePath();
                    if (Files.isDirectory(real)) {
                        Files.createSymbolicLink(images.resolve(series), real);
                    }
                } else {
                    for (String name : data.list(rel)) {
                        if (name.endsWith(".png")) {
                            data.copyToLocal(rel + "/" + name, images.resolve(series).resolve(name));
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The lesions of the series fail with this reason; their rows still read.
                fetchError = e instanceof RuntimeException re ? re
                        : new UncheckedIOException("cannot fetch series " + data.display(rel), (IOException) e);
            }
            DeepLesionDataset ds = DeepLesion.open(work);
            if (ds.size() != refs.size()) {
                throw new IllegalStateException("series " + series + ": " + ds.size() + " of " + refs.size()
                        + " rows read back");
            }
            SeriesStage stage = new SeriesStage(work, data, new ArrayList<>(), fetchError);
            for (int i = 0; i < ds.size(); i++) {
                stage.cases.add(stage.new StagedCase(ds.get(i), refs.get(i).getId()));
            }
            return stage;
        } catch (IOException | RuntimeException e) {
            deleteTree(work);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new UncheckedIOException("cannot stage series " + series, (IOException) e);
        }
    }

    /** The staged case of the {@code i}-th reference. */
    LesionCase get(int i) {
        return cases.get(i);
    }

    /** Nanoseconds spent reading and decoding slices so far. */
    long readNanos() {
        return readNanos;
    }

    /** {@code message} naming the dataset's files rather than the working folder's. */
    String rename(String message) {
        return DeepLesionSource.rename(message, work, data);
    }

    @Override
    public void close() {
        slices.clear();
        deleteTree(work);
    }

    /** Deletes a folder and what it holds, not following links; null is ignored. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** A staged case under the driver's id, reading slices through the series' cache. */
    private final class StagedCase extends ForwardingLesionCase {
        private final String id;

        StagedCase(LesionCase c, String id) {
            super(c);
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int zOf(int sliceIndex) {
            // through sliceIndices(), so a failed fetch is reported here too
            int i = java.util.Arrays.binarySearch(sliceIndices(), sliceIndex);
            return i >= 0 ? i : -1;
        }

        @Override
        public int[] sliceIndices() {
            if (fetchError != null) {
                throw fetchError;
            }
            return delegate.sliceIndices();
        }

        @Override
        public Slice slice(int sliceIndex) {
            if (fetchError != null) {
                throw fetchError;
            }
            // Only indices of this case's own range come from the cache; others fail as the reader says.
            if (java.util.Arrays.binarySearch(delegate.sliceIndices(), sliceIndex) < 0) {
                return delegate.slice(sliceIndex);
            }
            String key = sliceIndex + ":" + delegate.width() + "x" + delegate.height() + ":" + delegate.spacing();
            Slice s = slices.get(key);
            if (s == null) {
                long t = System.nanoTime();
                s = delegate.slice(sliceIndex);
                readNanos += System.nanoTime() - t;
                slices.put(key, s);
            }
            return s;
        }

        @Override
        public String toString() {
            return "StagedCase[" + id + "]";
        }
    }
}
