package org.wsss.eval.report;

import java.util.ArrayList;
import java.util.List;
import org.wsss.eval.experiments.Tables;

/**
 * A report as a list of blocks that prints both as Markdown and as one self-contained HTML page
 * (inline CSS, images by relative path). Tables come from {@link Tables}, so the two forms show
 * the same cells.
 */
final class Doc {

    sealed interface Block permits Heading, Para, Note, Table, Image, Items {
    }

    record Heading(int level, String text) implements Block {
    }

    record Para(String text) implements Block {
    }

    /** A highlighted paragraph (the data caveat). */
    record Note(String text) implements Block {
    }

    record Table(Tables table) implements Block {
    }

    /** An image by path relative to the report folder. */
    record Image(String path, String alt) implements Block {
    }

    record Items(List<String> items) implements Block {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    Doc(String title) {
        this.title = title;
    }

    Doc heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    Doc para(String text) {
        blocks.add(new Para(text));
        return this;
    }

    Doc note(String text) {
        blocks.add(new Note(text));
        return this;
    }

    Doc table(Tables t) {
        blocks.add(new Table(t));
        return this;
    }

    Doc image(String path, String alt) {
        blocks.add(new Image(path, alt));
        return this;
    }

    Doc items(List<String> items) {
        blocks.add(new Items(List.copyOf(items)));
        return this;
    }

    List<Block> blocks() {
        return List.copyOf(blocks);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Para p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Note n) {
                sb.append("> **Note.** ").append(n.text()).append("\n\n");
            } else if (b instanceof Table t) {
                sb.append(t.table().toMarkdown()).append('\n');
            } else if (b instanceof Image i) {
                sb.append("![").append(i.alt()).append("](").append(i.path()).append(")\n\n");
            } else if (b instanceof Items l) {
                l.items().forEach(s -> sb.append("- ").append(s).append('\n'));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<h1>")
                .append(esc(title)).append("</h1>\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                int l = Math.min(6, h.level());
                sb.append("<h").append(l).append('>').append(esc(h.text())).append("</h").append(l).append(">\n");
            } else if (b instanceof Para p) {
                sb.append("<p>").append(links(esc(p.text()))).append("</p>\n");
            } else if (b instanceof Note n) {
                sb.append("<p class=\"note\"><strong>Note.</strong> ").append(esc(n.text())).append("</p>\n");
            } else if (b instanceof Table t) {
                table(sb, t.table());
            } else if (b instanceof Image i) {
                sb.append("<figure><img src=\"").append(esc(i.path())).append("\" alt=\"").append(esc(i.alt()))
                        .append("\"><figcaption>").append(esc(i.alt())).append("</figcaption></figure>\n");
            } else if (b instanceof Items l) {
                sb.append("<ul>\n");
                l.items().forEach(s -> sb.append("<li>").append(esc(s)).append("</li>\n"));
                sb.append("</ul>\n");
            }
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder sb, Tables t) {
        sb.append("<table>\n<thead><tr>");
        t.header().forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            row.forEach(c -> sb.append("<td>").append(links(esc(c))).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");

    /** Markdown links {@code [text](href)} of already escaped text as HTML links (the Markdown form keeps them). */
    static String links(String escaped) {
        return LINK.matcher(escaped).replaceAll("<a href=\"$2\">$1</a>");
    }

    /** HTML text and attribute escaping. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; max-width: 1100px;
                   margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
            h1 { border-bottom: 2px solid #ccc; padding-bottom: .2em; }
            h2 { border-bottom: 1px solid #ddd; padding-bottom: .15em; margin-top: 2em; }
            table { border-collapse: collapse; margin: .8em 0 1.4em; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: right; }
            th { background: #f2f2f2; }
            td:first-child, th:first-child { text-align: left; }
            tbody tr:nth-child(even) { background: #fafafa; }
            .note { background: #fff6e0; border-left: 4px solid #e0a800; padding: .6em .9em; }
            figure { margin: 1em 0; }
            figure img { max-width: 100%; border: 1px solid #ddd; }
            figcaption { font-size: 0.85em; color: #555; }
            code { background: #f4f4f4; padding: 0 .2em; }
            """;
}
