package org.wsss.eval.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.wsss.api.WsssIoException;
import org.wsss.io.AtomicFiles;
import org.wsss.eval.metrics.MeanStd;
import org.wsss.eval.metrics.Overlap;
import org.wsss.eval.metrics.PrecisionRecallCurve;

/**
 * The plots of the paper's Fig. 2 (Sec. 3.3), drawn with XChart into images that need no
 * display: (a) mean slice Dice against the offset from the RECIST slice, one line per method;
 * (b) volumetric precision–recall curves of the methods with probabilities, and every method's
 * binary operating point (voxel-aggregated precision and recall of its masks) as a marker.
 * Method {@code i} has colour {@link #colour(int)} in every plot and overlay of a report.
 */
public final class Charts {

    /** Default plot width in pixels. */
    public static final int WIDTH = 800;
    /** Default plot height in pixels. */
    public static final int HEIGHT = 500;

    // Okabe–Ito colours without their green, which overlays keep for the ground truth.
    private static final Color[] PALETTE = {
        new Color(0xD55E00), new Color(0x56B4E9), new Color(0xE69F00), new Color(0xCC79A7),
        new Color(0x0072B2), new Color(0xF0E442), new Color(0x000000), new Color(0x999999)};

    private Charts() {
    }

    /** Colour of method {@code i} (cycling after eight methods). */
    public static Color colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** Fig. 2a as an image of {@code width × height} pixels. */
    public static BufferedImage fig2a(Volumetric.Result result, int width, int height) {
        XYChart chart = chart(width, height, "Fig. 2a: mean Dice by slice offset from the RECIST slice",
                "offset from the RECIST slice (slices)", "mean 2D Dice");
        int max = result.config().maxOffset();
        chart.getStyler().setXAxisMin(-max - 0.5).setXAxisMax(max + 0.5);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideS);
        List<Volumetric.MethodResult> ms = result.methods();
        for (int i = 0; i < ms.size(); i++) {
            Map<Integer, MeanStd> by = ms.get(i).byOffset();
            if (by.isEmpty()) {
                continue;
            }
            double[] x = new double[by.size()];
            double[] y = new double[by.size()];
            int k = 0;
            for (Map.Entry<Integer, MeanStd> e : by.entrySet()) {
                x[k] = e.getKey();
                y[k++] = e.getValue().mean();
            }
            XYSeries s = chart.addSeries(ms.get(i).name(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(colour(i));
            s.setLineColor(colour(i)).setLineStyle(new BasicStroke(2f));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Fig. 2b as an image of {@code width × height} pixels. */
    public static BufferedImage fig2b(Volumetric.Result result, int width, int height) {
        XYChart chart = chart(width, height, "Fig. 2b: volumetric precision-recall", "recall", "precision");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        List<Volumetric.MethodResult> ms = result.methods();
        for (int i = 0; i < ms.size(); i++) {
            Volumetric.MethodResult m = ms.get(i);
            if (m.curve().isPresent()) {
                PrecisionRecallCurve c = m.curve().get();
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (int k = 0; k < c.size(); k++) {
                    x.add(c.recall(k));
                    y.add(c.precision(k));
                }
                int b = c.bestF1Index();
                XYSeries s = chart.addSeries(m.name() + " (best F1 " + Tables.f3(c.f1(b)) + ")", x, y);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(colour(i)).setLineStyle(new BasicStroke(2f));
            }
            if (m.scored() > 0) {
                Overlap a = m.aggregate();
                XYSeries p = chart.addSeries(m.name() + " masks (F1 " + Tables.f3(a.f1()) + ")",
                        new double[] {a.recall()}, new double[] {a.precision()});
                p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                p.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(colour(i));
            }
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Writes {@code image} as a PNG file, atomically.
     *
     * @throws WsssIoException naming {@code file} if it cannot be written
     */
    public static void writePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new java.io.IOException("no PNG writer for this image");
            }
        });
    }

    private static XYChart chart(int width, int height, String title, String xTitle, String yTitle) {
        if (width < 200 || height < 150 || width > 4000 || height > 4000) {
            throw new IllegalArgumentException("chart size must be 200..4000 x 150..4000 px, got " + width + "x" + height);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE)
                .setPlotBorderVisible(true).setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15))
                .setMarkerSize(8);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.0");
        chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
        return chart;
    }
}
