package org.wsss.hnn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helper: copies of a model file with its metadata text edited, or an entry added. */
final class ModelZips {

    private ModelZips() {
    }

    /** Copies {@code from} with its metadata edited by {@code meta}. */
    static void rewrite(Path from, Path to, UnaryOperator<String> meta) throws IOException {
        rewrite(from, to, meta, null, 0);
    }

    /**
     * Copies {@code from} with its metadata edited and, unless {@code extraName} is null, one more
     * entry {@code extraName} of {@code extraZeros} zero bytes.
     */
    static void rewrite(Path from, Path to, UnaryOperator<String> meta, String extraName, int extraZeros)
            throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(os)) {
            Enumeration<? extends ZipEntry> en = in.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(ModelFile.METADATA)) {
                    data = meta.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
            if (extraName != null) {
                out.putNextEntry(new ZipEntry(extraName));
                byte[] zeros = new byte[1 << 20];
                for (int left = extraZeros; left > 0; left -= zeros.length) {
                    out.write(zeros, 0, Math.min(left, zeros.length));
                }
                out.closeEntry();
            }
        }
    }
}
