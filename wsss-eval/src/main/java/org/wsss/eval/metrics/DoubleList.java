package org.wsss.eval.metrics;

import java.util.Arrays;

/** A growable list of finite doubles, for the accumulators of this package. */
final class DoubleList {

    private double[] a = new double[16];
    private int n;

    void add(double v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, 2 * n);
        }
        a[n++] = v;
    }

    void addAll(DoubleList o) {
        for (int i = 0; i < o.n; i++) {
            add(o.a[i]);
        }
    }

    int size() {
        return n;
    }

    double[] toArray() {
        return Arrays.copyOf(a, n);
    }

    MeanStd meanStd() {
        return MeanStd.of(Arrays.copyOf(a, n));
    }
}
