package org.wsss.eval.jobs;

import java.io.Serializable;
import java.nio.file.Path;
import org.wsss.api.LesionSegmenter;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnModel;
import org.wsss.propagation.LesionSegmenters;
import org.wsss.propagation.assembly.IntensityStop;
import org.wsss.propagation.assembly.IntensityTrim;
import org.wsss.propagation.baseline.GrabCut3deConfig;
import org.wsss.propagation.geometry.PropagationConfig;
import org.wsss.propagation.inference.InferenceConfig;

/**
 * The 3D segmentation method and the options that override single fields of its defaults, as
 * the {@code wsss segment} command and the Spark segmentation job take them: a plain, serialisable
 * value (every override null = the default) from which each runner builds the same segmenter.
 *
 * <p>Methods (Sec. 2.3 and 3.3): {@code wsss} (the trained HNN with GrabCut post-processing on
 * every slice), {@code wsss-cnn} (the network's thresholded output), {@code grabcut-3de} (GrabCut
 * seeded from the propagated RECIST, no model).
 *
 * @param method {@code wsss}, {@code wsss-cnn} or {@code grabcut-3de}
 * @param zRadius what the lesion's z semi-axis is derived from; null = default
 * @param zRadiusScale factor on that semi-axis; null = default
 * @param threshold wsss, wsss-cnn: probability threshold; null = default
 * @param minInsideFraction wsss, wsss-cnn: stopping rule; null = default
 * @param insideMarginMm wsss, wsss-cnn: the stopping rule's margin around the previous
 *     cross-section, mm; null = default
 * @param confirmScale wsss: the z-radius scale past which the walk needs the network's
 *     confirmation ({@code InferenceConfig.confirmZRadiusScale}; 0 = off); null = default
 * @param seedConfidence wsss: definite-lesion seed confidence; null = default
 * @param backgroundConfidence wsss: definite-background seed confidence; null = default
 * @param intensityStop every method: the intensity stop's minimum fraction (0 = off); null = default
 * @param intensityTrim every method: the intensity trim's margin, a share of the lesion's HU range
 *     (0 = off); null = default
 * @param insideHull wsss, wsss-cnn: whether the stopping rule measures against the previous
 *     cross-section's convex hull ({@code InferenceConfig.insideHull}); null = default
 * @param intensityRange wsss, wsss-cnn: which RECIST-slice mask the intensity stop's HU range is
 *     read from ({@code IntensityStop.rangeFrom}); null = default
 * @param lowContrastHu wsss: below this RECIST-slice contrast (HU) the walk takes R̂ from the
 *     confirmed extent ({@code InferenceConfig.lowContrastHu}; 0 = off); null = default
 */
