package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.api.WsssIoException;

class AtomicFilesTest {

    /** Far above any Linux pid_max (at most 2^22), so no process has it. */
    static final long DEAD_PID = 999_999_999_999L;

    @Test
    void writesTheContentAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("sub").resolve("a.bin");
        AtomicFiles.write(target, out -> out.write(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of(target), list(target.getParent()));
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporary(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a.bin");
        Files.write(target, new byte[] {9});
        WsssIoException e = assertThrows(WsssIoException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("a.bin") && e.getMessage().contains("disk full"), e.getMessage());
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void deletesOnlyTemporariesOfProcessesThatAreGone(@TempDir Path dir) throws IOException {
        Path stale = Files.writeString(dir.resolve(".a.png." + DEAD_PID + "-3.tmp"), "half");
        Path live = Files.writeString(dir.resolve(".b.png." + ProcessHandle.current().pid() + "-1.tmp"), "busy");
        Path plain = Files.writeString(dir.resolve("c.tmp"), "not ours");
        Path output = Files.writeString(dir.resolve("a.png"), "done");
        assertEquals(1, AtomicFiles.deleteStaleTemporaries(dir));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live) && Files.exists(plain) && Files.exists(output));
        assertEquals(0, AtomicFiles.deleteStaleTemporaries(dir.resolve("missing")));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
