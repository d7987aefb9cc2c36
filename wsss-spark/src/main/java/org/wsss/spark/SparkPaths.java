package org.wsss.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.wsss.api.WsssIoException;

/**
 * Files on any Hadoop-compatible file system (HDFS, S3A, ABFS, GCS, local), seen from the SDK's
 * readers and writers, which work on local {@link Path}s.
 * <ul>
 * <li>On the local file system ({@code file:} or a plain path) the SDK's readers and writers work
 *     on the files themselves, so the outputs and their atomic writes are exactly the CLI's
 *     ({@link org.wsss.io.AtomicFiles}: hidden temporary in the same folder, then a rename).</li>
 * <li>Elsewhere an input is copied to a local working folder before it is read, and an output is
 *     written locally, copied to a hidden temporary {@code .<name>.spark-<uuid>.tmp} beside its
 *     target and renamed into place (atomic on HDFS; on object stores as atomic as the
 *     connector's rename), so a reader or a rerun never sees a half-written mask.</li>
 * </ul>
 * Serializable: it holds the path as a string and the Hadoop configuration is rebuilt on the executor.
 */
final class SparkPaths implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Marks the hidden temporaries this class writes on non-local file systems. */
    static final String TEMP_MARK = ".spark-";

    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile(
            "\\..+\\.spark-(.+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private final String root;
    private final boolean local;
    private final boolean forceHadoop;

    private SparkPaths(String root, boolean forceHadoop) {
        this.root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        this.forceHadoop = forceHadoop;
        String scheme = URI.create(this.root.replace(" ", "%20")).getScheme();
        this.local = !forceHadoop && (scheme == null || scheme.equals("file"));
    }

    /** A folder given as a local path or a Hadoop URI. */
    static SparkPaths of(String root) {
        return new SparkPaths(root, false);
    }

    /**
     * As {@link #of}, but always through the Hadoop file system API with local staging, even for a
     * local folder: how a cluster file system is handled, testable without one.
     */
    static SparkPaths viaHadoop(String root) {
        return new SparkPaths(root, true);
    }

    /** Whether the SDK's readers and writers work on the files directly. */
    boolean isLocal() {
        return local;
    }

    /** The folder as given. */
    String root() {
        return root;
    }

    /** The local path of the folder (only when {@link #isLocal}). */
    Path localRoot() {
        if (!local) {
            throw new IllegalStateException(root + " is not on the local file system");
        }
        return root.startsWith("file:") ? Path.of(URI.create(root)) : Path.of(root);
    }

    /** {@code root/relative} as a Hadoop path. */
    org.apache.hadoop.fs.Path hadoop(String relative) {
        String base = local && !root.startsWith("file:") ? localRoot().toAbsolutePath().toUri().toString() : root;
        return relative.isEmpty() ? new org.apache.hadoop.fs.Path(base) : new org.apache.hadoop.fs.Path(base, relative);
    }

    /** {@code root/relative} for messages: the local path or the URI. */
    String display(String relative) {
        return local ? localRoot().resolve(relative).toString() : hadoop(relative).toString();
    }

    FileSystem fs() {
        try {
            FileSystem fs = hadoop("").getFileSystem(new Configuration());
            // Hadoop's checksummed local file system would leave .crc files beside every mask.
            fs.setWriteChecksum(false);
            fs.setVerifyChecksum(false);
            return fs;
        } catch (IOException e) {
            throw new WsssIoException(null, "cannot open the file system of " + root + ": " + e, e);
        }
    }

    boolean exists(String relative) {
        if (local) {
            return Files.exists(localRoot().resolve(relative));
        }
        try {
            return fs().exists(hadoop(relative));
        } catch (IOException e) {
            throw new WsssIoException(null, "cannot look up " + display(relative) + ": " + e, e);
        }
    }

    /** Copies {@code root/relative} to {@code local}; a missing file gives a WsssIoException naming it. */
    void copyToLocal(String relative, Path target) {
        try (InputStream in = fs().open(hadoop(relative))) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.FileNotFoundException e) {
            throw new WsssIoException(null, display(relative) + ": file not found", e);
        } catch (IOException e) {
            throw new WsssIoException(null, "cannot read " + display(relative) + ": " + e, e);
        }
    }

    /**
     * Publishes the local file {@code source} as {@code root/relative}: a copy to a hidden
     * temporary beside the target named with {@code tag} (the Spark application id), then a
     * rename over it.
     */
    void publish(Path source, String relative, String tag) {
        FileSystem fs = fs();
        org.apache.hadoop.fs.Path target = hadoop(relative);
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(),
                "." + target.getName() + TEMP_MARK + tag + "-" + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = fs.create(tmp, true)) {
                Files.copy(source, out);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename of " + tmp + " to " + target + " failed");
            }
            tmp = null;
        } catch (IOException e) {
            throw new WsssIoException(null, "cannot write " + target + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    fs.delete(tmp, false);
                } catch (IOException ignored) {
                    // best effort: the real error is already on its way
                }
            }
        }
    }

    /** Lists the plain file names of {@code root/relative}; empty if the folder is missing. */
    java.util.List<String> list(String relative) {
        try {
            FileSystem fs = fs();
            org.apache.hadoop.fs.Path dir = hadoop(relative);
            if (!fs.exists(dir)) {
                return java.util.List.of();
            }
            java.util.List<String> names = new java.util.ArrayList<>();
            for (var st : fs.listStatus(dir)) {
                if (st.isFile()) {
                    names.add(st.getPath().getName());
                }
            }
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + display(relative), e);
        }
    }

    /**
     * Deletes the hidden temporaries {@link #publish} left directly in the folder when an earlier
     * application was killed; those of application {@code tag} (the running one) are left alone.
     *
     * @return the number of files deleted
     */
    int deleteStaleTemporaries(String tag) {
        int n = 0;
        for (String name : list("")) {
            var m = TEMPORARY.matcher(name);
            if (m.matches() && !m.group(1).equals(tag)) {
                delete(name);
                n++;
            }
        }
        return n;
    }

    /** Deletes {@code root/relative}, a file, if it exists. */
    void delete(String relative) {
        try {
            fs().delete(hadoop(relative), false);
        } catch (IOException e) {
            throw new WsssIoException(null, "cannot delete " + display(relative) + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return root;
    }
}