public record SegmentSettings(String method, PropagationConfig.ZRadius zRadius, Double zRadiusScale,
                              Double threshold, Double minInsideFraction, Double insideMarginMm, Double confirmScale,
                              Double seedConfidence,
                              Double backgroundConfidence, Double intensityStop, Double intensityTrim,
                              Boolean insideHull, IntensityStop.RangeFrom intensityRange, Double lowContrastHu)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the method name and that the network's options are not given to grabcut-3de.
     *
     * @throws IllegalArgumentException naming the option
     */
    public SegmentSettings {
        if (method == null || !(method.equals("wsss") || method.equals("wsss-cnn") || method.equals("grabcut-3de"))) {
            throw new IllegalArgumentException("unknown --method " + method + " (known: wsss, wsss-cnn, grabcut-3de)");
        }
        if (method.equals("grabcut-3de") && (threshold != null || minInsideFraction != null || insideMarginMm != null
                || insideHull != null || intensityRange != null)) {
            throw new IllegalArgumentException("--threshold, --min-inside-fraction, --inside-margin, --[no-]inside-hull"
                    + " and --intensity-range apply to --method wsss and wsss-cnn, not grabcut-3de");
        }
        if (!method.equals("wsss") && confirmScale != null) {
            throw new IllegalArgumentException("--confirm-scale applies to --method wsss only");
        }
        if (!method.equals("wsss") && lowContrastHu != null) {
            throw new IllegalArgumentException("--low-contrast applies to --method wsss only");
        }
    }

    /** The same with {@code insideHull}, {@code intensityRange} and {@code lowContrastHu} at their defaults (null). */
    public SegmentSettings(String method, PropagationConfig.ZRadius zRadius, Double zRadiusScale, Double threshold,
                           Double minInsideFraction, Double insideMarginMm, Double confirmScale, Double seedConfidence,
                           Double backgroundConfidence, Double intensityStop, Double intensityTrim) {
        this(method, zRadius, zRadiusScale, threshold, minInsideFraction, insideMarginMm, confirmScale, seedConfidence,
                backgroundConfidence, intensityStop, intensityTrim, null, null, null);
    }

    /** The same with {@code intensityRange} and {@code lowContrastHu} at their defaults (null). */
    public SegmentSettings(String method, PropagationConfig.ZRadius zRadius, Double zRadiusScale, Double threshold,
                           Double minInsideFraction, Double insideMarginMm, Double confirmScale, Double seedConfidence,
                           Double backgroundConfidence, Double intensityStop, Double intensityTrim,
                           Boolean insideHull) {
        this(method, zRadius, zRadiusScale, threshold, minInsideFraction, insideMarginMm, confirmScale, seedConfidence,
                backgroundConfidence, intensityStop, intensityTrim, insideHull, null, null);
    }

    /** {@code method} with every option at its default. */
    public static SegmentSettings of(String method) {
        return new SegmentSettings(method, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether the method needs a model file written by {@code wsss train}. */
    public boolean needsModel() {
        return !method.equals("grabcut-3de");
    }

    /**
     * {@link InferenceConfig#gcDefaults()} (wsss) or {@link InferenceConfig#defaults()} (wsss-cnn)
     * with the options given.
     */
    public InferenceConfig inferenceConfig() {
        InferenceConfig c = method.equals("wsss") ? InferenceConfig.gcDefaults() : InferenceConfig.defaults();
        c = c.withPropagation(propagation(c.propagation()));
        if (threshold != null) {
            c = c.withThreshold(threshold);
        }
        if (minInsideFraction != null) {
            c = c.withMinInsideFraction(minInsideFraction);
        }
        if (insideMarginMm != null) {
            c = c.withInsideMarginMm(insideMarginMm);
        }
        if (insideHull != null) {
            c = c.withInsideHull(insideHull);
        }
        if (confirmScale != null) {
            c = c.withConfirmZRadiusScale(confirmScale == 0 ? Double.POSITIVE_INFINITY : confirmScale);
        }
        if (seedConfidence != null) {
            c = c.withSeeds(c.seeds().withForegroundConfidence(seedConfidence));
        }
        if (backgroundConfidence != null) {
            c = c.withSeeds(c.seeds().withBackgroundConfidence(backgroundConfidence));
        }
        if (intensityStop != null) {
            c = c.withIntensityStop(c.intensityStop().withMinFraction(intensityStop));
        }
        if (intensityRange != null) {
            c = c.withIntensityStop(c.intensityStop().withRangeFrom(intensityRange));
        }
        if (lowContrastHu != null) {
            c = c.withLowContrastHu(lowContrastHu);
        }
        return c.withIntensityTrim(trim(c.intensityTrim()));
    }

    /** {@link GrabCut3deConfig#defaults()} with the z-extent and intensity options given. */
    public GrabCut3deConfig grabCut3deConfig() {
        GrabCut3deConfig d = GrabCut3deConfig.defaults();
        return new GrabCut3deConfig(propagation(d.propagation()), d.seeds(), d.grabCut(), d.connectivity(),
                intensityStop != null ? d.intensityStop().withMinFraction(intensityStop) : d.intensityStop(),
                trim(d.intensityTrim()));
    }

    /** {@code base} with the margin given; 0 turns it off. */
    private IntensityTrim trim(IntensityTrim base) {
        if (intensityTrim == null) {
            return base;
        }
        return intensityTrim == 0 ? IntensityTrim.off() : base.withMargin(intensityTrim);
    }

    private PropagationConfig propagation(PropagationConfig base) {
        return new PropagationConfig(zRadius != null ? zRadius : base.zRadius(),
                zRadiusScale != null ? zRadiusScale : base.zRadiusScale());
    }

    /** A segmenter and whatever it holds open (a model's native memory). */
    public interface Handle extends AutoCloseable {
        /** The segmenter; thread-safe. */
        LesionSegmenter segmenter();

        /** Frees the model, if any. */
        @Override
        void close();
    }

    /**
     * Builds the segmenter; {@code model} is loaded for wsss and wsss-cnn and ignored otherwise.
     *
     * @throws IllegalArgumentException if the method needs a model and {@code model} is null
     */
    public Handle open(Path model) {
        return open(model, org.wsss.api.ReadLimits.defaults());
    }

    /** {@link #open(Path)} with the model read within {@code limits}. */
    public Handle open(Path model, org.wsss.api.ReadLimits limits) {
        if (!needsModel()) {
            LesionSegmenter s = LesionSegmenters.grabCut3de(grabCut3deConfig());
            return handle(s, () -> { });
        }
        if (model == null) {
            throw new IllegalArgumentException("--method " + method + " needs --model (a file written by `wsss train`)");
        }
        HnnModel m = Hnn.load(model, limits);
        LesionSegmenter s = method.equals("wsss") ? LesionSegmenters.hnnGc(m, inferenceConfig())
                : LesionSegmenters.hnn(m, inferenceConfig());
        return handle(s, m::close);
    }

    private static Handle handle(LesionSegmenter s, Runnable close) {
        return new Handle() {
            @Override
            public LesionSegmenter segmenter() {
                return s;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
