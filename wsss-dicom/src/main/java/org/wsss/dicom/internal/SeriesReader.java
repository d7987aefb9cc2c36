package org.wsss.dicom.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.VoxelSpacing;
import org.wsss.api.Window;
import org.wsss.api.WsssIoException;
import org.wsss.dicom.CtSeries;
import org.wsss.dicom.DicomStudy;

/**
 * Reads every CT series of a folder tree: groups files by Series Instance UID, checks each
 * series' geometry, sorts it along the slice normal and rescales to HU. A series with any fault
 * is refused whole, with the file at fault named; the other series are read.
 *
 * <p>{@link #read(Path)} decodes lazily: at open every header is parsed (from the first bytes of
 * each file, see {@link DicomParser#readHead}), every check below is made, the file sizes are
 * checked against the Pixel Data lengths (a truncated file is refused at open, as by a full
 * read), and the series is sorted; a slice's pixels are read and rescaled when a segmenter
 * first asks for that slice ({@link Volume#lazy}), so a lesion pays only for the slices it
 * touches. The files must stay in place while the series is used: a file removed or resized
 * since the open is an error naming it when its slice is first read. {@link #read(Path, boolean)}
 * with {@code lazy = false} decodes every slice at open, on up to 4 threads.
 */
public final class SeriesReader {

    /** Largest in-plane size accepted (rows or columns). */
    static final int MAX_SIZE = 8192;
    /** Direction cosines within this of each other count as the same orientation. */
    static final double ORIENTATION_TOLERANCE = 1e-4;
    /** Slice gaps within max(this mm, this fraction of the median gap) of the median count as uniform. */
    static final double GAP_TOLERANCE = 0.01;

    /** Modalities of objects that are not images (segmentations, reports, presentation states). */
    private static final Set<String> NOT_IMAGES = Set.of("SEG", "SR", "PR", "KO", "RTSTRUCT");
    /** Names of files that are not meant to be DICOM. */
    private static final java.util.regex.Pattern OTHER_FILES =
            java.util.regex.Pattern.compile(".*\\.(txt|md|csv|json|xml|html|log|ini|cfg|nii|gz|png|jpe?g|zip)");

    private SeriesReader() {
    }

    /** One slice's header values and pixels. */
    private record SliceFile(Path file, String sopInstanceUid, String sopClassUid, int rows, int columns,
                             double[] pixelSpacing, double[] orientation, double[] position, Pixels pixels,
                             double[] window, double sliceThickness, double spacingBetween) {
    }

    /**
     * Where a slice's pixels lie in its file and how they become HU: decoded at open
     * ({@code decoded} set) or when first asked for.
     */
    private record Pixels(Path file, String where, long offset, long fileSize, int rows, int columns, int bytesPer,
                          int bitsStored, boolean signed, double slope, double intercept, Slice decoded) {

        /** The slice in HU with the series' spacing. */
        Slice slice(VoxelSpacing spacing) {
            if (decoded != null) {
                return decoded.withSpacing(spacing);
            }
            int n = rows * columns * bytesPer;
            byte[] d = DicomParser.readValue(file, offset, n, fileSize, where + Tags.name(Tags.PIXEL_DATA));
            return hu(this, d, 0, spacing);
        }
    }

    /** Everything found for one series UID while reading files. */
    private static final class Group {
        final String uid;
        final List<SliceFile> slices = new ArrayList<>();
        Header first;
        WsssIoException error;

        Group(String uid) {
            this.uid = uid;
        }

        void fail(WsssIoException e) {
            if (error == null) {
                error = e;
            }
        }
    }

    /**
     * Reads every series under {@code dir} (recursively; hidden files skipped).
     *
     * @throws WsssIoException if {@code dir} is not a readable folder
     */
    public static DicomStudy read(Path dir) {
        return read(dir, true);
    }

    /**
     * {@link #read(Path)}, decoding the pixels when a slice is first asked for ({@code lazy}) or
     * all at open.
     */
    public static DicomStudy read(Path dir, boolean lazy) {
        return read(dir, lazy, DicomParser.HEAD_BYTES);
    }

