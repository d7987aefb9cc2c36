package org.wsss.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JMH JSON result file of the HNN peer benchmark ({@code HnnPeerBenchmark}, built with
 * the Maven profile {@code djl}) and prints, for every parameter set, the time of one training
 * step of the default HNN preset in our SameDiff implementation ({@code wsssSameDiff}) and in the
 * same architecture on DJL/PyTorch ({@code djlPyTorch}), their ratio SameDiff/DJL, training
 * images/s ({@code batch / step time}), and the inference latency per slice of both
 * ({@code wsssSameDiffInfer}, {@code djlPyTorchInfer}, per batch size). Results are paired by
 * their JMH parameters (e.g. the {@code malloc} setting and the batch). It exits with status 1
 * if any training ratio exceeds the target (default {@value #TARGET}, the performance target of
 * the HNN issue), 2 if the file cannot be read or lacks a pair, and 0 otherwise.
 *
 * <p>Reproduce:
 * <pre>
 * mvn -B -q -P djl -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar HnnPeerBenchmark -rf json -rff peer.json
 * java -cp benchmarks/target/benchmarks.jar org.wsss.benchmarks.PeerRatioCheck peer.json [maxRatio]
 * </pre>
 *
 * <p>The file is read with a small JSON reader of its own, so the checker needs neither DJL nor a
 * JSON library and lives in the default build.
 */
public final class PeerRatioCheck {

    /** The largest accepted ours/DJL time ratio of one training step. */
    public static final double TARGET = 1.5;
    /** Benchmark method of our training step with the default gradient engine. */
    public static final String OURS_TRAIN = "wsssTrain";
    /** Benchmark method of our training step with the SameDiff gradient engine. */
    public static final String OURS_TRAIN_SAMEDIFF = "wsssSameDiff";
    /** Benchmark method of the peer's training step. */
    public static final String PEER_TRAIN = "djlPyTorch";
    /** Benchmark method of our forward pass. */
    public static final String OURS_INFER = "wsssSameDiffInfer";
    /** Benchmark method of the peer's forward pass. */
    public static final String PEER_INFER = "djlPyTorchInfer";

    private PeerRatioCheck() {
    }

    /**
     * One benchmark result of a JMH JSON file.
     *
     * @param method the benchmark method's simple name
     * @param params the JMH parameters, sorted by name
     * @param ms mean time per operation in milliseconds
     * @param errorMs half-width of JMH's 99.9% confidence interval in ms (NaN if JMH gave none)
     */
    public record Result(String method, Map<String, String> params, double ms, double errorMs) {
    }

    /**
     * A SameDiff result and the DJL result with the same parameters.
     *
     * @param ours our result
     * @param peer the DJL/PyTorch result
     */
    public record Pair(Result ours, Result peer) {

        /** Our time / DJL time. */
        public double ratio() {
            return ours.ms() / peer.ms();
        }

        /** The {@code batch} parameter (8 if absent: the benchmark's training batch). */
        public int batch() {
            String b = ours.params().get("batch");
            return b == null ? 8 : Integer.parseInt(b);
        }
    }

    /**
     * The pairs found in a result file.
     *
     * @param train training-step pairs of the checked engine ({@link #OURS_TRAIN}, or
     *     {@link #OURS_TRAIN_SAMEDIFF} in a file without it)
     * @param reference training-step pairs of the SameDiff engine when the file also has
     *     {@link #OURS_TRAIN} (reported, not checked)
     * @param infer forward-pass pairs
     */
    public record Report(List<Pair> train, List<Pair> reference, List<Pair> infer) {

        /** Whether every training ratio is at most {@code maxRatio}. */
        public boolean withinTarget(double maxRatio) {
            return train.stream().allMatch(p -> p.ratio() <= maxRatio);
        }
    }

    /**
     * Parses the text of a JMH JSON result file ({@code -rf json}).
     *
     * @throws IllegalArgumentException if the text is not a JMH result array or a score is missing
     */
    public static List<Result> parse(String json) {
        Object root = new Reader(json).document();
        if (!(root instanceof List<?> entries)) {
            throw new IllegalArgumentException("a JMH JSON result must be an array, got " + describe(root));
        }
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> e = object(entries.get(i), "entry " + i);
            String bench = string(e.get("benchmark"), "entry " + i + " benchmark");
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            Map<String, String> params = new TreeMap<>();
            Object p = e.get("params");
            if (p != null) {
                object(p, bench + " params").forEach((k, v) -> params.put(k, String.valueOf(v)));
            }
            Map<String, Object> metric = object(e.get("primaryMetric"), bench + " primaryMetric");
            double score = number(metric.get("score"), bench + " score");
            Object err = metric.get("scoreError");
            double error = err instanceof Double d ? d : Double.NaN;     // JMH writes "NaN" as a string
            String unit = string(metric.get("scoreUnit"), bench + " scoreUnit");
            out.add(new Result(method, params, toMs(score, unit, bench), toMsError(error, score, unit, bench)));
        }
        return out;
    }

    /**
     * Pairs our results with the peer's of the same parameters.
     *
     * @throws IllegalArgumentException if there is no training pair, or a result has no partner
     */
    public static Report report(List<Result> results) {
        boolean engines = results.stream().anyMatch(r -> r.method().equals(OURS_TRAIN));
        List<Pair> train = pairs(results, engines ? OURS_TRAIN : OURS_TRAIN_SAMEDIFF, PEER_TRAIN);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no " + OURS_TRAIN + " (or " + OURS_TRAIN_SAMEDIFF + ") / " + PEER_TRAIN
                    + " pair in the results; found " + results.stream().map(Result::method).distinct().toList());
        }
        boolean reference = engines && results.stream().anyMatch(r -> r.method().equals(OURS_TRAIN_SAMEDIFF));
        return new Report(train, reference ? pairs(results, OURS_TRAIN_SAMEDIFF, PEER_TRAIN) : List.of(),
                pairs(results, OURS_INFER, PEER_INFER));
    }

    /** Prints the report's figures. */
    public static void print(Report r, double maxRatio, PrintStream out) {
        for (Pair p : r.train()) {
            printTraining(p, out);
            out.printf(Locale.ROOT, "  ratio %s/DJL %.3f (target <= %.2f): %s%n", p.ours().method(), p.ratio(), maxRatio,
                    p.ratio() <= maxRatio ? "OK" : "EXCEEDED");
        }
        for (Pair p : r.reference()) {
            printTraining(p, out);
            out.printf(Locale.ROOT, "  ratio %s/DJL %.3f (reference engine, not checked)%n", p.ours().method(), p.ratio());
        }
        for (Pair p : r.infer()) {
            int b = p.batch();
            out.printf(Locale.ROOT, "inference, %s: per slice SameDiff %.3f ms, DJL/PyTorch %.3f ms (ratio %.3f)%n",
                    label(p), p.ours().ms() / b, p.peer().ms() / b, p.ratio());
        }
    }

    private static void printTraining(Pair p, PrintStream out) {
        int b = p.batch();
        String ours = p.ours().method();
        out.printf(Locale.ROOT, "training step, %s: %s %s ms, DJL/PyTorch %s ms%n", label(p), ours, withError(p.ours()),
                withError(p.peer()));
        out.printf(Locale.ROOT, "  training images/s: %s %.1f, DJL/PyTorch %.1f%n", ours, b * 1000 / p.ours().ms(),
                b * 1000 / p.peer().ms());
    }

    /**
     * Args: the JMH JSON file, optionally the largest accepted ratio (default {@value #TARGET}).
     * Exit status 0 within target, 1 above it, 2 on a bad file or arguments.
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** {@link #main} without the exit, for tests: returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2) {
            err.println("usage: PeerRatioCheck <jmh-result.json> [maxRatio (default " + TARGET + ")]");
            return 2;
        }
        try {
            double max = args.length == 2 ? Double.parseDouble(args[1]) : TARGET;
            if (!(max > 0) || Double.isInfinite(max)) {
                throw new IllegalArgumentException("maxRatio must be a positive number, got " + args[1]);
            }
            Path file = Path.of(args[0]);
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
            Report r;
            try {
                r = report(parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            print(r, max, out);
            return r.withinTarget(max) ? 0 : 1;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static List<Pair> pairs(List<Result> results, String ours, String peer) {
        Map<Map<String, String>, Result> a = new LinkedHashMap<>();
        Map<Map<String, String>, Result> b = new LinkedHashMap<>();
        for (Result r : results) {
            Map<Map<String, String>, Result> target = r.method().equals(ours) ? a : r.method().equals(peer) ? b : null;
            if (target != null && target.put(r.params(), r) != null) {
                throw new IllegalArgumentException("two results for " + r.method() + " " + r.params());
            }
        }
        if (!a.keySet().equals(b.keySet())) {
            throw new IllegalArgumentException(ours + " has parameter sets " + a.keySet() + " but " + peer + " has "
                    + b.keySet());
        }
        List<Pair> out = new ArrayList<>();
        a.forEach((k, r) -> out.add(new Pair(r, b.get(k))));
        out.sort(java.util.Comparator.comparing(p -> p.ours().params().toString()));   // same order whatever JMH ran first
        return out;
    }

    private static String label(Pair p) {
        StringBuilder b = new StringBuilder("batch ").append(p.batch());
        p.ours().params().forEach((k, v) -> {
            if (!k.equals("batch")) {
                b.append(", ").append(k).append(' ').append(v);
            }
        });
        return b.toString();
    }

    private static String withError(Result r) {
        return Double.isNaN(r.errorMs()) ? String.format(Locale.ROOT, "%.2f", r.ms())
                : String.format(Locale.ROOT, "%.2f ± %.2f", r.ms(), r.errorMs());
    }

    /** Milliseconds per operation from a JMH score: {@code X/op} (average, sample, single shot) or {@code ops/X} (throughput). */
    private static double toMs(double score, String unit, String bench) {
        if (unit.endsWith("/op")) {
            return score * unitMs(unit.substring(0, unit.length() - 3), unit, bench);
        }
        if (unit.startsWith("ops/")) {
            return unitMs(unit.substring(4), unit, bench) / score;
        }
        throw new IllegalArgumentException(bench + " has score unit " + unit + "; expected <time>/op or ops/<time>");
    }

    private static double toMsError(double error, double score, String unit, String bench) {
        if (Double.isNaN(error)) {
            return Double.NaN;
        }
        if (unit.endsWith("/op")) {
            return toMs(error, unit, bench);
        }
        // throughput: the interval [score - e, score + e] maps to times; report the larger half-width
        double ms = toMs(score, unit, bench);
        double lo = score - error > 0 ? toMs(score - error, unit, bench) : Double.POSITIVE_INFINITY;
        return Math.max(lo - ms, ms - toMs(score + error, unit, bench));
    }

    private static double unitMs(String u, String unit, String bench) {
        return switch (u) {
            case "ns" -> 1e-6;
            case "us" -> 1e-3;
            case "ms" -> 1;
            case "s" -> 1e3;
            case "min" -> 6e4;
            default -> throw new IllegalArgumentException(bench + " has score unit " + unit + " with unknown time unit " + u);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(what + " must be a JSON object, got " + describe(o));
    }

    private static String string(Object o, String what) {
        if (o instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(what + " must be a JSON string, got " + describe(o));
    }

    private static double number(Object o, String what) {
        if (o instanceof Double d && Double.isFinite(d) && d > 0) {
            return d;
        }
        throw new IllegalArgumentException(what + " must be a positive number, got " + describe(o));
    }

    private static String describe(Object o) {
        return o == null ? "nothing" : o instanceof String s ? "\"" + s + "\"" : o.toString();
    }

    /** A strict reader of JSON text: objects as maps, arrays as lists, numbers as doubles. */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            skipSpace();
            if (i != s.length()) {
                throw error("text after the JSON value");
            }
            return v;
        }

        private Object value() {
            skipSpace();
            if (i >= s.length()) {
                throw error("unexpected end of text");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return objectValue();
                case '[':
                    return arrayValue();
                case '"':
                    return stringValue();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return numberValue();
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        private Map<String, Object> objectValue() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            skipSpace();
            if (peek() == '}') {
                i++;
                return m;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String k = stringValue();
                skipSpace();
                expect(':');
                m.put(k, value());
                skipSpace();
                char c = next();
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> arrayValue() {
            List<Object> l = new ArrayList<>();
            i++;
            skipSpace();
            if (peek() == ']') {
                i++;
                return l;
            }
            while (true) {
                l.add(value());
                skipSpace();
                char c = next();
                if (c == ']') {
                    return l;
                }
                if (c != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String stringValue() {
            i++;
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("truncated \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        i += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private Double numberValue() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String t = s.substring(start, i);
            if (!t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                i = start;
                throw error("bad number " + t);
            }
            return Double.valueOf(t);
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw error("unexpected word");
            }
            i += word.length();
            return v;
        }

        private void skipSpace() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw error("unexpected end of text");
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                i--;
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            int line = 1, col = 1;
            for (int k = 0; k < Math.min(i, s.length()); k++) {
                if (s.charAt(k) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new IllegalArgumentException("JSON: " + what + " at line " + line + ", column " + col);
        }
    }
}
