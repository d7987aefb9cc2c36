package org.wsss.eval.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol (a WebSocket of JSON messages),
 * with nothing but the JDK: start it, open a page, evaluate script, click, take screenshots,
 * and collect the page's console errors, uncaught exceptions and failed loads.
 */
final class Cdp implements AutoCloseable {

    /** Flags for a browser run as root in a container, with no network chatter of its own. */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--hide-scrollbars", "--mute-audio", "--remote-debugging-port=0",
            "--remote-allow-origins=*", "--window-size=1280,900");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** The first Chromium found: {@code $CHROMIUM}, then the Debian and other usual names. */
    static Optional<Path> binary() {
        List<String> names = new ArrayList<>();
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            names.add(env);
        }
        names.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
        return names.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    Cdp(Path chromium, Path userDataDir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString()));
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + userDataDir);
        cmd.add("about:blank");
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(userDataDir.resolveSibling(userDataDir.getFileName() + ".log").toFile()).start();
        try {
            Path portFile = userDataDir.resolve("DevToolsActivePort");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException("Chromium did not start (" + (process.isAlive() ? "timeout" : "exit "
                            + process.exitValue()) + "): " + Files.readString(
                            userDataDir.resolveSibling(userDataDir.getFileName() + ".log")));
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            String ws = null;
            for (Object t : (List<?>) Json.parse(list)) {
                Map<?, ?> target = (Map<?, ?>) t;
                if ("page".equals(target.get("type"))) {
                    ws = (String) target.get("webSocketDebuggerUrl");
                    break;
                }
            }
            if (ws == null) {
                throw new IllegalStateException("no page target in " + list);
            }
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(ws), new Listener()).get(20, TimeUnit.SECONDS);
            call("Runtime.enable", Map.of());
            call("Log.enable", Map.of());
            call("Page.enable", Map.of());
            call("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1,
                    "mobile", false));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e instanceof IOException io ? io : new IOException("cannot drive Chromium: " + e, e);
        }
    }

    /** Console errors, uncaught exceptions and failed loads seen so far. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Forgets the errors seen so far. */
    void clearErrors() {
        errors.clear();
    }

    /** Sends one command and waits for its result. */
    Map<String, Object> call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
        pending.put(id, f);
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("id", id);
        msg.put("method", method);
        msg.put("params", params);
        socket.sendText(Json.write(msg), true).join();
        try {
            Map<String, Object> r = f.get(60, TimeUnit.SECONDS);
            if (r.containsKey("error")) {
                throw new IllegalStateException(method + ": " + r.get("error"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) r.getOrDefault("result", Map.of());
            return result;
        } catch (Exception e) {
            throw new IllegalStateException(method + " failed: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Opens {@code url} and waits until its load event. */
    void open(String url) throws InterruptedException {
        call("Page.navigate", Map.of("url", url));
        waitFor("document.readyState === 'complete'", 30);
    }

    /** The value of a script expression (JSON-compatible values only). */
    Object eval(String expression) {
        Map<String, Object> r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.containsKey("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + expression + ": " + r.get("exceptionDetails"));
        }
        return ((Map<?, ?>) r.get("result")).get("value");
    }

    /** Waits until {@code condition} is true in the page, failing after {@code seconds}. */
    void waitFor(String condition, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Boolean.TRUE.equals(eval("!!(" + condition + ")"))) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting for " + condition + "; errors: " + errors);
            }
            Thread.sleep(50);
        }
    }

    /** A real mouse click at page coordinates. */
    void click(double x, double y) {
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
        }
    }

    /** A screenshot of the viewport. */
    BufferedImage screenshot() throws IOException {
        String data = (String) call("Page.captureScreenshot", Map.of("format", "png")).get("data");
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(data)));
    }

    /** Closes the browser and waits for all its processes, so that its profile folder can be deleted. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        try {
            // Browser.close shuts Chromium down cleanly (its profile and singleton socket removed).
            socket.sendText(Json.write(Map.of("id", ids.incrementAndGet(), "method", "Browser.close")), true)
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            process.destroy();
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                handle(message);
            }
            ws.request(1);
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private void handle(String message) {
        Map<String, Object> m = (Map<String, Object>) Json.parse(message);
        Object id = m.get("id");
        if (id instanceof Number n) {
            CompletableFuture<Map<String, Object>> f = pending.get(n.intValue());
            if (f != null) {
                f.complete(m);
            }
            return;
        }
        Object method = m.get("method");
        Map<String, Object> p = (Map<String, Object>) m.getOrDefault("params", Map.of());
        if ("Runtime.consoleAPICalled".equals(method) && "error".equals(p.get("type"))) {
            errors.add("console.error: " + p.get("args"));
        } else if ("Runtime.exceptionThrown".equals(method)) {
            errors.add("exception: " + p.get("exceptionDetails"));
        } else if ("Log.entryAdded".equals(method)) {
            Map<String, Object> entry = (Map<String, Object>) p.get("entry");
            if (entry != null && "error".equals(entry.get("level"))) {
                errors.add("log: " + entry.get("text") + " " + entry.getOrDefault("url", ""));
            }
        }
    }

    /** Just enough JSON for the protocol: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String s) {
            Json j = new Json(s);
            Object v = j.value();
            j.ws();
            if (j.i != s.length()) {
                throw new IllegalArgumentException("trailing text at " + j.i);
            }
            return v;
        }

        static String write(Object v) {
            if (v == null) {
                return "null";
            }
            if (v instanceof String str) {
                StringBuilder sb = new StringBuilder("\"");
                for (char c : str.toCharArray()) {
                    switch (c) {
                        case '"' -> sb.append("\\\"");
                        case '\\' -> sb.append("\\\\");
                        case '\n' -> sb.append("\\n");
                        case '\r' -> sb.append("\\r");
                        case '\t' -> sb.append("\\t");
                        default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                    }
                }
                return sb.append('"').toString();
            }
            if (v instanceof Map<?, ?> m) {
                List<String> parts = new ArrayList<>();
                m.forEach((k, val) -> parts.add(write(k.toString()) + ":" + write(val)));
                return "{" + String.join(",", parts) + "}";
            }
            if (v instanceof List<?> l) {
                return "[" + String.join(",", l.stream().map(Json::write).toList()) + "]";
            }
            return v.toString();
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (s.charAt(i++) == '}') {
                        return m;
                    }
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i++) == ']') {
                        return l;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return Double.parseDouble(s.substring(start, i));
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            }
        }
    }
}
