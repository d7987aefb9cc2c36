package org.wsss.phantom;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.wsss.api.Axis;
import org.wsss.api.LesionCategory;
import org.wsss.api.Mask;
import org.wsss.api.Recist;
import org.wsss.api.Slice;
import org.wsss.api.Window;
import org.wsss.api.WsssIoException;

/**
 * A picture of the phantom for judging its realism by eye: one row per lesion category, a few
 * cases per row. Each tile is the key slice in the case's window, scaled to a fixed size, with
 * the ground-truth contour (green), the perturbed RECIST long axis (red) and short axis
 * (yellow), and a caption (category, lesion type, neighbour, slice interval).
 */
public final class PhantomMontage {

    private PhantomMontage() {
    }

    /** The montage of the first {@code perCategory} cases of each category in {@code config}'s phantom. */
    public static BufferedImage render(PhantomConfig config, int perCategory, int tile) {
        if (perCategory < 1 || tile < 32) {
            throw new IllegalArgumentException("perCategory must be >= 1 and tile >= 32, got " + perCategory + ", " + tile);
        }
        List<LesionCategory> cats = config.categories();
        List<List<PhantomCase>> rows = new ArrayList<>();
        for (LesionCategory c : cats) {
            List<PhantomCase> row = new ArrayList<>();
            for (int i = 0; i < config.count() && row.size() < perCategory; i++) {
                PhantomCase pc = Phantom.generate(config, i);
                if (pc.category() == c) {
                    row.add(pc);
                }
            }
            rows.add(row);
        }
        int caption = 28;
        BufferedImage img = new BufferedImage(perCategory * tile, rows.size() * (tile + caption), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int r = 0; r < rows.size(); r++) {
            for (int k = 0; k < rows.get(r).size(); k++) {
                PhantomCase pc = rows.get(r).get(k);
                int x0 = k * tile, y0 = r * (tile + caption);
                g.drawImage(tile(pc, tile), x0, y0, null);
                g.setColor(Color.WHITE);
                g.drawString(pc.category().shortName() + ": " + pc.lesionType(), x0 + 3, y0 + tile + 12);
                g.drawString(pc.adjacentStructure().map(s -> "touching " + s).orElse("-") + ", "
                        + pc.spacing().z() + " mm", x0 + 3, y0 + tile + 25);
            }
        }
        g.dispose();
        return img;
    }

    /** Writes {@link #render} to a PNG file. */
    public static void write(PhantomConfig config, int perCategory, int tile, Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(render(config, perCategory, tile), "png", png.toFile());
        } catch (IOException e) {
            throw new WsssIoException(png, "cannot write montage: " + e.getMessage(), e);
        }
    }

    /** Writes the default phantom's montage (4 cases per category) to the path given as argument. */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PhantomMontage <out.png>");
        }
        write(PhantomConfig.defaults(), 4, 160, Path.of(args[0]));
    }

    private static BufferedImage tile(PhantomCase pc, int size) {
        Slice s = pc.keySlice();
        Window win = pc.window();
        int w = s.width(), h = s.height();
        BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = win.toByte(s.get(x, y));
                gray.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.drawImage(gray, 0, 0, size, size, null);
        double sc = size / (double) Math.max(w, h);
        Mask m = pc.groundTruth().orElseThrow().slice(pc.keyZ());
        g.setColor(new Color(0, 220, 0));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!m.get(x, y)) {
                    continue;
                }
                // Draw the pixel edges that face outside the mask.
                double px = x - 0.5, py = y - 0.5;
                if (x == 0 || !m.get(x - 1, y)) {
                    g.draw(new Line2D.Double((px) * sc, py * sc, px * sc, (py + 1) * sc));
                }
                if (x == w - 1 || !m.get(x + 1, y)) {
                    g.draw(new Line2D.Double((px + 1) * sc, py * sc, (px + 1) * sc, (py + 1) * sc));
                }
                if (y == 0 || !m.get(x, y - 1)) {
                    g.draw(new Line2D.Double(px * sc, py * sc, (px + 1) * sc, py * sc));
                }
                if (y == h - 1 || !m.get(x, y + 1)) {
                    g.draw(new Line2D.Double(px * sc, (py + 1) * sc, (px + 1) * sc, (py + 1) * sc));
                }
            }
        }
        Recist r = pc.recist();
        g.setStroke(new BasicStroke(1.5f));
        g.setColor(Color.RED);
        draw(g, r.longAxis(), sc);
        g.setColor(Color.YELLOW);
        draw(g, r.shortAxis(), sc);
        g.dispose();
        return out;
    }

    private static void draw(Graphics2D g, Axis a, double sc) {
        g.draw(new Line2D.Double((a.start().x()) * sc, a.start().y() * sc, a.end().x() * sc, a.end().y() * sc));
    }
}
