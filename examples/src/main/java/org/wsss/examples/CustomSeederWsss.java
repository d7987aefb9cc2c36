package org.wsss.examples;

import java.nio.file.Path;
import java.util.Map;
import org.wsss.api.LesionDataset;
import org.wsss.api.Provenance;
import org.wsss.api.Roi;
import org.wsss.api.SeedGenerator;
import org.wsss.api.SeedInput;
import org.wsss.api.SeedLabel;
import org.wsss.api.SeedMap;
import org.wsss.grabcut.SeedGenerators;
import org.wsss.hnn.model.HnnModel;
import org.wsss.io.DeepLesion;
import org.wsss.propagation.Components;
import org.wsss.propagation.Wsss;
import org.wsss.propagation.wsss.WsssConfig;
import org.wsss.propagation.wsss.WsssListener;
import org.wsss.propagation.wsss.WsssResult;

/**
 * A researcher's own off-slice seed generator through WSSS-7 (Sec. 2.3): the SDK's S(Ŷ, R̂, R)
 * seeds, with every definite-foreground seed outside the propagated mark's bounding box made
 * only probable foreground, so GrabCut may drop it. The seeder reaches every step's labels.
 *
 * <p>Usage: {@code CustomSeederWsss DIR MODEL_OUT [EPOCHS]} (DIR in the DeepLesion layout).
 */
public final class CustomSeederWsss {

    private CustomSeederWsss() {
    }

    /** Definite foreground only inside R̂'s bounding box. Stateless and thread-safe. */
    public static final class BoxedForeground implements SeedGenerator {
        private final SeedGenerator inner = SeedGenerators.cnnPropagated();

        @Override
        public String name() {
            return "boxed-foreground";
        }

        @Override
        public SeedMap generate(SeedInput input) {
            SeedMap s = inner.generate(input);
            Roi roi = s.roi();
            Roi box = input.recist().boundingBox();
            SeedMap.Builder b = SeedMap.builder(roi);
            for (int y = roi.y(); y < roi.endY(); y++) {
                for (int x = roi.x(); x < roi.endX(); x++) {
                    SeedLabel l = s.get(x, y);
                    b.set(x, y, l == SeedLabel.FOREGROUND && !box.contains(x, y) ? SeedLabel.PROBABLE_FOREGROUND : l);
                }
            }
            return b.provenance(Provenance.of(name(), Map.of()).withParent(s.provenance())).build();
        }
    }

    /** Trains WSSS-7 with the custom seeder; the caller closes the model. */
    public static HnnModel run(Path dir, int epochs) {
        LesionDataset data = DeepLesion.open(dir);
        WsssConfig config = WsssConfig.defaults().withK(7);
        config = config.withTraining(config.initial().withEpochs(epochs), config.fineTune().withEpochs(epochs));
        Components parts = Components.forNetwork().withSeeds(new BoxedForeground());
        WsssResult run = Wsss.train(data, config, WsssListener.none(), parts);
        run.steps().forEach(s -> System.out.println("step " + s.step() + ": " + s.examples() + " examples"));
        return run.model();
    }

    public static void main(String[] args) {
        try (HnnModel model = run(Path.of(args[0]), args.length > 2 ? Integer.parseInt(args[2]) : 10)) {
            org.wsss.hnn.Hnn.save(model, Path.of(args[1]));
            System.out.println("saved " + args[1] + ": " + model.info().provenance().parameters().get("seeds"));
        }
    }
}
