package org.wsss.spark;

import java.io.Serializable;

/**
 * A reference to one lesion of a DeepLesion-layout dataset: one usable row of {@code DL_info.csv},
 * the element type of the {@code Dataset} that {@link DeepLesionSource#lesions} returns. Holds no
 * pixels: an executor reads the series' slices when it runs the lesion. A Java bean (public
 * no-argument constructor, getters and setters) so that Spark's bean encoder can store it in
 * columns; {@code series} is the partitioning column.
 */
public class LesionRef implements Serializable {

    private static final long serialVersionUID = 1L;

    private String id;
    private int row;
    private String series;
    private int split;
    private String line;

    /** An empty reference, for the encoder. */
    public LesionRef() {
    }

    /**
     * A reference.
     *
     * @param id case id ({@code File_name} without {@code .png}, {@code _2}, … for repeats)
     * @param row row of {@code DL_info.csv} (header = 1)
     * @param series series folder under {@code Images_png}
     * @param split {@code Train_Val_Test} code (1, 2, 3)
     * @param line the row's text as read from the file
     */
    public LesionRef(String id, int row, String series, int split, String line) {
        this.id = id;
        this.row = row;
        this.series = series;
        this.split = split;
        this.line = line;
    }

    /** The case id. */
    public String getId() {
        return id;
    }

    /** Sets the case id. */
    public void setId(String id) {
        this.id = id;
    }

    /** The row of {@code DL_info.csv} (header = 1). */
    public int getRow() {
        return row;
    }

    /** Sets the row. */
    public void setRow(int row) {
        this.row = row;
    }

    /** The series folder under {@code Images_png}. */
    public String getSeries() {
        return series;
    }

    /** Sets the series folder. */
    public void setSeries(String series) {
        this.series = series;
    }

    /** The {@code Train_Val_Test} code. */
    public int getSplit() {
        return split;
    }

    /** Sets the split code. */
    public void setSplit(int split) {
        this.split = split;
    }

    /** The row's text. */
    public String getLine() {
        return line;
    }

    /** Sets the row's text. */
    public void setLine(String line) {
        this.line = line;
    }

    @Override
    public String toString() {
        return "LesionRef[" + id + ", row " + row + "]";
    }
}
