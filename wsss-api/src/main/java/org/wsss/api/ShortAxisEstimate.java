package org.wsss.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Completes a long-axis-only mark (FLARE25's RECIST-to-3D cases draw only the long diameter)
 * into a full {@link Recist}, so every seed generator, refiner and propagator of the SDK runs
 * unchanged: the short axis is estimated from the image as the longest chord perpendicular (in
 * mm) to the long axis through which the HU stay within the lesion's own range.
 *
 * <h2>Procedure</h2>
 * <ol>
 * <li>The lesion's HU range: the median m and the scaled median absolute deviation s of the 3×3
 *     local mean sampled every half pixel along the middle 60 % of the long axis; a value v is
 *     "lesion" when |v − m| ≤ max({@link Config#band()} · s, {@link Config#minBandHu()}).</li>
 * <li>From points at 30, 40, 50, 60 and 70 % of the long axis, walk both ways perpendicular to
 *     it (in mm) in half-pixel steps and stop at the first {@link Config#stopRun()} consecutive
 *     non-lesion samples, the image edge, or half the long axis on each side.</li>
 * <li>The short axis is the longest of these chords, clamped to
 *     [{@link Config#minRatio()}, {@link Config#maxRatio()}] × the long axis length; where no
 *     walk finds lesion, {@link Config#fallbackRatio()} × the long axis through its midpoint.</li>
 * </ol>
 *
 * <p>The result does not depend on which end of the long axis is given first: the returned
 * mark's long axis starts at the endpoint with the smaller (x, y).
 *
 * <h2>Deviations from the paper</h2>
 * The paper always has both RECIST diameters (Sec. 2.1 seeds GrabCut from both); this
 * estimate replaces the radiologist's short axis where it is missing. Its quality is measured
 * against the true short axis on the phantom (see the wsss-io README).
 */
public final class ShortAxisEstimate {

    /**
     * Parameters of the estimate.
     *
     * @param band lesion HU band half-width in robust standard deviations, &gt; 0
     * @param minBandHu smallest band half-width in HU, ≥ 0
     * @param stopRun consecutive non-lesion samples that end a walk, ≥ 1
     * @param minRatio smallest short/long ratio, in (0, maxRatio]
     * @param maxRatio largest short/long ratio, in [minRatio, 1]
     * @param fallbackRatio short/long ratio used when the image says nothing, in [minRatio, maxRatio]
     */
    public record Config(double band, double minBandHu, int stopRun, double minRatio, double maxRatio,
                         double fallbackRatio) {

        /** Validates every field, naming it. */
        public Config {
            if (!(band > 0) || !Double.isFinite(band)) {
                throw new IllegalArgumentException("band must be > 0, got " + band);
            }
            if (!(minBandHu >= 0) || !Double.isFinite(minBandHu)) {
                throw new IllegalArgumentException("minBandHu must be >= 0, got " + minBandHu);
            }
            if (stopRun < 1) {
                throw new IllegalArgumentException("stopRun must be >= 1, got " + stopRun);
            }
            if (!(minRatio > 0 && minRatio <= maxRatio && maxRatio <= 1)) {
                throw new IllegalArgumentException("need 0 < minRatio <= maxRatio <= 1, got " + minRatio + ", "
                        + maxRatio);
            }
            if (!(fallbackRatio >= minRatio && fallbackRatio <= maxRatio)) {
                throw new IllegalArgumentException("fallbackRatio must be in [minRatio, maxRatio], got "
                        + fallbackRatio);
            }
        }

        /** The defaults, chosen on phantom training lesions (see the wsss-io README). */
        public static Config defaults() {
            return new Config(2.5, 40, 2, 0.3, 0.95, 0.7);
        }
    }

    private ShortAxisEstimate() {
    }

    /** {@link #complete(Slice, Axis, int, Config)} with {@link Config#defaults()}. */
    public static Recist complete(Slice slice, Axis longAxis, int sliceIndex) {
        return complete(slice, longAxis, sliceIndex, Config.defaults());
    }

    /**
     * A RECIST of {@code longAxis} and an estimated perpendicular short axis on {@code slice}.
     *
     * @throws IllegalArgumentException if the long axis is shorter than
     *     {@link Recist#MIN_AXIS_LENGTH_PX} or leaves the image
     */
    public static Recist complete(Slice slice, Axis longAxis, int sliceIndex, Config cfg) {
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(longAxis, "longAxis");
        Objects.requireNonNull(cfg, "cfg");
        VoxelSpacing sp = slice.spacing();
        for (Point2 p : new Point2[] {longAxis.start(), longAxis.end()}) {
            if (p.x() < 0 || p.y() < 0 || p.x() > slice.width() - 1 || p.y() > slice.height() - 1) {
                throw new IllegalArgumentException("long axis endpoint " + p + " is outside the " + slice.width() + "x"
                        + slice.height() + " image");
            }
        }
        double lenPx = longAxis.lengthPx();
        if (lenPx < Recist.MIN_AXIS_LENGTH_PX) {
            throw new IllegalArgumentException("long axis of " + lenPx + " px is too short");
        }
        // The same line given either way round gives the same mark: start at the smaller (x, y).
        if (longAxis.end().x() < longAxis.start().x()
                || (longAxis.end().x() == longAxis.start().x() && longAxis.end().y() < longAxis.start().y())) {
            longAxis = new Axis(longAxis.end(), longAxis.start());
        }
        Point2 a = longAxis.start(), b = longAxis.end();
        double ux = (b.x() - a.x()) * sp.x(), uy = (b.y() - a.y()) * sp.y();
        double lenMm = Math.hypot(ux, uy);
        ux /= lenMm;
        uy /= lenMm;
        // perpendicular in mm, as a step in pixels of half the finer pixel size
        double stepMm = 0.5 * Math.min(sp.x(), sp.y());
        double nx = -uy * stepMm / sp.x(), ny = ux * stepMm / sp.y();

        int samples = Math.max(3, (int) Math.ceil(lenPx * 2 * 0.6));
        double[] along = new double[samples];
        for (int i = 0; i < samples; i++) {
            double t = 0.2 + 0.6 * i / (samples - 1);
            along[i] = localMean(slice, a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y()));
        }
        double m = median(along.clone());
        double[] dev = new double[samples];
        for (int i = 0; i < samples; i++) {
            dev[i] = Math.abs(along[i] - m);
        }
        double s = 1.4826 * median(dev);
        double band = Math.max(cfg.band() * s, cfg.minBandHu());

        int maxSteps = (int) Math.floor(lenMm / 2 / stepMm);
        double best = -1;
        double[] bestEnds = null;
        for (double t : new double[] {0.3, 0.4, 0.5, 0.6, 0.7}) {
            double cx = a.x() + t * (b.x() - a.x()), cy = a.y() + t * (b.y() - a.y());
            int plus = walk(slice, cx, cy, nx, ny, m, band, cfg.stopRun(), maxSteps);
            int minus = walk(slice, cx, cy, -nx, -ny, m, band, cfg.stopRun(), maxSteps);
            double chord = (plus + minus) * stepMm;
            if (chord > best) {
                best = chord;
                bestEnds = new double[] {cx + plus * nx, cy + plus * ny, cx - minus * nx, cy - minus * ny};
            }
        }
        double ratio = best > 0 ? best / lenMm : cfg.fallbackRatio();
        if (best <= 0 || ratio < cfg.minRatio() || ratio > cfg.maxRatio()) {
            // keep the found chord's centre where there is one, at the clamped length
            double r = best <= 0 ? cfg.fallbackRatio() : Math.max(cfg.minRatio(), Math.min(cfg.maxRatio(), ratio));
            double cx, cy;
            if (bestEnds == null || best <= 0) {
                cx = (a.x() + b.x()) / 2;
                cy = (a.y() + b.y()) / 2;
            } else {
                cx = (bestEnds[0] + bestEnds[2]) / 2;
                cy = (bestEnds[1] + bestEnds[3]) / 2;
            }
            double half = r * lenMm / 2 / stepMm;
            bestEnds = new double[] {cx + half * nx, cy + half * ny, cx - half * nx, cy - half * ny};
        }
        double[] e = clampInto(bestEnds, slice.width(), slice.height());
        Axis shortAxis = Axis.of(e[0], e[1], e[2], e[3]);
        if (shortAxis.lengthPx() < Recist.MIN_AXIS_LENGTH_PX) {
            double half = Recist.MIN_AXIS_LENGTH_PX / Math.hypot(nx, ny);
            double cx = (a.x() + b.x()) / 2, cy = (a.y() + b.y()) / 2;
            shortAxis = Axis.of(cx + half * nx, cy + half * ny, cx - half * nx, cy - half * ny);
        }
        return new Recist(longAxis, shortAxis, sliceIndex);
    }

    /**
     * {@code data} with every mark's short axis dropped and estimated again from the key slice
     * ({@link #complete(Slice, Axis, int, Config)}): measures what long-axis-only marks cost.
     * Cases are wrapped lazily; the estimate is made when a case's RECIST is first asked for.
     */
    public static LesionDataset dropShortAxes(LesionDataset data, Config cfg) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(cfg, "cfg");
        return new LesionDataset() {
            @Override
            public int size() {
                return data.size();
            }

            @Override
            public LesionCase get(int i) {
                return new LongAxisOnlyCase(data.get(i), cfg);
            }

            @Override
            public java.util.List<WsssIoException> problems() {
                return data.problems();
            }
        };
    }

    /** A case whose RECIST is its long axis with an estimated short axis. */
    private static final class LongAxisOnlyCase extends ForwardingLesionCase {
        private final Config cfg;
        private volatile Recist recist;

        LongAxisOnlyCase(LesionCase c, Config cfg) {
            super(c);
            this.cfg = cfg;
        }

        @Override
        public Recist recist() {
            Recist r = recist;
            if (r == null) {
                Recist given = delegate.recist();
                r = complete(delegate.slice(given.sliceIndex()), given.longAxis(), given.sliceIndex(), cfg);
                recist = r;
            }
            return r;
        }

        @Override
        public String toString() {
            return delegate + " (long axis only)";
        }
    }

    private static int walk(Slice s, double cx, double cy, double dx, double dy, double m, double band, int stopRun,
                            int maxSteps) {
        int last = 0;
        int run = 0;
        for (int k = 1; k <= maxSteps; k++) {
            double x = cx + k * dx, y = cy + k * dy;
            if (x < 0 || y < 0 || x > s.width() - 1 || y > s.height() - 1) {
                break;
            }
            if (Math.abs(localMean(s, x, y) - m) <= band) {
                last = k;
                run = 0;
            } else if (++run >= stopRun) {
                break;
            }
        }
        return last;
    }

    private static double[] clampInto(double[] e, int w, int h) {
        double[] c = e.clone();
        for (int i = 0; i < 4; i += 2) {
            c[i] = Math.max(0, Math.min(w - 1, c[i]));
            c[i + 1] = Math.max(0, Math.min(h - 1, c[i + 1]));
        }
        return c;
    }

    /** Mean of the 3×3 pixels around the nearest pixel: damps CT noise before comparing HU. */
    private static double localMean(Slice s, double x, double y) {
        int px = (int) Math.round(x), py = (int) Math.round(y);
        double sum = 0;
        int n = 0;
        for (int j = py - 1; j <= py + 1; j++) {
            for (int i = px - 1; i <= px + 1; i++) {
                if (i >= 0 && j >= 0 && i < s.width() && j < s.height()) {
                    sum += s.get(i, j);
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
