package org.wsss.hnn.model;

/**
 * Platt scaling of the fused output: {@code ŷ' = σ(scale · logit(ŷ) + offset)}, fitted after
 * training so that the probabilities a model returns mean what the thresholds downstream assume
 * (0.5 to binarise, 0.8 and "high background probability" in the seeds of Sec. 2.3).
 *
 * <p>Why it is needed: the loss of Eq. 2–3 normalises each index set by its own size, so a
 * lesion pixel weighs {@code |B|/|F|} times a background pixel (about 5× for the 2× RECIST
 * ROI). A network minimising it learns the posterior of that re-weighted problem, i.e. its odds
 * are the true odds times about {@code |B|/|F|}: at 0.5 it over-segments. Measured on the
 * phantom before this correction: voxel recall 0.98 at precision 0.36 at the 0.5 threshold,
 * the best F1 of the precision–recall curve at thresholds 0.85–0.95. A prior shift of this kind
 * is exactly an offset on the logit, which Platt scaling fits (the scale absorbs the rest).
 *
 * <p>{@link #fit} minimises the unweighted binary cross-entropy of the scaled logits against
 * the labels of held-out (or, without those, training) pixels by Newton's method; the labels
 * are those the model was trained on (weak R ∪ F = lesion, B = background), so a weakly trained
 * model is calibrated against weak labels only.
 *
 * <p><b>Deviations from the paper.</b> The paper thresholds the network output without saying
 * at what value and does not calibrate; it trains with α = β = 1 on a GPU-sized VGG16 HNN. The
 * calibration leaves the ranking of pixels (hence PR curves) unchanged and only moves where a
 * fixed threshold cuts.
 *
 * @param scale multiplier of the logit, in (0, {@value #MAX_SCALE}]
 * @param offset added to the scaled logit, finite, |offset| ≤ {@value #MAX_OFFSET}
 */
public record Calibration(double scale, double offset) {

    /** Largest accepted scale; a steeper fit means separable data and is clipped here. */
    public static final double MAX_SCALE = 20;
    /** Largest accepted |offset|. */
    public static final double MAX_OFFSET = 50;
    /** Logits are clamped to ±this before fitting and applying, so ŷ = 0 or 1 stays finite. */
    static final double LOGIT_CLAMP = 16;

    /** Validates. */
    public Calibration {
        if (!(scale > 0) || scale > MAX_SCALE) {
            throw new IllegalArgumentException("Calibration scale must lie in (0, " + MAX_SCALE + "], got " + scale);
        }
        if (!Double.isFinite(offset) || Math.abs(offset) > MAX_OFFSET) {
            throw new IllegalArgumentException("Calibration offset must be finite with |offset| <= " + MAX_OFFSET + ", got "
                    + offset);
        }
    }

    /** No change: {@code ŷ' = ŷ}. */
    public static Calibration identity() {
        return new Calibration(1, 0);
    }

    /** Whether this is the identity. */
    public boolean isIdentity() {
        return scale == 1 && offset == 0;
    }

    /** The calibrated probability of a raw probability (NaN in, NaN out). */
    public float apply(float p) {
        if (isIdentity() || Float.isNaN(p)) {
            return p;
        }
        return (float) sigmoid(scale * logit(p) + offset);
    }

    /** Applies {@link #apply(float)} to every element, in place. */
    public void applyInPlace(float[] p) {
        if (isIdentity()) {
            return;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = apply(p[i]);
        }
    }

    /**
     * The calibration minimising the mean binary cross-entropy of {@code σ(scale·logit(p)+offset)}
     * against {@code label} over the pixels with {@code label[i] >= 0} ({@code -1} = no label).
     * With fewer than one labelled pixel of each class there is nothing to fit and the identity
     * is returned.
     *
     * @param p raw probabilities in [0, 1]
     * @param label 1 = lesion, 0 = background, -1 = ignore; same length as {@code p}
     * @throws IllegalArgumentException on different lengths, a probability outside [0, 1] or NaN,
     *     or a label other than -1, 0, 1
     */
    public static Calibration fit(float[] p, byte[] label) {
        if (p.length != label.length) {
            throw new IllegalArgumentException("Calibration.fit: " + p.length + " probabilities but " + label.length + " labels");
        }
        int pos = 0, neg = 0;
        for (int i = 0; i < p.length; i++) {
            if (label[i] < -1 || label[i] > 1) {
                throw new IllegalArgumentException("Calibration.fit: label[" + i + "] = " + label[i] + ", expected -1, 0 or 1");
            }
            if (label[i] >= 0 && !(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("Calibration.fit: p[" + i + "] = " + p[i] + " is not a probability");
            }
            if (label[i] == 1) {
                pos++;
            } else if (label[i] == 0) {
                neg++;
            }
        }
        if (pos == 0 || neg == 0) {
            return identity();
        }
        double a = 1, b = 0;
        double loss = loss(p, label, a, b);
        for (int it = 0; it < 100; it++) {
            // Newton step on the convex 2-parameter logistic loss, halved until the loss falls.
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int i = 0; i < p.length; i++) {
                if (label[i] < 0) {
                    continue;
                }
                double z = logit(p[i]);
                double s = sigmoid(a * z + b);
                double d = s - label[i];
                double w = s * (1 - s);
                ga += d * z;
                gb += d;
                haa += w * z * z;
                hab += w * z;
                hbb += w;
            }
            double ridge = 1e-9 * (pos + neg);
            haa += ridge;
            hbb += ridge;
            double det = haa * hbb - hab * hab;
            if (!(det > 0)) {
                break;
            }
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(haa * gb - hab * ga) / det;
            double step = 1;
            boolean improved = false;
            for (int h = 0; h < 30; h++) {
                double na = clampScale(a + step * da), nb = clampOffset(b + step * db);
                double nl = loss(p, label, na, nb);
                if (nl <= loss) {
                    improved = nl < loss - 1e-12 * (pos + neg);
                    a = na;
                    b = nb;
                    loss = nl;
                    break;
                }
                step /= 2;
            }
            if (!improved) {
                break;
            }
        }
        return new Calibration(a, b);
    }

    /** Summed cross-entropy of the labelled pixels under (a, b). */
    static double loss(float[] p, byte[] label, double a, double b) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (label[i] < 0) {
                continue;
            }
            double t = a * logit(p[i]) + b;
            // -log σ(t) = softplus(-t), -log(1-σ(t)) = softplus(t), written stably.
            sum += label[i] == 1 ? softplus(-t) : softplus(t);
        }
        return sum;
    }

    private static double softplus(double t) {
        return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    }

    static double logit(double p) {
        double z = Math.log(p) - Math.log1p(-p);
        return z > LOGIT_CLAMP ? LOGIT_CLAMP : z < -LOGIT_CLAMP ? -LOGIT_CLAMP : z;
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    private static double clampScale(double a) {
        return a < 1e-3 ? 1e-3 : a > MAX_SCALE ? MAX_SCALE : a;
    }

    private static double clampOffset(double b) {
        return b < -MAX_OFFSET ? -MAX_OFFSET : b > MAX_OFFSET ? MAX_OFFSET : b;
    }
}
