package org.wsss.phantom;

/**
 * The lesion's attenuation: a base HU, low-frequency internal heterogeneity, an optional
 * enhancing rim and an optional necrotic (or solid, for part-solid nodules) core.
 */
final class LesionLook {
    /** Short name of the lesion type, e.g. "metastasis", "cyst". */
    final String type;
    double baseHu;
    final double heteroHu;
    double rimDeltaHu;
    double rimWidth;
    double coreHu;
    double coreFraction;

    LesionLook(String type, double baseHu, double heteroHu) {
        this.type = type;
        this.baseHu = baseHu;
        this.heteroHu = heteroHu;
    }

    LesionLook rim(double delta, double width) {
        rimDeltaHu = delta;
        rimWidth = width;
        return this;
    }

    LesionLook core(double hu, double fraction) {
        coreHu = hu;
        coreFraction = fraction;
        return this;
    }

    /** HU at relative radius {@code rel} (0 centre, 1 surface), before heterogeneity. */
    double huAt(double rel) {
        double v = baseHu;
        if (coreFraction > 0) {
            double t = smooth((coreFraction + 0.12 - rel) / 0.24);
            v += t * (coreHu - baseHu);
        }
        if (rimWidth > 0) {
            v += smooth((rel - (1 - rimWidth)) / 0.12 + 0.5) * rimDeltaHu;
        }
        return v;
    }

    private static double smooth(double t) {
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        return t * t * (3 - 2 * t);
    }
}
