package org.wsss.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@link SeriesReader#storedValues}: the bulk copy and bit masking against a per-pixel reference (PS3.5 8.1.1). */
class StoredValuesTest {

    @Property(tries = 100)
    void storedValuesMatchThePerPixelDefinition(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int bytesPer = r.nextBoolean() ? 2 : 1;
        int bitsStored = r.nextInt(1, 8 * bytesPer + 1);
        boolean signed = r.nextBoolean();
        int n = r.nextInt(1, 40), off = r.nextInt(0, 9);
        byte[] d = new byte[off + n * bytesPer + r.nextInt(0, 5)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) r.nextInt(256); // high bits beyond Bits Stored are garbage on purpose
        }
        java.nio.ShortBuffer v = SeriesReader.storedValues(d, off, n, bytesPer, bitsStored, signed);
        assertEquals(n, v.remaining());
        int mask = (1 << bitsStored) - 1, signBit = 1 << (bitsStored - 1);
        for (int i = 0; i < n; i++) {
            int raw = bytesPer == 2 ? (d[off + 2 * i] & 0xff) | (d[off + 2 * i + 1] & 0xff) << 8 : d[off + i] & 0xff;
            raw &= mask;
            if (signed && (raw & signBit) != 0) {
                raw -= signBit << 1;
            }
            int got = signed ? v.get(v.position() + i) : v.get(v.position() + i) & 0xffff;
            assertEquals(raw, got, "pixel " + i + " of " + bitsStored + " bits stored in " + 8 * bytesPer);
        }
    }
}
