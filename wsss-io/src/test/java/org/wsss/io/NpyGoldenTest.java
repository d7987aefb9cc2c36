package org.wsss.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsss.api.WsssIoException;

/** Golden files written by numpy ({@code npy/make_golden.py}): every dtype, order and version reads the same. */
class NpyGoldenTest {

    static Path resource(String name) {
        URL url = NpyGoldenTest.class.getResource("/npy/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource npy/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"le-i1", "u1", "le-i2", "be-i2", "le-u2", "le-i4", "be-u4", "le-i8", "le-u8", "le-f2",
        "le-f4", "be-f4", "le-f8", "be-f8", "le-i2-fortran", "be-f8-fortran", "le-i4-v2", "le-i4-v3"})
    void everyDtypeOrderAndVersionReadsInCOrder(String name) {
        Npy.Array a = Npy.readNpy(resource(name + ".npy"));
        assertArrayEquals(new long[] {2, 3, 4}, a.shape(), name);
        for (int i = 0; i < 24; i++) {
            assertEquals(i, a.get(i), 0.0, name + " element " + i);
        }
    }

    @Test
    void boolArray() {
        Npy.Array a = Npy.readNpy(resource("bool.npy"));
        assertEquals("b1", a.dtype());
        for (int i = 0; i < 24; i++) {
            assertEquals(i % 3 == 0 ? 1 : 0, a.get(i), 0.0);
        }
    }

    @Test
    void writerReproducesNumpyByteForByte(@TempDir Path dir) throws IOException {
        byte[] v = new byte[24];
        for (int i = 0; i < 24; i++) {
            v[i] = (byte) (i % 5);
        }
        Path out = dir.resolve("segs.npy");
        Npy.writeNpy(out, Npy.uint8(new long[] {2, 3, 4}, v));
        assertArrayEquals(Files.readAllBytes(resource("segs-u1.npy")), Files.readAllBytes(out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"case.npz", "case-stored.npz"})
    void npzMembersCompressedOrStored(String name) {
        try (Npy.Npz z = Npy.openNpz(resource(name))) {
            assertEquals(java.util.Set.of("imgs", "spacing", "recist"), new java.util.HashSet<>(z.names()));
            Npy.Array imgs = z.get("imgs");
            assertEquals("i2", imgs.dtype());
            assertEquals(23 * 10 - 100, imgs.get(23), 0.0);
            assertArrayEquals(new double[] {0.8, 0.7, 2.5}, z.get("spacing").toDoubles(), 0.0);
            assertEquals(1.0, z.get("recist").get(12 + 4), 0.0);
        }
    }

    @Test
    void npzRoundTrip(@TempDir Path dir) {
        byte[] v = new byte[24];
        v[5] = 3;
        Path out = dir.resolve("o.npz");
        Npy.writeNpz(out, Map.of("segs", Npy.uint8(new long[] {2, 3, 4}, v)));
        try (Npy.Npz z = Npy.openNpz(out)) {
            Npy.Array s = z.get("segs");
            assertArrayEquals(new long[] {2, 3, 4}, s.shape());
            assertEquals(3.0, s.get(5), 0.0);
            assertEquals(3.0, Arrays.stream(s.toDoubles()).sum(), 0.0);
        }
    }

    @Test
    void badInputNamesFileAndMember(@TempDir Path dir) throws IOException {
        try (Npy.Npz z = Npy.openNpz(resource("case.npz"))) {
            WsssIoException e = assertThrows(WsssIoException.class, () -> z.get("gts"));
            assertTrue(e.getMessage().contains("case.npz") && e.getMessage().contains("no array 'gts'"),
                    e.getMessage());
            e = assertThrows(WsssIoException.class, () -> z.get("imgs", 10));
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
        }
        Path notZip = dir.resolve("x.npz");
        Files.writeString(notZip, "hello");
        assertThrows(WsssIoException.class, () -> Npy.openNpz(notZip));
        byte[] all = Files.readAllBytes(resource("le-i4.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(all, all.length - 4));
        WsssIoException e = assertThrows(WsssIoException.class, () -> Npy.readNpy(cut));
        assertTrue(e.getMessage().contains("cut.npy"), e.getMessage());
    }
}
