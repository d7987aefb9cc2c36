package org.wsss.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.wsss.hnn.internal.Adam;
import org.wsss.hnn.model.GradientEngine;

/**
 * Where the time of one training step of the default preset goes: the step of
 * {@link HnnTrainStepBenchmark} (batch 8) with the SameDiff gradient engine, warmed up, then timed
 * whole and per SameDiff op type
 * (wall time of each op's execution, summed per step), with the rest — the session's own work,
 * Adam and the periodic collection — as the difference. A diagnostic, not a benchmark: the
 * listener adds a little time of its own, so compare the per-op figures with each other and with
 * the step time of the same run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.wsss.benchmarks.HnnStepProfile [warmupSteps [timedSteps [SAMEDIFF|ONEDNN]]]
 * </pre>
 * With {@code ONEDNN} the step of the oneDNN engine is timed whole (SameDiff's listener sees none
 * of it).
 * Add {@code DNNL_VERBOSE=1} to the environment to see each oneDNN primitive (convolutions and
 * the reorders around them) with its time; that also lists the primitives of the oneDNN engine
 * when run on a fixture of {@code GradientEngine.ONEDNN}.
 */
public final class HnnStepProfile {

    private HnnStepProfile() {
    }

    /**
     * Runs the profile and prints it.
     *
     * @param args optional warm-up steps (default 150), timed steps (default 40) and gradient
     *     engine ({@code SAMEDIFF}, the default, profiled per op; or {@code ONEDNN}, timed whole —
     *     run it with {@code DNNL_VERBOSE=1} for each primitive's time)
     */
    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        GradientEngine engine = args.length > 2 ? GradientEngine.valueOf(args[2]) : GradientEngine.SAMEDIFF;
        if (warmup < 1 || timed < 1 || engine == GradientEngine.AUTO) {
            throw new IllegalArgumentException("warm-up and timed steps must be >= 1 and the engine SAMEDIFF or ONEDNN, got "
                    + warmup + ", " + timed + ", " + engine);
        }
        try (HnnStepFixture f = HnnStepFixture.create("defaults", 8, engine)) {
            for (int i = 0; i < warmup; i++) {
                f.trainStep();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < timed; i++) {
                f.trainStep();
            }
            double plain = (System.nanoTime() - t0) / 1e6 / timed;
            if (engine == GradientEngine.ONEDNN) {
                System.out.printf(Locale.ROOT, "step %.1f ms (oneDNN engine, Adam included), %d timed steps after %d%n", plain,
                        timed, warmup);
                return;
            }

            OpTimes times = new OpTimes();
            SameDiff gradientPass = f.net.graph().getFunction("grad");
            gradientPass.addListeners(times);
            t0 = System.nanoTime();
            for (int i = 0; i < timed; i++) {
                f.trainStep();
            }
            double listened = (System.nanoTime() - t0) / 1e6 / timed;

            System.out.printf(Locale.ROOT, "step %.1f ms (%.1f ms with the per-op listener), %d timed steps after %d%n",
                    plain, listened, timed, warmup);
            List<Map.Entry<String, long[]>> rows = new ArrayList<>(times.byOp.entrySet());
            rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
            long sum = 0;
            for (Map.Entry<String, long[]> e : rows) {
                sum += e.getValue()[0];
                System.out.printf(Locale.ROOT, "  %-22s %7.2f ms/step  %3d calls/step%n", e.getKey(),
                        e.getValue()[0] / 1e6 / timed, e.getValue()[1] / timed);
            }
            System.out.printf(Locale.ROOT, "  %-22s %7.2f ms/step%n  %-22s %7.2f ms/step%n", "all ops", sum / 1e6 / timed,
                    "rest of the step", listened - sum / 1e6 / timed);
        }
    }

    /** Wall time per op type; single-threaded like the session that calls it. */
    private static final class OpTimes extends BaseListener {
        final Map<String, long[]> byOp = new TreeMap<>();
        private long start;

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
            start = System.nanoTime();
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                                INDArray[] outputs) {
            long[] v = byOp.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
            v[0] += System.nanoTime() - start;
            v[1]++;
        }
    }
}
