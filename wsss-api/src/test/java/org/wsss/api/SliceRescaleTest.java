package org.wsss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** {@link Slice#rescaled}: the fast paths against the per-pixel double formula through {@link Slice#of}. */
class SliceRescaleTest {

    private static final VoxelSpacing SP = new VoxelSpacing(0.7, 0.7, 2.5);

    private static ShortBuffer wrap(short[] s) {
        return ShortBuffer.wrap(s);
    }

    @Property(tries = 60)
    void rescaledEqualsTheDoubleFormula(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int w = r.nextInt(1, 17), h = r.nextInt(1, 17);
        boolean unsigned = r.nextBoolean();
        // Half the cases take the integer path (slope 1, integer intercept), half the general one.
        double slope = r.nextBoolean() ? 1 : r.nextDouble(-3, 3) + 0.001;
        double intercept = r.nextBoolean() ? r.nextInt(-3000, 3000) : r.nextDouble(-3000, 3000);
        short[] stored = new short[w * h];
        float[] expected = new float[w * h];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = (short) r.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
            int v = unsigned ? stored[i] & 0xffff : stored[i];
            expected[i] = (float) (v * slope + intercept);
        }
        assertEquals(Slice.of(w, h, expected, SP), Slice.rescaled(w, h, wrap(stored), unsigned, slope, intercept, SP));
    }

    @Test
    void aLittleEndianViewOfFileBytesFromItsPosition() {
        byte[] file = {9, 9, 9, 0x00, (byte) 0x80, (byte) 0xff, 0x7f, 0x01, 0x00, 7};
        // Bytes 3..8 hold -32768, 32767, 1 (little endian) after three bytes of header.
        ShortBuffer view = ByteBuffer.wrap(file, 3, 6).slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        Slice s = Slice.rescaled(3, 1, view, false, 1, -1024, SP);
        assertEquals(Slice.of(3, 1, new float[] {-32768 - 1024, 32767 - 1024, 1 - 1024}, SP), s);
        ShortBuffer tail = ShortBuffer.wrap(new short[] {100, 5, 6});
        tail.position(1);
        assertEquals(Slice.of(2, 1, new float[] {5, 6}, SP), Slice.rescaled(2, 1, tail, true, 1, 0, SP));
        assertEquals(1, tail.position());
    }

    @Test
    void extremesOfBothRepresentations() {
        short[] s = {0, -1, Short.MIN_VALUE, Short.MAX_VALUE};
        Slice signed = Slice.rescaled(2, 2, wrap(s), false, 1, -1024, SP);
        Slice unsigned = Slice.rescaled(2, 2, wrap(s), true, 1, -1024, SP);
        assertEquals(-1024f, signed.get(0, 0));
        assertEquals(-1025f, signed.get(1, 0));
        assertEquals(-32768f - 1024, signed.get(0, 1));
        assertEquals(65535f - 1024, unsigned.get(1, 0));
        assertEquals(32768f - 1024, unsigned.get(0, 1));
        assertEquals(0.5f * 32767 - 1000.25f, Slice.rescaled(2, 2, wrap(s), false, 0.5, -1000.25, SP).get(1, 1));
    }

    @Test
    void withSpacingKeepsThePixels() {
        Slice s = Slice.rescaled(2, 1, ShortBuffer.wrap(new short[] {5, -7}), false, 1, 0, SP);
        VoxelSpacing other = new VoxelSpacing(0.5, 0.6, 1.25);
        Slice t = s.withSpacing(other);
        assertEquals(other, t.spacing());
        assertEquals(SP, s.spacing());
        assertEquals(Slice.of(2, 1, new float[] {5, -7}, other), t);
        assertThrows(IllegalArgumentException.class, () -> s.withSpacing(null));
    }

    @Test
    void badArgumentsAreNamed() {
        short[] s = new short[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Slice.rescaled(2, 2, wrap(s), false, 0, 0, SP));
        assertTrue(e.getMessage().contains("slope 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Slice.rescaled(2, 2, wrap(s), false, Double.NaN, 0, SP));
        assertThrows(IllegalArgumentException.class, () -> Slice.rescaled(2, 2, wrap(s), false, 1, 1e300, SP));
        assertThrows(IllegalArgumentException.class, () -> Slice.rescaled(2, 2, wrap(s), false, 1e40, 0, SP));
        assertThrows(IllegalArgumentException.class, () -> Slice.rescaled(3, 2, wrap(s), false, 1, 0, SP));
        assertThrows(IllegalArgumentException.class, () -> Slice.rescaled(2, 2, wrap(s), false, 1, 0, null));
    }
}
