package org.wsss.propagation.wsss;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.wsss.hnn.Hnn;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;

/**
 * Where WSSS training's network starts: random weights drawn from the run's seed (the paper),
 * the pretrained model shipped with the SDK ({@link Hnn#pretrained()}), or a model file.
 *
 * <p>Step 0 and every slice-propagated step then train on the weak labels as usual; a
 * pretrained start only changes the weights they begin from.
 *
 * @param kind which start
 * @param file the model file for {@link Kind#FILE}, else {@code null}
 */
public record InitialWeights(Kind kind, Path file) {

    /** The kinds of start. */
    public enum Kind {
        /** He-initialised weights from {@code Seeds.derive(seed, "network")}. */
        RANDOM,
        /** {@link Hnn#pretrained()}. */
        PRETRAINED,
        /** A model file of the user's. */
        FILE
    }

    /** Validates: a file exactly for {@link Kind#FILE}. */
    public InitialWeights {
        Objects.requireNonNull(kind, "InitialWeights.kind");
        if ((kind == Kind.FILE) != (file != null)) {
            throw new IllegalArgumentException("InitialWeights: a file is given exactly for kind FILE, got " + kind
                    + " with file " + file);
        }
    }

    /** Random weights (the default, as in the paper). */
    public static InitialWeights random() {
        return new InitialWeights(Kind.RANDOM, null);
    }

    /** The shipped pretrained model. */
    public static InitialWeights pretrained() {
        return new InitialWeights(Kind.PRETRAINED, null);
    }

    /** A model file. */
    public static InitialWeights file(Path f) {
        return new InitialWeights(Kind.FILE, Objects.requireNonNull(f, "file"));
    }

    /**
     * Parses {@code random}, {@code pretrained} or a model file path (the CLI's {@code --init}).
     *
     * @throws IllegalArgumentException if the value is none of these or the file does not exist
     */
    public static InitialWeights parse(String value) {
        Objects.requireNonNull(value, "value");
        if (value.equals("random")) {
            return random();
        }
        if (value.equals("pretrained")) {
            return pretrained();
        }
        Path f = Path.of(value);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("--init must be random, pretrained or a model file; " + value
                    + " is not a regular file");
        }
        return file(f);
    }

    /**
     * The network to train: a new model the caller closes.
     *
     * @param config the network the run asks for; a loaded model must have exactly this, or be
     *     its one-slice form when {@code config} is 2.5D (the model then reads context too,
     *     {@link HnnModel#withContextMm})
     * @param seed the seed of random weights
     * @throws IllegalArgumentException if a loaded model's network differs from {@code config}
     */
    public HnnModel open(HnnConfig config, long seed) {
        HnnModel m = switch (kind) {
            case RANDOM -> Hnn.create(config, seed);
            case PRETRAINED -> Hnn.pretrained();
            case FILE -> Hnn.load(file);
        };
        if (config.contextMm() > 0 && m.info().config().equals(config.withContextMm(0))) {
            // One-slice weights start a 2.5D run: the context channels start at zero.
            try (HnnModel one = m) {
                m = one.withContextMm(config.contextMm());
            }
        }
        if (!m.info().config().equals(config)) {
            m.close();
            throw new IllegalArgumentException("initial weights " + this + " hold network " + m.info().config()
                    + " but the run asks for " + config);
        }
        return m;
    }

    /** {@code random}, {@code pretrained} or the file, as provenance and the CLI write it. */
    @Override
    public String toString() {
        return kind == Kind.FILE ? file.toString() : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
