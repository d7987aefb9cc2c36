package org.wsss.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.Progress;
import org.wsss.api.Provenance;
import org.wsss.api.Seeds;
import org.wsss.api.Split;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.loss.LossValues;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.HnnTrainer;
import org.wsss.hnn.train.SupervisedExamples;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.hnn.train.TrainingExample;
import org.wsss.hnn.train.TrainingListener;
import org.wsss.phantom.Phantom;
import org.wsss.phantom.PhantomConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wsss pretrain}: trains the default network on the exact 3D masks of synthetic phantom
 * lesions ({@link SupervisedExamples}) and writes one model file: the SDK's shipped
 * {@code Hnn.pretrained()} is made by this command with its defaults.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {
            "Trains the default network on the exact 3D masks of synthetic phantom lesions.",
            "%nEvery lesion slice and --margin slices past each end of the lesion (as background) are "
                + "training examples. Writes one model file, a starting point for `wsss train --init MODEL`. "
                + "The model shipped with the SDK (`wsss train --init pretrained`) is made by this command with "
                + "its defaults."},
        footerHeading = "%nExample:%n",
        footer = {"  ./wsss pretrain --out pretrained.zip", "  ./wsss train --deeplesion phantom/ --out model.wsss --init pretrained.zip"})
final class PretrainCommand implements Callable<Integer> {

    /** The phantom seed of the shipped model: unlike the demo's (2018), so demo lesions are unseen. */
    static final long PHANTOM_SEED = 7L;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write.")
    Path out;

    @Option(names = "--n", paramLabel = "N", description = "Phantom lesions to generate (default: ${DEFAULT-VALUE}).")
    int n = 300;

    @Option(names = "--phantom-seed", paramLabel = "S",
            description = "Seed of the phantom (default: ${DEFAULT-VALUE}; the demo's is 2018).")
    long phantomSeed = PHANTOM_SEED;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 6;

    @Option(names = "--margin", paramLabel = "N",
            description = "Slices past each end of a lesion taught as background (default: ${DEFAULT-VALUE}).")
    int margin = 2;

    @Option(names = "--context-mm", paramLabel = "MM",
            description = "Pretrain a 2.5D network that also reads the images MM mm below and above each slice"
                    + " (0 = one slice; default: ${DEFAULT-VALUE}).")
    double contextMm = 0;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.validate();
        if (n < 10 || epochs < 1 || margin < 0) {
            throw new IllegalArgumentException("--n must be >= 10, --epochs >= 1 and --margin >= 0");
        }
        if (!(contextMm >= 0 && contextMm <= HnnConfig.MAX_CONTEXT_MM)) {
            throw new IllegalArgumentException("--context-mm must lie in [0, " + HnnConfig.MAX_CONTEXT_MM + "], got "
                    + contextMm);
        }
        HnnConfig net = HnnConfig.defaults().withContextMm(contextMm);
        PhantomConfig pc = PhantomConfig.defaults().withCount(n).withSeed(phantomSeed);
        LesionDataset data = Phantom.dataset(pc);
        List<LesionCase> train = data.split(Split.TRAIN).toList();
        List<LesionCase> val = data.split(Split.VALIDATION).toList();
        List<TrainingExample> tr = SupervisedExamples.of(train, margin, net.contextOffsetsMm());
        List<TrainingExample> va = SupervisedExamples.of(val, margin, net.contextOffsetsMm());
        System.err.printf(Locale.ROOT, "pretraining on %d slices of %d phantom lesions (validation %d slices), %d epochs%n",
                tr.size(), train.size(), va.size(), epochs);
        TrainerConfig tc = TrainerConfig.defaults().withEpochs(epochs).withSeed(Seeds.derive(common.seed, "pretrain"));
        Progress bar = common.progress();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batches, LossValues loss) {
                if (epoch == 0 && batch == 0) {
                    bar.start("pretraining", (long) epochs * batches);
                }
                bar.advance(1);
            }

            @Override
            public void onEpochEnd(EpochSummary s) {
                if (s.epoch() == epochs - 1) {
                    bar.finish();
                }
            }
        };
        Path abs = out.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + abs.getParent(), e);
        }
        try (HnnModel init = Hnn.create(net, Seeds.derive(common.seed, "network"))) {
            HnnTrainer.Result r = Hnn.trainer(tc, List.of(listener)).fit(init, tr, va);
            Map<String, String> p = new TreeMap<>();
            p.put("data", "phantom n=" + n + " seed=" + phantomSeed + " (train split)");
            p.put("examples", Integer.toString(tr.size()));
            p.put("epochs", Integer.toString(epochs));
            p.put("margin", Integer.toString(margin));
            try (HnnModel fitted = r.model();
                 HnnModel stamped = fitted.withProvenance(Provenance.of("pretrain-phantom-gt", p).withSeed(common.seed))) {
                Hnn.save(stamped, abs);
            }
            TrainingListener.EpochSummary last = r.history().get(r.history().size() - 1);
            System.err.printf(Locale.ROOT, "last epoch: train loss %.4f, validation loss %.4f%n", last.train().total(),
                    last.validationLoss());
        }
        System.out.println("model written to " + abs);
        return 0;
    }
}
