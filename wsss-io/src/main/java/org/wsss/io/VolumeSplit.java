package org.wsss.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.wsss.api.Split;

/**
 * The train / validation / test split of a volume whose input names none (a NIfTI + CSV row
 * without {@code split}, every FLARE case, every DICOM series by its Series Instance UID): taken
 * from the volume's name alone, so that all
 * lesions of one volume fall in the same split, the same name always gets the same split on any
 * machine, and adding or removing other volumes moves none.
 *
 * <p>Rule: the first 8 bytes of SHA-256 of the name (UTF-8), read as an unsigned big-endian
 * number u and divided by 2^64, give a fraction in [0, 1): below 0.70 train, below 0.85
 * validation, else test, close to the proportions of DeepLesion's patient-level split. In
 * Python: {@code int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big") / 2**64}.
 */
public final class VolumeSplit {

    /** Fraction of volumes in the training split. */
    static final double TRAIN = 0.70;
    /** Fraction of volumes in the training or validation split. */
    static final double TRAIN_OR_VALIDATION = 0.85;

    private VolumeSplit() {
    }

    /** The split of the volume named {@code name}. */
    public static Split of(String name) {
        double u = fraction(name);
        return u < TRAIN ? Split.TRAIN : u < TRAIN_OR_VALIDATION ? Split.VALIDATION : Split.TEST;
    }

    /** The name's fraction in [0, 1). */
    static double fraction(String name) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        // unsigned 64-bit value / 2^64, from its top 53 bits (a double's precision)
        return (v >>> 11) * 0x1.0p-53;
    }
}
