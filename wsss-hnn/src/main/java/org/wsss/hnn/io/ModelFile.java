package org.wsss.hnn.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.wsss.api.Provenance;
import org.wsss.api.ReadLimits;
import org.wsss.api.SdkVersion;
import org.wsss.api.Window;
import org.wsss.api.WsssIoException;
import org.wsss.hnn.model.Architecture;
import org.wsss.hnn.model.Calibration;
import org.wsss.hnn.model.HnnConfig;
import org.wsss.hnn.model.HnnModel;
import org.wsss.hnn.internal.HnnNetwork;
import org.wsss.hnn.model.ModelInfo;

/**
 * The one-file model format: a zip holding {@code model.properties} (format id, format version,
 * SDK version, architecture ({@code hnn}, or {@code unet} for the UNet baseline), input size, default window, training provenance, and the output {@link Calibration} as
 * {@code calibration.scale}/{@code calibration.offset} — optional, absent means the identity;
 * {@code recistCalibration.scale}/{@code recistCalibration.offset} — optional, absent means the
 * same as {@code calibration})
 * and one entry
 * {@code params/<name>} per parameter with its values as little-endian float32. Parameters are
 * keyed by stable names ({@link HnnNetwork#parameterShapes}), never by Java class names, and
 * the graph is rebuilt from the architecture on load. A checkpoint is the same file with extra
 * entries (optimizer state, trainer state) that {@link #load} ignores.
 *
 * <p>Loading rejects, with a {@link WsssIoException} naming the file: a file that is not a
 * complete zip (e.g. truncated), another format or format version, missing or malformed
 * metadata, and parameters of the wrong size or with non-finite values.
 *
 * <p>Memory is bounded by {@link ReadLimits}, checked before anything large is allocated: the
 * file must be a regular file of at most {@code modelBytes}; each entry is read through a cap
 * of {@code modelEntryBytes} and all entries together of {@code modelBytes} (whatever sizes
 * the zip claims, so a zip bomb stops at the cap); the architecture's parameter count and its
 * activation memory for one input ({@link #activationBytes}) are checked against
 * {@code modelBytes} and {@code activationBytes} before the parameters are read or the network is built.
 */
public final class ModelFile {

    /** Format id stored in every file. */
    public static final String FORMAT = "wsss-hnn-model";
    /** Version of the layout written by this code; load accepts only this one. */
    public static final int VERSION = 1;
    /** Name of the metadata entry. */
    public static final String METADATA = "model.properties";
    private static final String PARAMS = "params/";

    private ModelFile() {
    }

    /** Saves a model (atomically: a temporary file is moved into place). */
    public static void save(HnnModel model, Path file) {
        write(file, model, Map.of(), new Properties());
    }

    /** Loads a model saved by {@link #save} (or a checkpoint) within the default {@link ReadLimits}. */
    public static HnnModel load(Path file) {
        return read(file).model();
    }

    /** Loads a model saved by {@link #save} (or a checkpoint) within {@code limits}. */
    public static HnnModel load(Path file, ReadLimits limits) {
        return read(file, limits).model();
    }

    /**
     * Float32 activation memory of one {@code inputSize²} input through {@code config}: for every
     * convolution, its output channels × the pixels of its stage, plus the decoder's for a UNet.
     * A lower bound of what the engines allocate; what the limit {@code activationBytes} is checked against.
     */
    public static long activationBytes(HnnConfig config) {
        long total = 0;
        long side = config.inputSize();
        for (int s = 0; s < config.stages(); s++) {
            long px = (side >> s) * (side >> s);
            long convs = config.convsPerStage().get(s) * (config.architecture() == Architecture.UNET ? 2L : 1L);
            total += convs * config.channels().get(s) * px * 4;
        }
        return total;
    }

    /** A model file's model plus any extra arrays and properties (checkpoints). */
    public record Contents(HnnModel model, Map<String, float[]> extraArrays, Properties extraProperties) {
    }

