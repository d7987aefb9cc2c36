package org.wsss.eval.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.wsss.api.InitialMaskMethod;
import org.wsss.api.LesionDataset;
import org.wsss.api.Progress;
import org.wsss.api.Split;
import org.wsss.grabcut.MaskRefiners;
import org.wsss.grabcut.SeedGenerators;
import org.wsss.grabcut.crf.DenseCrfConfig;

/**
 * Finds the dense CRF configuration with the best mean Dice on a (training) split, as the paper
 * reports DCRF "at its best configuration" (Sec. 3.1). Every configuration is the DCRF method of
 * Table 1 — GrabCut-i seed layout as unary, dense CRF refiner — scored by {@link Table1} on the
 * RECIST slices; each slice is read once for the whole grid.
 *
 * <p>Deviations from the paper: the paper does not say which parameters it searched or over
 * what range; the {@link Grid#defaults() default grid} varies the appearance kernel (weight,
 * and the spatial and intensity widths as a fraction of the lesion size and a multiple of the
 * image noise, see {@link DenseCrfConfig}), the parameters the CRF is known to be most
 * sensitive to.
 */
public final class DenseCrfGridSearch {

    private DenseCrfGridSearch() {
    }

    /**
     * The values tried; the grid is their Cartesian product on top of {@link DenseCrfConfig#defaults()}.
     *
     * @param bilateralWeights appearance kernel weights
     * @param sizeFractions appearance kernel spatial widths, as fractions of the lesion size
     * @param noiseMultiples appearance kernel intensity widths, as multiples of the image noise σ
     */
    public record Grid(List<Double> bilateralWeights, List<Double> sizeFractions, List<Double> noiseMultiples) {

        /** Copies the lists and rejects empty ones. */
        public Grid {
            bilateralWeights = List.copyOf(bilateralWeights);
            sizeFractions = List.copyOf(sizeFractions);
            noiseMultiples = List.copyOf(noiseMultiples);
            if (bilateralWeights.isEmpty() || sizeFractions.isEmpty() || noiseMultiples.isEmpty()) {
                throw new IllegalArgumentException("every axis of the DCRF grid needs at least one value");
            }
        }

        /** 3 × 3 × 3 = 27 configurations around the defaults. */
        public static Grid defaults() {
            return new Grid(List.of(5.0, 10.0, 20.0), List.of(0.1, 0.15, 0.25), List.of(0.5, 1.0, 2.0));
        }

        /** Every configuration of the grid, in a fixed order. */
        public List<DenseCrfConfig> configs() {
            DenseCrfConfig d = DenseCrfConfig.defaults();
            List<DenseCrfConfig> out = new ArrayList<>();
            for (double w : bilateralWeights) {
                for (double f : sizeFractions) {
                    for (double m : noiseMultiples) {
                        out.add(d.withScaledAppearance(w, f, m));
                    }
                }
            }
            return out;
        }
    }

    /** The winner and the score of every configuration (rows in grid order). */
    public record Result(DenseCrfConfig best, double bestDice, List<DenseCrfConfig> configs, Table1.Result scores) {
    }

    /**
     * Scores every configuration of {@code grid} on {@code split}; ties keep the earlier one.
     */
    public static Result run(LesionDataset data, Split split, Grid grid, int threads, Progress progress) {
        Objects.requireNonNull(grid, "grid");
        List<DenseCrfConfig> configs = grid.configs();
        List<InitialMaskMethod> methods = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            methods.add(InitialMaskMethod.of("dcrf#" + i, SeedGenerators.boxI(), MaskRefiners.denseCrf(configs.get(i))));
        }
        Table1.Result scores = Table1.run(data, split, methods, threads, progress);
        int best = 0;
        List<Table1.Row> rows = scores.rows();
        Comparator<Table1.Row> byDice = Comparator.comparingDouble(r -> r.dice().mean());
        for (int i = 1; i < rows.size(); i++) {
            if (byDice.compare(rows.get(i), rows.get(best)) > 0) {
                best = i;
            }
        }
        return new Result(configs.get(best), rows.get(best).dice().mean(), configs, scores);
    }
}
