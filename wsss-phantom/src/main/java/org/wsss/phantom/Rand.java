package org.wsss.phantom;

import java.util.SplittableRandom;

/** Seed derivation and the few draws the phantom needs, over an explicit {@link SplittableRandom}. */
final class Rand {

    private final SplittableRandom r;

    Rand(long seed) {
        this.r = new SplittableRandom(seed);
    }

    /**
     * A well-mixed seed for stream {@code stream} of case {@code index} under {@code master}
     * (SplitMix64 finaliser), so case i never depends on how many draws case i − 1 made.
     */
    static long derive(long master, long index, long stream) {
        return mix(mix(master ^ 0x9E3779B97F4A7C15L) + mix(index * 0xBF58476D1CE4E5B9L + stream));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    double uniform() {
        return r.nextDouble();
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    int nextInt(int bound) {
        return r.nextInt(bound);
    }

    int nextInt(int lo, int hiInclusive) {
        return lo + r.nextInt(hiInclusive - lo + 1);
    }

    boolean chance(double p) {
        return r.nextDouble() < p;
    }

    double gaussian() {
        return r.nextGaussian();
    }

    long nextLong() {
        return r.nextLong();
    }

    /** A unit vector uniform on the sphere. */
    double[] unitVector() {
        double z = uniform(-1, 1), phi = uniform(0, 2 * Math.PI), s = Math.sqrt(1 - z * z);
        return new double[] {s * Math.cos(phi), s * Math.sin(phi), z};
    }

    /** A unit vector in the axial plane. */
    double[] inPlaneUnit() {
        double phi = uniform(0, 2 * Math.PI);
        return new double[] {Math.cos(phi), Math.sin(phi), 0};
    }
}