    /**
     * Writes a model with extra named float arrays (entries {@code extra/<name>}) and extra
     * properties (entry {@code extra.properties}).
     */
    public static void write(Path file, HnnModel model, Map<String, float[]> extraArrays, Properties extraProps) {
        // A name of its own (two writers of one file never share a temporary), forced to disk before the rename.
        Path tmp = file.toAbsolutePath().resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid()
                + "-" + System.nanoTime() + ".tmp");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                put(zip, METADATA, props(metadata(model.info())));
                for (Map.Entry<String, float[]> e : model.network().parameterValues().entrySet()) {
                    put(zip, PARAMS + e.getKey(), floats(e.getValue()));
                }
                for (Map.Entry<String, float[]> e : new TreeMap<>(extraArrays).entrySet()) {
                    put(zip, "extra/" + e.getKey(), floats(e.getValue()));
                }
                put(zip, "extra.properties", props(extraProps));
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the real error follows
            }
            throw new WsssIoException(file, "cannot write model file: " + e.getMessage(), e);
        }
    }

    /** Reads a model file with its extra entries within the default {@link ReadLimits}. */
    public static Contents read(Path file) {
        return read(file, ReadLimits.defaults());
    }

    /** Reads a model file with its extra entries within {@code limits}. */
    public static Contents read(Path file, ReadLimits limits) {
        if (!Files.exists(file)) {
            throw new WsssIoException(file, "model file does not exist", null);
        }
        if (!Files.isRegularFile(file)) {
            throw new WsssIoException(file, "model file is not a regular file", null);
        }
        try {
            long size = Files.size(file);
            if (size > limits.modelBytes()) {
                throw new WsssIoException(file, ReadLimits.over("file size", size, "modelBytes", limits.modelBytes()), null);
            }
        } catch (IOException e) {
            throw new WsssIoException(file, "cannot read model file: " + e, e);
        }
        long[] budget = {limits.modelBytes()};
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Properties meta = new Properties();
            ZipEntry me = zip.getEntry(METADATA);
            if (me == null) {
                throw new WsssIoException(file, "not a " + FORMAT + " file: no " + METADATA + " entry", null);
            }
            meta.load(new StringReader(new String(readAll(file, zip, me, limits, budget), StandardCharsets.UTF_8)));
            String format = meta.getProperty("format");
            if (!FORMAT.equals(format)) {
                throw new WsssIoException(file, "not a " + FORMAT + " file: format is " + format, null);
            }
            String version = meta.getProperty("formatVersion");
            if (!Integer.toString(VERSION).equals(version)) {
                throw new WsssIoException(file, "model format version " + version + " is not supported; this SDK ("
                        + SdkVersion.get() + ") reads version " + VERSION, null);
            }
            ModelInfo info = info(file, meta);
            checkArchitecture(file, info.config(), limits);
            Map<String, float[]> params = new LinkedHashMap<>();
            Map<String, float[]> extra = new LinkedHashMap<>();
            Properties extraProps = new Properties();
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.getName().startsWith(PARAMS)) {
                    params.put(e.getName().substring(PARAMS.length()), toFloats(file, e.getName(), readAll(file, zip, e, limits, budget)));
                } else if (e.getName().startsWith("extra/")) {
                    extra.put(e.getName().substring("extra/".length()), toFloats(file, e.getName(), readAll(file, zip, e, limits, budget)));
                } else if (e.getName().equals("extra.properties")) {
                    extraProps.load(new StringReader(new String(readAll(file, zip, e, limits, budget), StandardCharsets.UTF_8)));
                }
            }
            HnnNetwork net;
            try {
                net = HnnNetwork.withParameters(info.config(), params, DataType.FLOAT);
            } catch (IllegalArgumentException ex) {
                throw new WsssIoException(file, "model parameters do not fit the architecture: " + ex.getMessage(), ex);
            }
            return new Contents(new HnnModel(net, info), extra, extraProps);
        } catch (IOException e) {
            throw new WsssIoException(file, "cannot read model file (truncated or not a zip?): " + e.getMessage(), e);
        }
    }

    private static Properties metadata(ModelInfo info) {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("formatVersion", Integer.toString(VERSION));
        p.setProperty("sdkVersion", SdkVersion.get());
        p.setProperty("architecture", info.config().architecture().id());
        p.setProperty("channels", join(info.config().channels()));
        p.setProperty("convsPerStage", join(info.config().convsPerStage()));
        p.setProperty("inputSize", Integer.toString(info.config().inputSize()));
        if (info.config().contextMm() > 0) {
            // Written only for 2.5D networks, so a one-slice model's file is as before.
            p.setProperty("contextMm", Double.toString(info.config().contextMm()));
        }
        p.setProperty("window.lower", Double.toString(info.defaultWindow().lower()));
        p.setProperty("window.upper", Double.toString(info.defaultWindow().upper()));
        Provenance pr = info.provenance();
        p.setProperty("provenance.method", pr.method());
        p.setProperty("provenance.seed", Long.toString(pr.seed()));
        p.setProperty("provenance.sdkVersion", pr.sdkVersion());
        pr.parameters().forEach((k, v) -> p.setProperty("provenance.param." + k, v));
        p.setProperty("calibration.scale", Double.toString(info.calibration().scale()));
        p.setProperty("calibration.offset", Double.toString(info.calibration().offset()));
        if (!info.recistCalibration().equals(info.calibration())) {
            // Written only when it differs, so a model with one calibration has the file it had.
            p.setProperty("recistCalibration.scale", Double.toString(info.recistCalibration().scale()));
            p.setProperty("recistCalibration.offset", Double.toString(info.recistCalibration().offset()));
        }
        for (int i = 0; i < pr.notes().size(); i++) {
            p.setProperty("provenance.note." + i, pr.notes().get(i));
        }
        return p;
    }

    private static ModelInfo info(Path file, Properties p) {
        try {
            Architecture arch = Architecture.byId(required(p, "architecture"));
            HnnConfig cfg = new HnnConfig(ints(required(p, "channels")), ints(required(p, "convsPerStage")),
                    Integer.parseInt(required(p, "inputSize")), arch,
                    p.getProperty("contextMm") == null ? 0 : Double.parseDouble(p.getProperty("contextMm")));
            Window w = new Window(Double.parseDouble(required(p, "window.lower")), Double.parseDouble(required(p, "window.upper")));
            Map<String, String> params = new TreeMap<>();
            List<String> notes = new ArrayList<>();
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("provenance.param.")) {
                    params.put(k.substring("provenance.param.".length()), p.getProperty(k));
                }
            }
            for (int i = 0; p.getProperty("provenance.note." + i) != null; i++) {
                notes.add(p.getProperty("provenance.note." + i));
            }
            Provenance pr = new Provenance(required(p, "provenance.method"), params,
                    Long.parseLong(required(p, "provenance.seed")), required(p, "provenance.sdkVersion"), notes, null);
            // Optional keys: files written before calibration existed read as uncalibrated.
            Calibration cal = p.getProperty("calibration.scale") == null ? Calibration.identity()
                    : new Calibration(Double.parseDouble(p.getProperty("calibration.scale")),
                    Double.parseDouble(required(p, "calibration.offset")));
            Calibration recist = p.getProperty("recistCalibration.scale") == null ? cal
                    : new Calibration(Double.parseDouble(p.getProperty("recistCalibration.scale")),
                    Double.parseDouble(required(p, "recistCalibration.offset")));
            return new ModelInfo(cfg, w, pr, cal, recist);
        } catch (IllegalArgumentException e) {
            throw new WsssIoException(file, "bad model metadata: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing key " + key);
        }
        return v;
    }

    private static String join(List<Integer> v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(v.get(i));
        }
        return sb.toString();
    }

    private static List<Integer> ints(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static byte[] props(Properties p) throws IOException {
        StringWriter w = new StringWriter();
        // Sorted keys keep files of equal content byte-identical.
        Properties sorted = new Properties() {
            @Override
            public synchronized Enumeration<Object> keys() {
                return java.util.Collections.enumeration(new java.util.TreeSet<>(super.keySet()));
            }

            @Override
            public java.util.Set<Map.Entry<Object, Object>> entrySet() {
                java.util.Set<Map.Entry<Object, Object>> s = new java.util.TreeSet<>(
                        (a, b) -> a.getKey().toString().compareTo(b.getKey().toString()));
                s.addAll(super.entrySet());
                return s;
            }
        };
        sorted.putAll(p);
        sorted.store(w, null);
        // Drop the timestamp comment line so the bytes depend only on the content.
        String text = w.toString().replaceFirst("^#[^\\n]*\\n", "");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static float[] toFloats(Path file, String entry, byte[] data) {
        if (data.length % 4 != 0) {
            throw new WsssIoException(file, "entry " + entry + " holds " + data.length + " bytes, not a whole number of float32", null);
        }
        float[] v = new float[data.length / 4];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    /**
     * An entry's bytes, read through a cap of {@code modelEntryBytes} and what is left of the
     * file's {@code budget}, whatever size the zip claims (a zip bomb claims little and inflates much).
     */
    private static byte[] readAll(Path file, ZipFile zip, ZipEntry e, ReadLimits limits, long[] budget)
            throws IOException {
        long cap = Math.min(limits.modelEntryBytes(), budget[0]);
        try (InputStream in = zip.getInputStream(e)) {
            byte[] data = in.readNBytes((int) Math.min(cap + 1, Integer.MAX_VALUE - 8));
            if (data.length > cap) {
                throw new WsssIoException(file, cap == limits.modelEntryBytes()
                        ? "entry " + e.getName() + " is over " + ReadLimits.over("the entry limit", cap,
                                "modelEntryBytes", limits.modelEntryBytes())
                        : "entries together are over the limit modelBytes = " + limits.modelBytes()
                                + " (--limit modelBytes=N raises it)", null);
            }
            budget[0] -= data.length;
            return data;
        }
    }

    /** The parameters and one input's activations must fit the limits before anything is allocated. */
    private static void checkArchitecture(Path file, HnnConfig config, ReadLimits limits) {
        long params = 0;
        for (long[] shape : HnnNetwork.parameterShapes(config).values()) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            params += n;
        }
        if (params * 4 > limits.modelBytes()) {
            throw new WsssIoException(file, "architecture needs " + ReadLimits.over(params + " parameters, bytes",
                    params * 4, "modelBytes", limits.modelBytes()), null);
        }
        long act = activationBytes(config);
        if (act > limits.activationBytes()) {
            throw new WsssIoException(file, "architecture " + config.channels() + " channels at " + config.inputSize()
                    + " px needs " + ReadLimits.over("activation bytes per input", act, "activationBytes",
                    limits.activationBytes()), null);
        }
    }
}
