package org.wsss.propagation;

import java.util.List;
import java.util.stream.Collectors;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Split;
import org.wsss.propagation.wsss.WsssConfig;
import org.wsss.propagation.wsss.WsssListener;
import org.wsss.propagation.wsss.WsssResult;
import org.wsss.propagation.wsss.WsssTraining;

/**
 * Entry point of weakly supervised slice-propagated training, WSSS-k (Sec. 2.3): an HNN trained
 * on GrabCut-R labels of the RECIST slices, then step by step on slices r ± 1 .. r ± (k − 1)/2
 * labelled by its own predictions, S(Ŷ, R̂, R) and GrabCut. See {@link WsssTraining}.
 *
 * <pre>{@code
 * WsssConfig cfg = WsssConfig.defaults().withK(7).withCheckpointDir(Path.of("runs/wsss7"));
 * try (HnnModel model = Wsss.train(dataset, cfg).model()) {
 *     Mask3D lesion = LesionSegmenters.hnnGc(model).segment(someCase);
 * }
 * }</pre>
 */
public final class Wsss {

    private Wsss() {
    }

    /** Trains on {@code train}, validating on {@code validation}, reporting to {@code listener}. */
    public static WsssResult train(List<? extends LesionCase> train, List<? extends LesionCase> validation, WsssConfig config,
                                   WsssListener listener) {
        return new WsssTraining(config, listener).run(train, validation);
    }

    /** As {@link #train(List, List, WsssConfig, WsssListener)}, with {@code parts} in place of the default parts. */
    public static WsssResult train(List<? extends LesionCase> train, List<? extends LesionCase> validation, WsssConfig config,
                                   WsssListener listener, Components parts) {
        return new WsssTraining(config, listener, parts).run(train, validation);
    }

    /** {@link #train(List, List, WsssConfig, WsssListener)} without a listener. */
    public static WsssResult train(List<? extends LesionCase> train, List<? extends LesionCase> validation, WsssConfig config) {
        return train(train, validation, config, WsssListener.none());
    }

    /** Trains on the dataset's {@link Split#TRAIN} cases, validating on its {@link Split#VALIDATION} cases. */
    public static WsssResult train(LesionDataset dataset, WsssConfig config, WsssListener listener) {
        return train(dataset, config, listener, Components.forNetwork(config.propagation(), config.seeds(), config.grabCut()));
    }

    /** As {@link #train(LesionDataset, WsssConfig, WsssListener)}, with {@code parts} in place of the default parts. */
    public static WsssResult train(LesionDataset dataset, WsssConfig config, WsssListener listener, Components parts) {
        List<LesionCase> tr = dataset.split(Split.TRAIN).collect(Collectors.toList());
        List<LesionCase> va = dataset.split(Split.VALIDATION).collect(Collectors.toList());
        return train(tr, va, config, listener, parts);
    }

    /** {@link #train(LesionDataset, WsssConfig, WsssListener)} without a listener. */
    public static WsssResult train(LesionDataset dataset, WsssConfig config) {
        return train(dataset, config, WsssListener.none());
    }
}
