package org.wsss.hnn.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.hnn.loss.PixelWeights;

/**
 * The three-part loss of Sec. 2.2, Eq. 2–3, as an expression in a SameDiff graph:
 * <pre>
 * L = (1/|R|) Σ_R −log ŷ_i  +  α (1/|F|) Σ_F −log ŷ_i  +  β (1/|B|) Σ_B −log(1 − ŷ_i)
 * </pre>
 * summed over every output of the network (deep supervision: each side output and the fused
 * output, with equal weight, as in HED) and averaged over the images of a batch.
 *
 * <p>The index sets enter as per-pixel weight placeholders ({@link PixelWeights}, already
 * divided by the batch size), α and β as scalar placeholders, so one graph serves every batch,
 * every point of the α/β schedule and the fully supervised loss. The loss is written on the
 * logits z (ŷ = σ(z)) in a numerically stable form: {@code −log σ(z) = softplus(−z)},
 * {@code −log(1 − σ(z)) = softplus(z)}, with {@code softplus(z) = max(z, 0) + log(1 + e^{−|z|})},
 * finite for every finite z. Score and gradient both come from this one expression (the gradient
 * by SameDiff's reverse-mode differentiation), so they cannot drift apart.
 *
 * <p>Deviations from the paper: the paper does not say how side outputs are weighted; they
 * are weighted equally, as in HED.
 */
public final class WeakLoss {

    /** Placeholder: weights on R, shape {@code [N, 1, S, S]}. */
    public static final String W_R = "loss_w_r";
    /** Placeholder: weights on F. */
    public static final String W_F = "loss_w_f";
    /** Placeholder: weights on B. */
    public static final String W_B = "loss_w_b";
    /** Placeholder: scalar α. */
    public static final String ALPHA = "loss_alpha";
    /** Placeholder: scalar β. */
    public static final String BETA = "loss_beta";
    /** Output: L_R summed over the network's outputs. */
    public static final String PART_R = "loss_r";
    /** Output: L_F (without α) summed over the network's outputs. */
    public static final String PART_F = "loss_f";
    /** Output: L_B (without β) summed over the network's outputs. */
    public static final String PART_B = "loss_b";
    /** Output: the total L = L_R + α L_F + β L_B, the graph's loss variable. */
    public static final String TOTAL = "loss";

    private WeakLoss() {
    }

    /**
     * Adds the placeholders, the three parts and the total loss to {@code sd}, over the given
     * logit maps (each {@code [N, 1, S, S]}; their losses are summed, as deep supervision weighs
     * them equally), and marks the total as the graph's loss.
     */
    public static void attach(SameDiff sd, List<SDVariable> logits, DataType dt, int size) {
        SDVariable wr = sd.placeHolder(W_R, dt, -1, 1, size, size);
        SDVariable wf = sd.placeHolder(W_F, dt, -1, 1, size, size);
        SDVariable wb = sd.placeHolder(W_B, dt, -1, 1, size, size);
        SDVariable alpha = sd.placeHolder(ALPHA, dt);
        SDVariable beta = sd.placeHolder(BETA, dt);
        // All outputs at once: Σ_outputs Σ_R w·(−log σ(z)) = Σ_R w·Σ_outputs(−log σ(z)), so the
        // per-pixel terms are summed over the outputs first (one chain of ops instead of one per output).
        SDVariable z = logits.size() == 1 ? logits.get(0) : sd.concat(1, logits.toArray(new SDVariable[0]));
        SDVariable negLogP = softplus(sd, z.neg()).sum(true, 1);  // Σ_outputs −log σ(z), [N, 1, S, S]
        SDVariable negLog1mP = negLogP.add(z.sum(true, 1));      // −log(1 − σ(z)) = softplus(−z) + z
        SDVariable lr = wr.mul(negLogP).sum();
        SDVariable lf = wf.mul(negLogP).sum();
        SDVariable lb = wb.mul(negLog1mP).sum();
        lr = sd.identity(PART_R, lr);
        lf = sd.identity(PART_F, lf);
        lb = sd.identity(PART_B, lb);
        SDVariable total = lr.add(alpha.mul(lf)).add(beta.mul(lb));
        total = sd.identity(TOTAL, total);
        sd.setLossVariables(total);
    }

    /**
     * softplus(z) = max(z, 0) + log1p(exp(−|z|)): no overflow for any finite z. |z| is written
     * as 2·max(z, 0) − z so that both kinks take the same one-sided derivative at z = 0 (ReLU's
     * derivative there is 0, the left one); with ND4J's abs, whose derivative at 0 is 0, the
     * derivative at exactly z = 0 came out 0 instead of ½. Exact zeros are common: at
     * initialisation (zero biases) every pixel whose features are all dead has z = 0.
     */
    private static SDVariable softplus(SameDiff sd, SDVariable z) {
        SDVariable pos = sd.nn().relu(z, 0);
        SDVariable abs = pos.mul(2).sub(z);
        return pos.add(sd.math().log1p(sd.math().exp(abs.neg())));
    }

    /**
     * Placeholder values for a batch: the weight maps stacked to {@code [N, 1, S, S]} and
     * divided by N (so the graph's sums are batch means), α and β as scalars. The caller owns
     * (and closes) the arrays.
     *
     * @throws IllegalArgumentException if a weight map is not {@code size × size}
     */
    public static Map<String, INDArray> placeholders(List<PixelWeights> weights, double alpha, double beta, DataType dt,
                                                     int size) {
        int n = weights.size();
        if (n == 0) {
            throw new IllegalArgumentException("a loss batch needs at least one image");
        }
        int px = size * size;
        float[] r = new float[n * px], f = new float[n * px], b = new float[n * px];
        for (int i = 0; i < n; i++) {
            PixelWeights w = weights.get(i);
            if (w.width() != size || w.height() != size) {
                throw new IllegalArgumentException("loss weights " + i + " are " + w.width() + "x" + w.height()
                        + "; the network needs " + size + "x" + size);
            }
            w.copyTo(r, f, b, i * px, 1f / n);
        }
        Map<String, INDArray> m = new HashMap<>();
        long[] shape = {n, 1, size, size};
        m.put(W_R, Nd4j.create(r, shape, 'c').castTo(dt));
        m.put(W_F, Nd4j.create(f, shape, 'c').castTo(dt));
        m.put(W_B, Nd4j.create(b, shape, 'c').castTo(dt));
        m.put(ALPHA, Nd4j.scalar(alpha).castTo(dt));
        m.put(BETA, Nd4j.scalar(beta).castTo(dt));
        return m;
    }
}
