package org.wsss.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Data that cannot be read: a missing or corrupt file, a malformed CSV row. The message names
 * the file and, where there is one, the row (1-based, counting the header as row 1).
 */
public class WsssIoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int row;
    private final String lesion;

    /** An error in {@code file} (may be null), at CSV row {@code row} (or −1). */
    public WsssIoException(Path file, int row, String message, Throwable cause) {
        this(file, row, null, message, cause);
    }

    /**
     * An error in {@code file} (may be null), at CSV row {@code row} (or −1), about lesion
     * {@code lesion} (may be null): the message reads {@code <file>, row <row>: lesion <id>: <message>}.
     */
    public WsssIoException(Path file, int row, String lesion, String message, Throwable cause) {
        super(describe(file, row, lesion == null ? message : "lesion " + lesion + ": " + message), cause);
        this.file = file;
        this.row = row;
        this.lesion = lesion;
    }

    /** An error in {@code file} without a row. */
    public WsssIoException(Path file, String message, Throwable cause) {
        this(file, -1, message, cause);
    }

    /** The file concerned, if known. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The id of the lesion concerned, if known (e.g. a bad CSV row whose file name is readable). */
    public Optional<String> lesion() {
        return Optional.ofNullable(lesion);
    }

    /** The CSV row concerned (header = 1), or −1. */
    public int row() {
        return row;
    }

    private static String describe(Path file, int row, String message) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (row >= 0) {
                sb.append(", row ").append(row);
            }
            sb.append(": ");
        }
        return sb.append(message).toString();
    }
}
