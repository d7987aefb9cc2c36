package org.wsss.dicom.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * UIDs under the {@code 2.25} root (ISO/IEC 9834-8: a UUID as one decimal number), derived from
 * a name so that writing the same content twice gives the same UIDs: a rerun replaces its
 * objects in a PACS instead of adding copies.
 */
public final class Uids {

    private Uids() {
    }

    /** {@code 2.25.<decimal of the name-based UUID of key>}. */
    public static String fromName(String key) {
        UUID u = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        BigInteger hi = BigInteger.valueOf(u.getMostSignificantBits()).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        BigInteger lo = BigInteger.valueOf(u.getLeastSignificantBits()).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        return "2.25." + hi.shiftLeft(64).or(lo);
    }

    /** Whether {@code s} is a syntactically valid UID (digits and dots, no leading zeros, at most 64 characters). */
    public static boolean isValid(String s) {
        return s != null && s.length() <= 64 && s.matches("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
    }
}
