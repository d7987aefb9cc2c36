package org.wsss.io;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wsss.api.Mask3D;
import org.wsss.api.Slice;
import org.wsss.api.Volume;
import org.wsss.api.WsssIoException;

/**
 * Writes a folder in the layout {@link DeepLesion} reads: slice PNGs
 * ({@code Images_png/<series>/<slice:03d>.png}, 16-bit, value = HU + 32768, HU rounded to the
 * nearest integer) as they come, and {@code DL_info.csv} with one row per
 * {@link #addRow added record} when {@link #close() closed}. Every file is written to a
 * temporary file in its folder and moved into place, so a killed run leaves no half-written
 * file behind.
 *
 * <pre>{@code
 * try (DeepLesionWriter w = DeepLesionWriter.create(dir)) {
 *     DeepLesionRecord r = DeepLesionRecord.of(1, 1, 1, recist, 100, 110, spacing, 512, 512,
 *             Window.DEFAULT, LesionCategory.LIVER, Split.TEST);
 *     w.writeVolume(r, volume);          // slices 100..110
 *     String id = w.addRow(r);           // "000001_01_01_105"
 *     w.writeGroundTruth(id, mask);      // ground_truth/000001_01_01_105.nii.gz, 512x512x11
 * }
 * }</pre>
 *
 * <p>The columns DeepLesion derives from its marks are written as follows:
 * {@code Bounding_boxes} is the box x0, y0, x1, y1 around the four RECIST endpoints widened by
 * 5 pixels on every side, as in DeepLesion's own rows;
 * {@code Lesion_diameters_Pixel_} the long and short axis lengths in pixels;
 * {@code Normalized_lesion_location} the mark's centre divided by the image width and height,
 * and the key slice's position within {@code Slice_range} (0.5 for a single slice).
 * Numbers are written in the shortest decimal form that reads back exactly.
 *
 * <p>Deviations from DeepLesion: its {@code Normalized_lesion_location} comes from a body-part
 * regression model that is not part of this SDK; the value written here is an in-volume
 * position that only has the same range.
 *
 * <p>Slices may be written from several threads at once; rows are kept in the order added.
 */
public final class DeepLesionWriter implements AutoCloseable {

    private final Path dir;
    private final List<DeepLesionRecord> rows = new ArrayList<>();
    private final Map<String, Integer> seen = new HashMap<>();
    private boolean closed;

    private DeepLesionWriter(Path dir) {
        this.dir = dir;
    }

    /**
     * A writer into {@code dir}, created with its {@code Images_png} if absent. An existing
     * {@code DL_info.csv} is replaced on {@link #close()}.
     *
     * @throws WsssIoException if the folders cannot be created
     */
    public static DeepLesionWriter create(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir.resolve(DeepLesion.IMAGES_DIR));
        } catch (IOException e) {
            throw new WsssIoException(dir, "cannot create DeepLesion folder: " + e, e);
        }
        return new DeepLesionWriter(dir);
    }

    /** The folder written to. */
    public Path directory() {
        return dir;
    }

    /**
     * Writes slice {@code sliceIndex} of {@code record}'s series.
     *
     * @return the PNG written
     * @throws IllegalArgumentException if the index lies outside the record's {@code Slice_range},
     *     the slice's size differs from its {@code Image_size}, or a pixel rounds outside
     *     [−32768, 32767] HU
     * @throws WsssIoException if the file cannot be written
     */
    public Path writeSlice(DeepLesionRecord record, int sliceIndex, Slice slice) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(slice, "slice");
        if (sliceIndex < record.firstSlice() || sliceIndex > record.lastSlice()) {
            throw new IllegalArgumentException("slice " + sliceIndex + " lies outside Slice_range "
                    + record.firstSlice() + ".." + record.lastSlice() + " of " + record.fileName());
        }
        if (slice.width() != record.width() || slice.height() != record.height()) {
            throw new IllegalArgumentException("slice " + sliceIndex + " is " + slice.width() + "x" + slice.height()
                    + ", Image_size of " + record.fileName() + " is " + record.width() + "x" + record.height());
        }
        Path file = DeepLesion.slicePath(dir, record.seriesFolder(), sliceIndex);
        Png16.write(file, slice);
        return file;
    }

    /**
     * Writes every slice of {@code volume} as {@code record}'s series, z = 0 at the first index
     * of its {@code Slice_range}; the volume must span that range exactly.
     *
     * @throws IllegalArgumentException on a depth or size mismatch, or a pixel out of range
     * @throws WsssIoException if a file cannot be written
     */
    public void writeVolume(DeepLesionRecord record, Volume volume) {
        int depth = record.lastSlice() - record.firstSlice() + 1;
        if (volume.depth() != depth) {
            throw new IllegalArgumentException("volume has " + volume.depth() + " slices, Slice_range "
                    + record.firstSlice() + ".." + record.lastSlice() + " of " + record.fileName() + " needs " + depth);
        }
        for (int z = 0; z < depth; z++) {
            writeSlice(record, record.firstSlice() + z, volume.slice(z));
        }
    }

    /**
     * Adds a row to {@code DL_info.csv}.
     *
     * @return the id the case will have when read back: the file name without {@code .png},
     *     with {@code _2}, {@code _3}, … for later rows of the same file name
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized String addRow(DeepLesionRecord record) {
        Objects.requireNonNull(record, "record");
        if (closed) {
            throw new IllegalStateException("DeepLesionWriter for " + dir + " is closed");
        }
        DlInfo.format(record); // fails now, not at close, on a value that cannot be written
        rows.add(record);
        int n = seen.merge(record.fileName(), 1, Integer::sum);
        return n == 1 ? record.baseName() : record.baseName() + "_" + n;
    }

    /** Where the ground truth of case {@code caseId} belongs ({@link DeepLesion#groundTruthFile}). */
    public Path groundTruthFile(String caseId) {
        return DeepLesion.groundTruthFile(dir, caseId);
    }

    /**
     * Writes the ground truth of case {@code caseId} (an id {@link #addRow} returned) as a NIfTI
     * mask at {@link #groundTruthFile}; it must lie on the case's grid (width × height × number
     * of slices written for it, z in slice-index order) to be read back.
     *
     * @return the file written
     * @throws WsssIoException if it cannot be written
     */
    public Path writeGroundTruth(String caseId, Mask3D mask) {
        Objects.requireNonNull(mask, "mask");
        Path file = groundTruthFile(Objects.requireNonNull(caseId, "caseId"));
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new WsssIoException(file.getParent(), "cannot create folder: " + e, e);
        }
        Nifti.writeMask(mask, file);
        return file;
    }

    /**
     * Writes {@code DL_info.csv} (atomically) with every row added. Later calls do nothing.
     *
     * @throws WsssIoException if it cannot be written
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Path csv = dir.resolve(DeepLesion.CSV_FILE);
        AtomicFiles.write(csv, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(CsvLine.join(DlInfo.HEADER));
            w.write('\n');
            for (DeepLesionRecord r : rows) {
                w.write(CsvLine.join(DlInfo.format(r)));
                w.write('\n');
            }
            w.flush();
        });
    }
}
