package org.wsss.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wsss.api.LesionDataset;
import org.wsss.api.Split;
import org.wsss.io.LesionInput;
import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.train.TrainerConfig;
import org.wsss.propagation.Wsss;
import org.wsss.propagation.wsss.InitialWeights;
import org.wsss.propagation.wsss.WsssConfig;
import org.wsss.propagation.wsss.WsssResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wsss train}: trains the HNN from RECIST marks only — GrabCut-R labels on the RECIST
 * slices, then slice-propagated steps up to WSSS-k (Sec. 2.2, 2.3) — on the lesions of the
 * training split, validating on those of the validation split, and writes one model file. Any
 * input of {@link InputOptions}; the split is DeepLesion's {@code Train_Val_Test}, the marks CSV's
 * {@code split} column, or else drawn from the volume's name so that one volume's lesions never
 * straddle splits (FLARE cases always so; see {@code docs/nifti-csv.md}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Trains the network from the RECIST marks of a DeepLesion-layout folder, of NIfTI volumes with a marks"
                + " CSV or of FLARE25 cases.",
            "%nTrains on the lesions of the training split and validates on those of the validation split:"
                + " GrabCut-R masks on the RECIST slices, then WSSS-k slice propagation (k = --wsss). The split is"
                + " DeepLesion's Train_Val_Test (1 train, 2 validation), the marks CSV's split column, or else"
                + " taken from the volume's name, about 70 %% train, 15 %% validation and 15 %% test by volume, so"
                + " that the lesions of one volume stay together (FLARE cases always so; docs/nifti-csv.md)."
                + " Writes one model file; each step's model is kept in MODEL.steps/, from where an interrupted"
                + " run resumes."},
        footerHeading = "%nExample:%n",
        footer = {"  ./wsss train --deeplesion phantom/ --out model.wsss --wsss 7 --epochs 30",
            "  ./wsss train --nifti-csv marks.csv --out model.wsss"})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write.")
    Path out;

    @Option(names = "--wsss", paramLabel = "1|3|5|7",
            description = "Slices per lesion at the end: 1 = RECIST slices only (HNN), 3/5/7 = WSSS-k "
                    + "(default: ${DEFAULT-VALUE}).")
    int k = 7;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs on the RECIST slices (default: ${DEFAULT-VALUE}).")
    int epochs = 30;

    @Option(names = "--fine-tune-epochs", paramLabel = "N",
            description = "Epochs of each slice-propagated step (default: ${DEFAULT-VALUE}).")
    int fineTuneEpochs = 10;

    @Option(names = "--init", paramLabel = "random|pretrained|MODEL",
            description = "Where the network starts: the model shipped with the SDK, pretrained on exact phantom "
                    + "masks (better on both the phantom and real CT, see docs/pretraining-and-real-ct.md), random "
                    + "weights as in the paper, or a model file (default: ${DEFAULT-VALUE}).")
    String init = "pretrained";

    @Option(names = "--context-mm", paramLabel = "MM",
            description = "Train a 2.5D network that also reads the images MM mm below and above each slice,"
                    + " interpolated between stored slices (0 = one slice, as in the paper; default:"
                    + " ${DEFAULT-VALUE}). One-slice initial weights start it with the context channels at zero.")
    double contextMm = 0;

    @Option(names = "--off-slice-validation", negatable = true, fallbackValue = "true",
            description = "Step j also labels slices r +/- j of the validation lesions, as it does the training"
                    + " lesions', and validates and calibrates the network on them; --no-off-slice-validation keeps"
                    + " validation on the RECIST slices (default: ${DEFAULT-VALUE}).")
    boolean offSliceValidation = true;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.validate();
        if (k != 1 && k != 3 && k != 5 && k != 7) {
            throw new IllegalArgumentException("--wsss must be 1, 3, 5 or 7, got " + k);
        }
        if (epochs < 1 || fineTuneEpochs < 1) {
            throw new IllegalArgumentException("--epochs and --fine-tune-epochs must be >= 1");
        }
        if (!(contextMm >= 0 && contextMm <= HnnConfig.MAX_CONTEXT_MM)) {
            throw new IllegalArgumentException("--context-mm must lie in [0, " + HnnConfig.MAX_CONTEXT_MM + "], got "
                    + contextMm);
        }
        LesionInput in = input.open(common.threads, common.limits());
        LesionDataset data = in.dataset();
        if (data.split(Split.TRAIN).findAny().isEmpty()) {
            throw new IllegalArgumentException(in.source() + ": no usable lesion in the training split ("
                    + (in.format().equals("deeplesion") ? "Train_Val_Test = 1" : "split 1, given in the marks CSV's"
                    + " split column or drawn from the volume's name") + ")");
        }
        if (!data.problems().isEmpty()) {
            System.err.println(data.problems().size() + " rows or files of " + in.source() + " could not be read and"
                    + " are left out; first: " + data.problems().get(0).getMessage());
        }
        Path abs = out.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        WsssConfig cfg = config(k, epochs, fineTuneEpochs, common.seed, common.threads,
                abs.resolveSibling(abs.getFileName() + ".steps")).withInit(InitialWeights.parse(init));
        cfg = cfg.withHnn(cfg.hnn().withContextMm(contextMm)).withOffSliceValidation(offSliceValidation);
        WsssResult r = train(data, cfg, common);
        try (HnnModel model = r.model()) {
            Hnn.save(model, abs);
        }
        System.out.println("model written to " + abs);
        return 0;
    }

    /** The configuration of a WSSS-k run with these epochs, seed, threads and checkpoint folder. */
    static WsssConfig config(int k, int epochs, int fineTuneEpochs, long seed, int threads, Path checkpoints) {
        TrainerConfig base = TrainerConfig.defaults();
        return WsssConfig.defaults().withK(k)
                .withTraining(base.withEpochs(epochs), base.withEpochs(fineTuneEpochs))
                .withSeed(seed).withThreads(threads).withCheckpointDir(checkpoints);
    }

    static WsssResult train(LesionDataset data, WsssConfig cfg, CommonOptions common) {
        return Wsss.train(data, cfg, new TrainingProgress(common.progress()));
    }
}
