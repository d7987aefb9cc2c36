package org.wsss.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wsss.api.WsssIoException;

/**
 * Writes a file through a hidden temporary beside it and a move into place, so a reader (or a
 * rerun after a killed process) never sees a half-written file. Every writer of the SDK goes
 * through {@link #write}.
 *
 * <p>Durability: the temporary has a name unique to the process and the call
 * ({@code .<name>.<pid>-<n>.tmp}), its content is forced to disk before the rename, and the
 * folder is forced after it, so after a power loss the target is either the old file or the
 * complete new one. A thread that was interrupted (a batch's per-lesion time limit) does not
 * move its file into place.
 */
public final class AtomicFiles {

    private static final AtomicLong COUNTER = new AtomicLong();

    /** {@code .<target name>.<pid>-<n>.tmp}, as {@link #tempFor} names them. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(\\d{1,18})-\\d+\\.tmp");

    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out} (buffered; do not close it). */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target} atomically, creating missing parent folders.
     *
     * @throws WsssIoException naming {@code target} if anything fails; no temporary is left
     */
    public static void write(Path target, Content content) {
        Path tmp = null;
        try {
            if (Thread.currentThread().isInterrupted()) {
                // given up on before it began to write: leave not even a temporary file
                throw new InterruptedIOException("interrupted before writing");
            }
            tmp = tempFor(target);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            if (Thread.currentThread().isInterrupted()) {
                // a task given up on (time limit) must not publish a result after its failure was recorded
                throw new InterruptedIOException("interrupted before the file was moved into place");
            }
            moveIntoPlace(tmp, target);
            tmp = null;
            forceFolder(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new WsssIoException(target, "cannot write: " + e, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Deletes the temporaries that {@link #write} left directly in {@code dir} when its process
     * was killed before it could move or delete them. Only temporaries of processes that no
     * longer run are deleted, so a writer still at work in the same folder is left alone.
     * A missing folder holds none.
     *
     * @return the number of files deleted
     * @throws WsssIoException naming {@code dir} if it cannot be listed or a temporary cannot be deleted
     */
    public static int deleteStaleTemporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : ds) {
                Matcher m = TEMPORARY.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(p)) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                if (pid != self && ProcessHandle.of(pid).isEmpty() && Files.deleteIfExists(p)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new WsssIoException(dir, "cannot remove stale temporary files: " + e, e);
        }
        return deleted;
    }

    /**
     * A new empty hidden file beside {@code target}. Made with {@link Files#createFile} rather than
     * {@code createTempFile}, whose owner-only permissions would carry over to the target.
     */
    private static Path tempFor(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        while (true) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + COUNTER.incrementAndGet() + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                // left by an earlier killed run with the same pid: take the next name
            }
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forces the folder's entries (the rename) to disk; a file system that cannot is left as is. */
    private static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a folder as a channel; the rename itself is still atomic.
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: the real error is already on its way
            }
        }
    }
}