    /** {@link #read(Path, boolean)} parsing headers from their first {@code headBytes} (tests use small values). */
    static DicomStudy read(Path dir, boolean lazy, int headBytes) {
        if (!Files.isDirectory(dir)) {
            throw new WsssIoException(dir, "not a folder", null);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !isHidden(dir, p)).sorted().toList();
        } catch (IOException e) {
            throw new WsssIoException(dir, "cannot list: " + e, e);
        }
        // Files are parsed (and, eagerly, decoded: bytes to HU) in parallel; grouping and every
        // decision below run in file order, so the result does not depend on scheduling.
        List<FileResult> results = parallel(files, f -> classify(f, lazy, headBytes));
        Map<String, Group> groups = new TreeMap<>();
        List<Path> ignored = new ArrayList<>();
        List<WsssIoException> problems = new ArrayList<>();
        Map<Path, WsssIoException> orphans = new LinkedHashMap<>();
        for (FileResult r : results) {
            switch (r.kind()) {
                case IGNORED -> ignored.add(r.file());
                case ORPHAN -> orphans.put(r.file(), r.error());
                case MEMBER -> {
                    Group g = groups.computeIfAbsent(r.uid(), Group::new);
                    if (g.first == null) {
                        g.first = r.header();
                    }
                    if (r.error() != null) {
                        g.fail(r.error());
                    } else {
                        g.slices.add(r.slice());
                    }
                }
                default -> throw new IllegalStateException(r.kind().toString());
            }
        }
        List<CtSeries> series = new ArrayList<>();
        for (Map.Entry<Path, WsssIoException> o : orphans.entrySet()) {
            problems.add(new WsssIoException(o.getKey(), "unreadable DICOM file, series unknown: "
                    + o.getValue().getMessage(), o.getValue()));
        }
        for (Group g : groups.values()) {
            if (g.error == null) {
                // An unreadable file beside a series' files may be one of its slices: refuse the series
                // rather than risk a silently shorter (or shifted) volume.
                for (Path orphan : orphans.keySet()) {
                    for (SliceFile s : g.slices) {
                        if (s.file().getParent().equals(orphan.getParent())) {
                            g.fail(new WsssIoException(orphan, "series " + g.uid + ": the unreadable file " + orphan
                                    + " lies in the series' folder and may be one of its slices", null));
                            break;
                        }
                    }
                }
            }
            if (g.error != null) {
                problems.add(g.error);
                continue;
            }
            if (g.slices.isEmpty()) {
                continue;
            }
            try {
                series.add(assemble(g));
            } catch (WsssIoException e) {
                problems.add(e);
            }
        }
        return new DicomStudy(series, problems, ignored);
    }

    private enum Kind { IGNORED, ORPHAN, MEMBER }

    /** The study-level values of a file, copied out so its bytes can be dropped. */
    private record Header(String patientName, String patientId, String birthDate, String sex, String studyUid,
                          String studyDate, String studyTime, String studyId, String accession, String referring,
                          String frameOfReference, String seriesNumber, String seriesDescription) {
        static Header of(DicomObject h) {
            return new Header(h.string(Tags.PATIENT_NAME), h.string(Tags.PATIENT_ID),
                    h.string(Tags.PATIENT_BIRTH_DATE), h.string(Tags.PATIENT_SEX), h.string(Tags.STUDY_INSTANCE_UID),
                    h.string(Tags.STUDY_DATE), h.string(Tags.STUDY_TIME), h.string(Tags.STUDY_ID),
                    h.string(Tags.ACCESSION_NUMBER), h.string(Tags.REFERRING_PHYSICIAN_NAME),
                    h.string(Tags.FRAME_OF_REFERENCE_UID), h.string(Tags.SERIES_NUMBER),
                    h.string(Tags.SERIES_DESCRIPTION));
        }
    }

    /** What one file is: ignored, unreadable without a series, or a member (a slice, or its series' error). */
    private record FileResult(Path file, Kind kind, String uid, Header header, SliceFile slice, WsssIoException error) {
    }

    private static FileResult classify(Path f, boolean lazy, int headBytes) {
        try {
            DicomParser.Part10 p;
            long fileSize;
            if (lazy) {
                DicomParser.Head head = DicomParser.readHead(f, headBytes);
                p = head == null ? null : head.part10();
                fileSize = head == null ? -1 : head.fileSize();
            } else {
                byte[] bytes = DicomParser.bytesIfPart10(f);
                p = bytes == null ? null : DicomParser.readPartial(f, bytes);
                fileSize = bytes == null ? -1 : bytes.length;
            }
            if (p == null) {
                if (looksLikeDicom(f)) {
                    return new FileResult(f, Kind.ORPHAN, null, null, null, new WsssIoException(f, "not a DICOM"
                            + " Part 10 file (empty, truncated before the 'DICM' marker, or not DICOM)", null));
                }
                return new FileResult(f, Kind.IGNORED, null, null, null, null);
            }
            DicomObject ds = p.dataset();
            String uid = ds.string(Tags.SERIES_INSTANCE_UID);
            boolean ctImage = CtSeries.CT_IMAGE_STORAGE.equals(ds.string(Tags.SOP_CLASS_UID));
            if (uid == null) {
                if (p.error() != null) {
                    return new FileResult(f, Kind.ORPHAN, null, null, null, p.error());
                }
                if (ds.contains(Tags.PIXEL_DATA) || ctImage) {
                    return new FileResult(f, Kind.ORPHAN, null, null, null,
                            new WsssIoException(f, "image without a Series Instance UID (0020,000E)", null));
                }
                return new FileResult(f, Kind.IGNORED, null, null, null, null); // DICOMDIR, other non-images
            }
            String modality = ds.string(Tags.MODALITY);
            if (p.error() == null && !ctImage && (!ds.contains(Tags.PIXEL_DATA) || NOT_IMAGES.contains(modality))) {
                // segmentations, reports, presentation states: not images to read
                return new FileResult(f, Kind.IGNORED, null, null, null, null);
            }
            Header h = Header.of(ds);
            if (p.error() != null) {
                return new FileResult(f, Kind.MEMBER, uid, h, null, p.error());
            }
            if (!"CT".equals(modality)) {
                return new FileResult(f, Kind.MEMBER, uid, h, null, new WsssIoException(f, "series " + uid
                        + ": modality " + modality + ", only CT series are read", null));
            }
            try {
                return new FileResult(f, Kind.MEMBER, uid, h, slice(ds, f, lazy, fileSize), null);
            } catch (WsssIoException e) {
                return new FileResult(f, Kind.MEMBER, uid, h, null, e);
            }
        } catch (WsssIoException e) {
            return new FileResult(f, Kind.ORPHAN, null, null, null, e);
        }
    }

    /** {@code work} on every file, on up to 4 threads, results in file order. */
    private static <R> List<R> parallel(List<Path> files, java.util.function.Function<Path, R> work) {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        if (threads == 1 || files.size() < 8) {
            return files.stream().map(work).toList();
        }
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            return pool.submit(() -> files.parallelStream().map(work).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WsssIoException(null, "interrupted while reading DICOM files", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * A file that fails to be Part 10 but is probably meant to be a slice (a .dcm name, or
     * shorter than the preamble): an error, not a file to skip, lest a series lose a slice silently.
     */
    private static boolean looksLikeDicom(Path f) {
        String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            return n.endsWith(".dcm") || n.endsWith(".dicom") || Files.size(f) < 132 && !OTHER_FILES.matcher(n).matches();
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean isHidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static SliceFile slice(DicomObject ds, Path f, boolean lazy, long fileSize) {
        String uid = ds.string(Tags.SERIES_INSTANCE_UID);
        String where = "series " + uid + ": ";
        String sopClass = ds.string(Tags.SOP_CLASS_UID);
        if (!CtSeries.CT_IMAGE_STORAGE.equals(sopClass)) {
            throw new WsssIoException(f, where + "SOP Class " + sopClass + " is not CT Image Storage ("
                    + CtSeries.CT_IMAGE_STORAGE + "); multi-frame Enhanced CT is not read", null);
        }
        String sop = require(ds.string(Tags.SOP_INSTANCE_UID), f, where, Tags.SOP_INSTANCE_UID);
        double[] frames = ds.numbers(Tags.NUMBER_OF_FRAMES);
        if (frames != null && frames[0] != 1) {
            throw new WsssIoException(f, where + "Number of Frames is " + (long) frames[0] + "; one frame per file is read",
                    null);
        }
        double[] tilt = ds.numbers(Tags.GANTRY_DETECTOR_TILT);
        if (tilt != null && Math.abs(tilt[0]) > 1e-3) {
            throw new WsssIoException(f, where + "gantry tilt of " + tilt[0] + " degrees; tilted series are not read"
                    + " (resample them to an orthogonal grid first)", null);
        }
        int rows = ds.us(Tags.ROWS, -1), cols = ds.us(Tags.COLUMNS, -1);
        if (rows < 1 || cols < 1 || rows > MAX_SIZE || cols > MAX_SIZE) {
            throw new WsssIoException(f, where + "Rows x Columns " + rows + " x " + cols + " missing or outside 1.."
                    + MAX_SIZE, null);
        }
        int samples = ds.us(Tags.SAMPLES_PER_PIXEL, 1);
        String photometric = ds.string(Tags.PHOTOMETRIC_INTERPRETATION);
        if (samples != 1 || !("MONOCHROME2".equals(photometric) || "MONOCHROME1".equals(photometric))) {
            throw new WsssIoException(f, where + "Samples per Pixel " + samples + ", Photometric Interpretation "
                    + photometric + "; a CT slice is one grey sample", null);
        }
        int bitsAllocated = ds.us(Tags.BITS_ALLOCATED, -1);
        int bitsStored = ds.us(Tags.BITS_STORED, bitsAllocated);
        int signed = ds.us(Tags.PIXEL_REPRESENTATION, 0);
        if ((bitsAllocated != 8 && bitsAllocated != 16) || bitsStored < 1 || bitsStored > bitsAllocated
                || (signed != 0 && signed != 1)) {
            throw new WsssIoException(f, where + "Bits Allocated " + bitsAllocated + ", Bits Stored " + bitsStored
                    + ", Pixel Representation " + signed + " not read (8 or 16 bits allocated)", null);
        }
        double[] spacing = ds.numbers(Tags.PIXEL_SPACING);
        if (spacing == null || spacing.length != 2 || !(spacing[0] > 0) || !(spacing[1] > 0)) {
            throw new WsssIoException(f, where + "Pixel Spacing (0028,0030) "
                    + (spacing == null ? "missing" : "is not two positive values: " + ds.string(Tags.PIXEL_SPACING)),
                    null);
        }
        double[] orientation = ds.numbers(Tags.IMAGE_ORIENTATION_PATIENT);
        if (orientation == null || orientation.length != 6 || !orthonormal(orientation)) {
            throw new WsssIoException(f, where + "Image Orientation (Patient) (0020,0037) "
                    + (orientation == null ? "missing" : "is not two orthogonal unit vectors: "
                    + ds.string(Tags.IMAGE_ORIENTATION_PATIENT)), null);
        }
        double[] position = ds.numbers(Tags.IMAGE_POSITION_PATIENT);
        if (position == null || position.length != 3) {
            throw new WsssIoException(f, where + "Image Position (Patient) (0020,0032) "
                    + (position == null ? "missing" : "is not three values: " + ds.string(Tags.IMAGE_POSITION_PATIENT)),
                    null);
        }
        double[] slope = ds.numbers(Tags.RESCALE_SLOPE), intercept = ds.numbers(Tags.RESCALE_INTERCEPT);
        double m = slope == null ? 1 : slope[0], b = intercept == null ? 0 : intercept[0];
        if (m == 0) {
            throw new WsssIoException(f, where + "Rescale Slope is 0", null);
        }
        int bytesPer = bitsAllocated / 8;
        long need = (long) rows * cols * bytesPer;
        int len = ds.length(Tags.PIXEL_DATA);
        if (len < 0) {
            throw new WsssIoException(f, where + "no Pixel Data (7FE0,0010)", null);
        }
        if (len < need) {
            throw new WsssIoException(f, where + "Pixel Data holds " + len + " bytes, " + rows + " x " + cols + " x "
                    + bitsAllocated + " bits need " + need, null);
        }
        Pixels px = new Pixels(f, where, ds.offset(Tags.PIXEL_DATA), fileSize, rows, cols, bytesPer, bitsStored,
                signed == 1, m, b, null);
        // The spacing is the series' and known once all its slices are read (assemble() sets it).
        VoxelSpacing inPlane = new VoxelSpacing(spacing[1], spacing[0], 1);
        Pixels pixels;
        if (lazy) {
            hu(px, new byte[bytesPer], 0, inPlane, 1, 1); // the rescale is checked now, not at first use
            pixels = px;
        } else {
            pixels = new Pixels(f, where, px.offset(), fileSize, rows, cols, bytesPer, bitsStored, signed == 1, m, b,
                    hu(px, ds.bytes(), ds.offset(Tags.PIXEL_DATA), inPlane));
        }
        double[] wc = ds.numbers(Tags.WINDOW_CENTER), ww = ds.numbers(Tags.WINDOW_WIDTH);
        double[] window = wc != null && ww != null && ww[0] > 0 ? new double[] {wc[0], ww[0]} : null;
        double[] thick = ds.numbers(Tags.SLICE_THICKNESS), between = ds.numbers(Tags.SPACING_BETWEEN_SLICES);
        return new SliceFile(f, sop, sopClass, rows, cols, spacing, orientation, position, pixels, window,
                thick == null ? Double.NaN : thick[0], between == null ? Double.NaN : between[0]);
    }

    /** The pixels of {@code p} from {@code d[off..]} in HU. */
    private static Slice hu(Pixels p, byte[] d, int off, VoxelSpacing spacing) {
        return hu(p, d, off, spacing, p.columns(), p.rows());
    }

    private static Slice hu(Pixels p, byte[] d, int off, VoxelSpacing spacing, int cols, int rows) {
        ShortBuffer stored = storedValues(d, off, rows * cols, p.bytesPer(), p.bitsStored(), p.signed());
        try {
            return Slice.rescaled(cols, rows, stored, !p.signed(), p.slope(), p.intercept(), spacing);
        } catch (IllegalArgumentException e) {
            throw new WsssIoException(p.file(), p.where() + "Rescale Slope " + p.slope() + " / Intercept "
                    + p.intercept() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The stored values as 16-bit words: for 16 bits allocated and stored (CT as written by every
     * scanner), a little-endian view of the file's bytes, converted to HU without a copy;
     * otherwise a copy with the unused high bits dropped and signed values sign-extended, so that
     * {@link Slice#rescaled} reads them as plain signed or unsigned shorts (PS3.5 8.1.1).
     */
    static ShortBuffer storedValues(byte[] d, int off, int n, int bytesPer, int bitsStored, boolean signed) {
        if (bytesPer == 2 && bitsStored == 16) {
            return ByteBuffer.wrap(d, off, 2 * n).slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        }
        short[] v = new short[n];
        int drop = 32 - bitsStored;
        if (bytesPer == 2) {
            ByteBuffer.wrap(d, off, 2 * n).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(v);
            for (int i = 0; i < n; i++) {
                v[i] = (short) (signed ? v[i] << drop >> drop : (v[i] << drop) >>> drop);
            }
        } else {
            for (int i = 0; i < n; i++) {
                v[i] = (short) (signed ? d[off + i] << drop >> drop : (d[off + i] << drop) >>> drop);
            }
        }
        return ShortBuffer.wrap(v);
    }

    private static String require(String v, Path f, String where, int tag) {
        if (v == null) {
            throw new WsssIoException(f, where + Tags.name(tag) + " missing", null);
        }
        return v;
    }

    private static boolean orthonormal(double[] o) {
        double r = Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]);
        double c = Math.sqrt(o[3] * o[3] + o[4] * o[4] + o[5] * o[5]);
        double dot = o[0] * o[3] + o[1] * o[4] + o[2] * o[5];
        return Math.abs(r - 1) < 1e-3 && Math.abs(c - 1) < 1e-3 && Math.abs(dot) < 1e-3;
    }

    private static CtSeries assemble(Group g) {
        List<SliceFile> s = new ArrayList<>(g.slices);
        SliceFile a = s.get(0);
        String where = "series " + g.uid + ": ";
        Set<String> sops = new HashSet<>();
        for (SliceFile x : s) {
            if (x.rows() != a.rows() || x.columns() != a.columns()) {
                throw new WsssIoException(x.file(), where + "mixed image sizes: " + x.columns() + " x " + x.rows()
                        + " here, " + a.columns() + " x " + a.rows() + " in " + a.file(), null);
            }
            for (int i = 0; i < 6; i++) {
                if (Math.abs(x.orientation()[i] - a.orientation()[i]) > ORIENTATION_TOLERANCE) {
                    throw new WsssIoException(x.file(), where + "Image Orientation (Patient) differs from that of "
                            + a.file() + "; a series of one orientation is read", null);
                }
            }
            for (int i = 0; i < 2; i++) {
                if (Math.abs(x.pixelSpacing()[i] - a.pixelSpacing()[i]) > 1e-4 * a.pixelSpacing()[i]) {
                    throw new WsssIoException(x.file(), where + "Pixel Spacing differs from that of " + a.file(), null);
                }
            }
            if (!sops.add(x.sopInstanceUid())) {
                throw new WsssIoException(x.file(), where + "SOP Instance UID " + x.sopInstanceUid()
                        + " appears in two files (a duplicated slice)", null);
            }
        }
        double[] n = cross(a.orientation());
        s.sort(Comparator.comparingDouble(x -> dot(n, x.position())));
        VoxelSpacing spacing = new VoxelSpacing(a.pixelSpacing()[1], a.pixelSpacing()[0], zSpacing(s, n, where));
        List<Pixels> pixels = s.stream().map(SliceFile::pixels).toList();
        Volume volume;
        if (pixels.stream().allMatch(p -> p.decoded() != null)) {
            volume = Volume.of(pixels.stream().map(p -> p.slice(spacing)).toList(), spacing);
        } else {
            // Holds the files' locations only; each slice is read and kept on first use.
            volume = Volume.lazy(a.columns(), a.rows(), pixels.size(), spacing, z -> pixels.get(z).slice(spacing));
        }
        Window window = Window.DEFAULT;
        if (s.get(0).window() != null) {
            double[] w = s.get(0).window();
            window = Window.ofLevelWidth(w[0], w[1]);
        }
        Header h = g.first;
        CtSeries.Study study = new CtSeries.Study(h.patientName(), h.patientId(), h.birthDate(), h.sex(),
                require(h.studyUid(), a.file(), where, Tags.STUDY_INSTANCE_UID), h.studyDate(), h.studyTime(),
                h.studyId(), h.accession(), h.referring());
        List<Double> orientation = new ArrayList<>();
        for (double v : a.orientation()) {
            orientation.add(v);
        }
        return new CtSeries(study, g.uid, h.frameOfReference(), h.seriesNumber(), h.seriesDescription(),
                a.sopClassUid(), s.stream().map(SliceFile::sopInstanceUid).toList(),
                s.stream().map(SliceFile::file).toList(), orientation, s.stream().map(SliceFile::position).toList(),
                volume, window);
    }

    /**
     * The slice interval from the positions: uniform gaps along the normal, no in-plane drift
     * (gantry tilt), no duplicates; rounded to 1e-6 mm (DS values carry no more).
     */
    private static double zSpacing(List<SliceFile> s, double[] n, String where) {
        if (s.size() == 1) {
            SliceFile x = s.get(0);
            double z = x.spacingBetween() > 0 ? x.spacingBetween() : x.sliceThickness();
            if (!(z > 0)) {
                throw new WsssIoException(x.file(), where + "a one-slice series needs Spacing Between Slices or Slice"
                        + " Thickness for its z spacing", null);
            }
            return z;
        }
        double[] gaps = new double[s.size() - 1];
        for (int i = 1; i < s.size(); i++) {
            SliceFile p = s.get(i - 1), q = s.get(i);
            double[] d = {q.position()[0] - p.position()[0], q.position()[1] - p.position()[1],
                q.position()[2] - p.position()[2]};
            double along = dot(n, d);
            if (along < 1e-3) {
                throw new WsssIoException(q.file(), where + "two slices at the same position along the normal: this"
                        + " file and " + p.file(), null);
            }
            double inPlane = Math.sqrt(Math.max(0, dot(d, d) - along * along));
            if (inPlane > GAP_TOLERANCE + GAP_TOLERANCE * along) {
                throw new WsssIoException(q.file(), where + String.format(Locale.ROOT, "slice positions move %.3f mm"
                        + " in-plane over a %.3f mm step from %s (gantry tilt or a sheared series, %.1f degrees);"
                        + " tilted series are not read", inPlane, along, p.file(),
                        Math.toDegrees(Math.atan2(inPlane, along))), null);
            }
            gaps[i - 1] = along;
        }
        double[] sorted = gaps.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double tol = Math.max(GAP_TOLERANCE, GAP_TOLERANCE * median);
        for (int i = 0; i < gaps.length; i++) {
            if (Math.abs(gaps[i] - median) > tol) {
                SliceFile p = s.get(i), q = s.get(i + 1);
                double ratio = gaps[i] / median;
                String kind = Math.abs(ratio - Math.rint(ratio)) < 0.05 && ratio > 1.5
                        ? "missing slice(s): about " + (Math.round(ratio) - 1) + " slice(s) missing between"
                        : "non-uniform slice spacing between";
                throw new WsssIoException(q.file(), where + String.format(Locale.ROOT, "%s %s and %s: a %.3f mm gap"
                        + " where the series' median is %.3f mm", kind, p.file(), q.file(), gaps[i], median), null);
            }
        }
        double z = (dot(n, s.get(s.size() - 1).position()) - dot(n, s.get(0).position())) / (s.size() - 1);
        return Math.round(z * 1e6) / 1e6;
    }

    private static double[] cross(double[] o) {
        return new double[] {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
