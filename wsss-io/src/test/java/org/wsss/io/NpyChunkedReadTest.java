package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Npz.readFloats}, the chunked reader behind FLARE volumes, gives what {@link Npy.Array#get}
 * gives element by element: on numpy's golden archives (deflated and stored), on every dtype
 * path it has (int16, uint8 and float32 fast paths, the generic one), in Fortran order, and it
 * names a member cut short.
 */
class NpyChunkedReadTest {

    private static void sameAsGet(Npy.Npz z, String name, int chunk) {
        Npy.Array a = z.get(name);
        long[] seen = {0};
        z.readFloats(name, chunk, Npy.DEFAULT_MAX_ELEMENTS, (at, v) -> {
            assertEquals(seen[0], at);
            for (int i = 0; i < chunk; i++) {
                assertEquals((float) a.get(at + i), v[i], name + " element " + (at + i));
            }
            seen[0] += chunk;
        });
        assertEquals(a.size(), seen[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"case.npz", "case-stored.npz"})
    void numpysArchivesReadTheSameInChunks(String file) throws Exception {
        try (Npy.Npz z = Npy.openNpz(Path.of(getClass().getResource("/npy/" + file).toURI()))) {
            long[] s = z.header("imgs").shape();
            sameAsGet(z, "imgs", (int) (s[1] * s[2]));
            sameAsGet(z, "recist", (int) (s[1] * s[2]));
            sameAsGet(z, "spacing", 1);
        }
    }

    /** An npz holding the golden .npy files as members (big-endian, Fortran order, every kind). */
    @Test
    void everyDtypeAndOrder(@TempDir Path dir) throws Exception {
        Path npz = dir.resolve("all.npz");
        String[] names = {"be-f4", "be-f8-fortran", "be-f8", "be-i2", "le-f2", "le-f4", "le-i1", "le-i2-fortran",
            "le-i2", "le-i4-v2", "le-u2", "u1", "bool"};
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(npz))) {
            for (String n : names) {
                out.putNextEntry(new ZipEntry(n + ".npy"));
                try (InputStream in = getClass().getResourceAsStream("/npy/" + n + ".npy")) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        try (Npy.Npz z = Npy.openNpz(npz)) {
            for (String n : names) {
                long size = z.header(n).size();
                sameAsGet(z, n, (int) size);
            }
        }
    }

    @Test
    void aMemberCutShortIsNamed(@TempDir Path dir) throws IOException {
        Path npz = dir.resolve("short.npz");
        byte[] full = new byte[128 + 64 * 2];
        byte[] h = Npy.header("<i2", new long[] {8, 8});
        System.arraycopy(h, 0, full, 0, h.length);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(npz))) {
            out.putNextEntry(new ZipEntry("imgs.npy"));
            out.write(full, 0, h.length + 40);
            out.closeEntry();
        }
        try (Npy.Npz z = Npy.openNpz(npz)) {
            var e = assertThrows(org.wsss.api.WsssIoException.class, () -> z.readFloats("imgs", 8,
                    Npy.DEFAULT_MAX_ELEMENTS, (at, v) -> { }));
            assertTrue(e.getMessage().contains("short.npz"), e.getMessage());
        }
    }
}
