package org.wsss.hnn.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.wsss.hnn.internal.HnnNetwork;

/**
 * Adam (Kingma &amp; Ba 2015) over a network's parameters, updating them in place. Its state
 * (first and second moments, step count) can be exported and restored, so training resumes
 * from a checkpoint exactly where it stopped. Temporaries are closed as soon as they are used
 * so native memory stays flat over a long run.
 */
public final class Adam implements AutoCloseable {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    private long step;

    /** Adam with the usual β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    public Adam() {
        this(0.9, 0.999, 1e-8);
    }

    /** Adam with the given constants. */
    public Adam(double beta1, double beta2, double epsilon) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("Adam needs beta1, beta2 in [0, 1) and epsilon > 0, got " + beta1 + ", "
                    + beta2 + ", " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Steps taken so far. */
    public long steps() {
        return step;
    }

    /**
     * One update {@code p ← p − lr·m̂/(√v̂ + ε)} of every parameter that has a gradient. Each
     * parameter takes one fused ND4J op ({@code adam_updater}, which updates m and v in place and
     * writes the step into the gradient array) and one in-place subtraction, because ND4J's
     * per-op overhead dominates separate element-wise ops on arrays this small.
     *
     * @param gradients by parameter name; their contents are overwritten with the applied steps
     */
    public void update(HnnNetwork net, Map<String, INDArray> gradients, double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        if (step >= Integer.MAX_VALUE) {
            throw new IllegalStateException("Adam's step count exceeds " + Integer.MAX_VALUE);
        }
        // adam_updater applies the bias corrections of step (iteration + 1).
        int iteration = (int) step;
        step++;
        for (String name : net.parameterNames()) {
            INDArray g = gradients.get(name);
            if (g == null) {
                continue;
            }
            INDArray p = net.parameter(name);
            if (!java.util.Arrays.equals(g.shape(), p.shape()) || g.dataType() != p.dataType()) {
                throw new IllegalArgumentException("gradient of " + name + " is " + g.dataType() + " "
                        + java.util.Arrays.toString(g.shape()) + "; the parameter is " + p.dataType() + " "
                        + java.util.Arrays.toString(p.shape()));
            }
            INDArray mm = m.computeIfAbsent(name, k -> Nd4j.zeros(p.dataType(), p.shape()));
            INDArray vv = v.computeIfAbsent(name, k -> Nd4j.zeros(p.dataType(), p.shape()));
            INDArray gc = g.isView() || g.ordering() != 'c' ? g.dup('c') : g;
            Nd4j.exec(new AdamUpdater(gc, vv, mm, learningRate, beta1, beta2, epsilon, iteration));
            p.subi(gc);
            if (gc != g) {
                gc.close();
            }
        }
    }

    /** The state as float arrays: {@code m/<name>}, {@code v/<name>}. */
    public Map<String, float[]> exportState() {
        Map<String, float[]> s = new LinkedHashMap<>();
        m.forEach((k, a) -> s.put("m/" + k, a.data().asFloat()));
        v.forEach((k, a) -> s.put("v/" + k, a.data().asFloat()));
        return s;
    }

    /**
     * Restores a state from {@link #exportState()} for the given network.
     *
     * @throws IllegalArgumentException if an array does not fit its parameter
     */
    public void importState(HnnNetwork net, Map<String, float[]> state, long steps) {
        close();
        for (String name : net.parameterNames()) {
            INDArray p = net.parameter(name);
            float[] a = state.get("m/" + name), b = state.get("v/" + name);
            if (a == null || b == null) {
                continue;
            }
            if (a.length != p.length() || b.length != p.length()) {
                throw new IllegalArgumentException("Adam state for " + name + " has " + a.length + "/" + b.length
                        + " values; the parameter has " + p.length());
            }
            m.put(name, Nd4j.create(a, p.shape(), 'c').castTo(p.dataType()));
            v.put(name, Nd4j.create(b, p.shape(), 'c').castTo(p.dataType()));
        }
        this.step = steps;
    }

    /** Frees the moment arrays. */
    @Override
    public void close() {
        m.values().forEach(INDArray::close);
        v.values().forEach(INDArray::close);
        m.clear();
        v.clear();
    }
}
