package org.wsss.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.wsss.api.LesionCase;
import org.wsss.api.LesionDataset;
import org.wsss.api.ReadLimits;
import org.wsss.api.WsssIoException;

/**
 * A DeepLesion-layout folder opened by {@link DeepLesion#open}: one {@link LesionCase} per
 * usable row of {@code DL_info.csv}, in row order. Holds metadata only; see {@link DeepLesion}
 * for the layout, the case ids and what happens to bad rows. Thread-safe: cases may be read
 * from several threads at once.
 */
public final class DeepLesionDataset implements LesionDataset {

    private static final Pattern SLICE_PNG = Pattern.compile("(\\d+)\\.png");

    private final Path directory;
    private final Path csvFile;
    private final Path imagesDir;
    private final GroundTruthReader groundTruthReader;
    private final ReadLimits limits;
    private final List<DeepLesionCase> cases;
    private final List<WsssIoException> problems;
    /** Series listings kept at most, the most recently used: memory stays flat over any number of series. */
    static final int SERIES_CACHE = 256;

    private final Map<String, NavigableMap<Integer, Path>> seriesCache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, NavigableMap<Integer, Path>> eldest) {
                    return size() > SERIES_CACHE;
                }
            });

    private DeepLesionDataset(Path directory, GroundTruthReader groundTruthReader, ReadLimits limits,
                              List<String> lines) {
        this.directory = directory;
        this.limits = limits;
        this.csvFile = directory.resolve(DeepLesion.CSV_FILE);
        this.imagesDir = directory.resolve(DeepLesion.IMAGES_DIR);
        this.groundTruthReader = groundTruthReader;
        List<DeepLesionCase> ok = new ArrayList<>(lines.size());
        List<WsssIoException> bad = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k);
            int row = k + 2; // the header is row 1
            if (line.isBlank()) {
                continue;
            }
            List<String> fields;
            try {
                fields = CsvLine.split(line);
            } catch (IllegalArgumentException e) {
                bad.add(new WsssIoException(csvFile, row, e.getMessage(), e));
                continue;
            }
            // Number repeats by File_name over every row, skipped ones too, so that mending a bad
            // row never renames the cases after it.
            String name = fields.get(0).strip();
            int n = seen.merge(name, 1, Integer::sum);
            try {
                DeepLesionRecord r = DlInfo.parse(fields, limits);
                String id = n == 1 ? r.baseName() : r.baseName() + "_" + n;
                ok.add(new DeepLesionCase(this, r, id, row));
            } catch (IllegalArgumentException e) {
                // Name the lesion too where File_name is readable, so failures.csv points at it.
                String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
                String id = base.matches("[\\w.-]{1,200}") ? (n == 1 ? base : base + "_" + n) : null;
                bad.add(new WsssIoException(csvFile, row, id, e.getMessage(), e));
            }
        }
        this.cases = List.copyOf(ok);
        this.problems = Collections.unmodifiableList(bad);
    }

    static DeepLesionDataset open(Path dir, GroundTruthReader groundTruthReader, ReadLimits limits) {
        if (!Files.isDirectory(dir)) {
            throw new WsssIoException(dir, "DeepLesion folder not found", null);
        }
        Path csv = dir.resolve(DeepLesion.CSV_FILE);
        Path images = dir.resolve(DeepLesion.IMAGES_DIR);
        if (!Files.isDirectory(images)) {
            throw new WsssIoException(images, "image folder not found", null);
        }
        List<String> lines = new ArrayList<>();
        String header;
        // Undecodable bytes become U+FFFD, so they fail their own row as "not a number".
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        checkRegularFile(csv, limits);
        try (InputStream in = Files.newInputStream(csv);
             BoundedLines r = new BoundedLines(new InputStreamReader(in, decoder), csv, limits)) {
            header = r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (NoSuchFileException e) {
            throw new WsssIoException(csv, "file not found", e);
        } catch (IOException e) {
            throw new WsssIoException(csv, "cannot read: " + e, e);
        }
        checkHeader(csv, header);
        return new DeepLesionDataset(dir, groundTruthReader, limits, lines);
    }

    /**
     * A FIFO would block the reader forever and {@code /dev/zero} never ends: only a regular
     * file within the size limit is read.
     */
    private static void checkRegularFile(Path csv, ReadLimits limits) {
        if (!Files.exists(csv)) {
            throw new WsssIoException(csv, "file not found", null);
        }
        if (!Files.isRegularFile(csv)) {
            throw new WsssIoException(csv, "not a regular file (a device, a pipe or a folder cannot be read as CSV)",
                    null);
        }
        try {
            long size = Files.size(csv);
            if (size > limits.csvBytes()) {
                throw new WsssIoException(csv, ReadLimits.over("file size", size, "csvBytes", limits.csvBytes()), null);
            }
        } catch (IOException e) {
            throw new WsssIoException(csv, "cannot read: " + e, e);
        }
    }

    private static void checkHeader(Path csv, String header) {
        if (header == null) {
            throw new WsssIoException(csv, 1, "file is empty; expected the DeepLesion header", null);
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> got;
        try {
            got = CsvLine.split(header);
        } catch (IllegalArgumentException e) {
            throw new WsssIoException(csv, 1, "malformed header: " + e.getMessage(), e);
        }
        List<String> want = DlInfo.HEADER;
        for (int k = 0; k < Math.max(got.size(), want.size()); k++) {
            String g = k < got.size() ? got.get(k).strip() : "(nothing)";
            String w = k < want.size() ? want.get(k) : "(nothing)";
            if (!g.equals(w)) {
                throw new WsssIoException(csv, 1, "not the DeepLesion header: column " + (k + 1) + " is '" + g
                        + "', expected '" + w + "'", null);
            }
        }
    }

    @Override
    public int size() {
        return cases.size();
    }

    @Override
    public LesionCase get(int i) {
        return cases.get(i);
    }

    /** Rows that were skipped, each naming {@code DL_info.csv} and its row (header = 1). */
    @Override
    public List<WsssIoException> problems() {
        return problems;
    }

    /** The parsed row of case {@code i}. */
    public DeepLesionRecord record(int i) {
        return cases.get(i).record();
    }

    /** The {@code DL_info.csv} row (header = 1) case {@code i} came from. */
    public int rowNumber(int i) {
        return cases.get(i).row();
    }

    /** The dataset folder. */
    public Path directory() {
        return directory;
    }

    /** Its {@code DL_info.csv}. */
    public Path csvFile() {
        return csvFile;
    }

    Path imagesDir() {
        return imagesDir;
    }

    ReadLimits limits() {
        return limits;
    }

    GroundTruthReader groundTruthReader() {
        return groundTruthReader;
    }

    Path groundTruthFile(String caseId) {
        return DeepLesion.groundTruthFile(directory, caseId);
    }

    /**
     * Slice index → PNG of one series folder, listed once and shared by every case of the series
     * while it is among the {@value #SERIES_CACHE} most recently used. A failed listing is not
     * cached, so a folder that appears later is found.
     */
    NavigableMap<Integer, Path> seriesSlices(String folder) {
        NavigableMap<Integer, Path> m = seriesCache.get(folder);
        if (m == null) {
            // listed outside the lock: two threads may list one folder at once, to the same result
            m = listSeries(folder);
            seriesCache.put(folder, m);
        }
        return m;
    }

    private NavigableMap<Integer, Path> listSeries(String folder) {
        Path d = imagesDir.resolve(folder);
        if (!Files.isDirectory(d)) {
            throw new WsssIoException(d, "series folder not found", null);
        }
        TreeMap<Integer, Path> m = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "*.png")) {
            for (Path p : ds) {
                if (m.size() >= limits.slicesPerSeries()) {
                    throw new WsssIoException(d, "more than " + ReadLimits.over("slice PNGs", m.size(),
                            "slicesPerSeries", limits.slicesPerSeries()), null);
                }
                var matcher = SLICE_PNG.matcher(p.getFileName().toString());
                if (!matcher.matches() || matcher.group(1).length() > 9) {
                    continue;
                }
                int index = Integer.parseInt(matcher.group(1));
                Path other = m.put(index, p);
                if (other != null) {
                    throw new WsssIoException(d, "both " + other.getFileName() + " and " + p.getFileName()
                            + " claim slice " + index, null);
                }
            }
        } catch (IOException e) {
            throw new WsssIoException(d, "cannot list series folder: " + e, e);
        }
        return Collections.unmodifiableNavigableMap(m);
    }
}
