package org.wsss.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Orthanc PACS started for one test: its own configuration, storage and index in a temporary
 * folder, the REST API on a free loopback port (remote access off, no DICOM port, no plugins).
 * {@link #close} stops it and waits for the process to end.
 */
final class Orthanc implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"ID\"\\s*:\\s*\"([^\"]+)\"");

    private final Process process;
    private final URI base;
    // HTTP/1.1 only: no h2c upgrade headers for Orthanc's embedded server to trip over.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Orthanc(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Whether the {@code Orthanc} executable is installed (Debian package {@code orthanc}). */
    static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "Orthanc"))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin/Orthanc"));
    }

    /** Starts Orthanc with everything under {@code dir} and waits until its REST API answers. */
    static Orthanc start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, "{\n"
                + "  \"Name\": \"wsss-test\",\n"
                + "  \"StorageDirectory\": \"" + storage + "\",\n"
                + "  \"IndexDirectory\": \"" + storage + "\",\n"
                + "  \"HttpServerEnabled\": true,\n"
                + "  \"HttpPort\": " + port + ",\n"
                + "  \"RemoteAccessAllowed\": false,\n"
                + "  \"AuthenticationEnabled\": false,\n"
                + "  \"DicomServerEnabled\": false,\n"
                + "  \"Plugins\": [],\n"
                + "  \"ConcurrentJobs\": 1,\n"
                + "  \"HttpThreadsCount\": 4\n"
                + "}\n");
        String exe = Files.isExecutable(Path.of("/usr/sbin/Orthanc")) ? "/usr/sbin/Orthanc" : "Orthanc";
        Process p = new ProcessBuilder(exe, config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        Orthanc o = new Orthanc(p, URI.create("http://127.0.0.1:" + port));
        // Should the test JVM be stopped before close(), Orthanc goes with it.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (o.get("/system").statusCode() == 200) {
                    return o;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                o.close();
                throw new IOException("Orthanc did not start; log:\n" + Files.readString(dir.resolve("orthanc.log")));
            }
            Thread.sleep(100);
        }
    }

    /** Stores a DICOM file (REST {@code POST /instances}); returns Orthanc's instance id. */
    String store(Path file) throws IOException, InterruptedException {
        HttpResponse<String> r = null;
        for (int attempt = 1; r == null; attempt++) {
            try {
                r = http.send(HttpRequest.newBuilder(base.resolve("/instances"))
                        .header("Content-Type", "application/dicom")
                        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // A loaded machine: the server may drop a connection while it starts up; retry a little.
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(500L * attempt);
            }
        }
        if (r.statusCode() != 200) {
            throw new IOException("POST /instances of " + file + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return firstId(r.body());
    }

    /** Orthanc ids of the resources with this DICOM UID ({@code POST /tools/lookup}). */
    List<String> lookup(String uid) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/tools/lookup"))
                .POST(HttpRequest.BodyPublishers.ofString(uid)).build(), HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(r.body());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The Orthanc ids of a series' instances. */
    List<String> instancesOfSeries(String seriesId) throws IOException, InterruptedException {
        String body = get("/series/" + seriesId).body();
        Matcher list = Pattern.compile("\"Instances\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(body);
        List<String> ids = new ArrayList<>();
        if (list.find()) {
            Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(list.group(1));
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** Downloads an instance's DICOM file ({@code GET /instances/{id}/file}) to {@code to}. */
    void download(String instanceId, Path to) throws IOException, InterruptedException {
        HttpResponse<Path> r = http.send(HttpRequest.newBuilder(base.resolve("/instances/" + instanceId + "/file"))
                .GET().build(), HttpResponse.BodyHandlers.ofFile(to));
        if (r.statusCode() != 200) {
            throw new IOException("GET /instances/" + instanceId + "/file: HTTP " + r.statusCode());
        }
    }

    /** A GET of the REST API. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String firstId(String json) throws IOException {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IOException("no ID in " + json);
        }
        return m.group(1);
    }

    /** Stops Orthanc (SIGTERM, then SIGKILL after 20 s) and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the process still runs. */
    boolean alive() {
        return process.isAlive();
    }
}
