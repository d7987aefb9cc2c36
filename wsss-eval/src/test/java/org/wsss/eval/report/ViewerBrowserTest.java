package org.wsss.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsss.eval.experiments.Charts;
import org.wsss.eval.experiments.Volumetric;

/**
 * The report and its 3D viewer opened from disk in a real headless Chromium: no console error,
 * the CT and the masks are drawn (overlay-coloured pixels in a screenshot), switching a mask off
 * changes the picture, and the lesion picker and window presets work.
 *
 * <p>Needs Chromium ({@code apt-get install chromium}). Without it the test is skipped on a
 * developer machine but fails when {@code CI} is set (as {@code .ci/run} does) or with
 * {@code -Dwsss.browser.required=true}, so that CI never passes without running it.
 */
class ViewerBrowserTest {

    @TempDir
    static Path profiles;
    static Cdp browser;

    @BeforeAll
    static void startChromium() throws Exception {
        Optional<Path> bin = Cdp.binary();
        boolean required = System.getenv("CI") != null && !System.getenv("CI").isBlank()
                || Boolean.getBoolean("wsss.browser.required");
        if (bin.isEmpty() && required) {
            fail("Chromium not found (/usr/bin/chromium, or set CHROMIUM): install it with apt-get install -y chromium");
        }
        Assumptions.assumeTrue(bin.isPresent(), "Chromium not installed; the browser test is skipped");
        browser = new Cdp(bin.get(), profiles.resolve("profile"));
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void forgetErrors() {
        browser.clearErrors();
    }

    @Test
    void reportAndViewerWorkFromDisk(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("report");
        Volumetric.Result v = ViewerTest.result(ReportTest.data());
        Report.builder().volumetric(v).build().write(dir);
        // Layers: 0 ground truth (green), 1 "seeded" (off at first), 2 "middle" (sky blue, on at first).
        assertEquals(0x56B4E9, Charts.colour(1).getRGB() & 0xFFFFFF);

        browser.open(dir.resolve("report.html").toUri().toString());
        assertEquals(Boolean.TRUE, browser.eval("Array.from(document.images).length > 0 && Array.from(document.images)"
                + ".every(i => i.complete && i.naturalWidth > 0)"), "every picture of the report loads");
        assertEquals(Boolean.TRUE, browser.eval("!!document.querySelector('a[href=\"viewer.html#case=s2\"]')"));

        browser.open(dir.resolve("viewer.html").toUri() + "#case=s1");
        browser.waitFor("document.body.getAttribute('data-drawn') >= 1", 20);
        assertEquals("s1", browser.eval("document.getElementById('case').selectedOptions[0].textContent.split(' ')[0]"));
        Map<?, ?> axial = (Map<?, ?>) browser.eval("(r => ({x: r.x, y: r.y, w: r.width, h: r.height}))("
                + "document.getElementById('axial').getBoundingClientRect())");
        BufferedImage before = browser.screenshot();
        // At the RECIST slice the "middle" mask covers the truth: its outline blended blue over green.
        Counts both = count(before, axial);
        assertTrue(both.ct > 1000, "CT drawn in the axial view: " + both);
        assertTrue(both.blue > 200, "the method's mask drawn in its colour: " + both);

        clickCheckbox(browser, "outline"); // outlines (the default) to filled masks
        browser.waitFor("document.body.getAttribute('data-drawn') >= 2", 10);
        Counts filled = count(browser.screenshot(), axial);
        assertTrue(filled.blue > 2 * both.blue, "a filled mask covers more than its outline: " + both + " -> " + filled);

        clickCheckbox(browser, "layer-2"); // the method off: the truth alone, green
        browser.waitFor("document.body.getAttribute('data-drawn') >= 3", 10);
        assertEquals(Boolean.FALSE, browser.eval("document.getElementById('layer-2').checked"));
        Counts truth = count(browser.screenshot(), axial);
        assertTrue(truth.green > 200, "ground truth drawn in green: " + truth);
        assertTrue(truth.blue < 5, "the method's mask gone after switching it off: " + both + " -> " + truth);

        clickCheckbox(browser, "layer-0"); // the truth off too: the CT alone
        browser.waitFor("document.body.getAttribute('data-drawn') >= 4", 10);
        Counts none = count(browser.screenshot(), axial);
        assertTrue(none.green < 5 && none.blue < 5, "no overlay left: " + none);
        assertTrue(none.ct > truth.ct + 100, "the CT shows where the masks were: " + truth + " -> " + none);

        browser.eval("(s => { s.value = '-600,1500'; s.dispatchEvent(new Event('change')); })"
                + "(document.getElementById('preset'))");
        browser.waitFor("document.body.getAttribute('data-drawn') >= 5", 10);
        assertEquals(-600.0, ((Number) browser.eval("Number(document.getElementById('level').value)")).doubleValue());
        assertTrue(differ(before, browser.screenshot(), axial) > 100, "a wider window changes the CT");

        browser.eval("(s => { s.value = '1'; s.dispatchEvent(new Event('change')); })(document.getElementById('case'))");
        browser.waitFor("document.getElementById('status').textContent.startsWith('s2')", 10);

        List<String> errors = browser.errors();
        assertTrue(errors.isEmpty(), "console errors: " + errors);
    }

    @Test
    void aMissingDataFileIsReportedNotThrown(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("report");
        Report.builder().volumetric(ViewerTest.result(ReportTest.data())).build().write(dir);
        Files.delete(dir.resolve("viewer/case-0.js"));
        browser.open(dir.resolve("viewer.html").toUri().toString());
        browser.waitFor("document.getElementById('status').className === 'error'", 20);
        assertTrue(String.valueOf(browser.eval("document.getElementById('status').textContent"))
                .contains("viewer/case-0.js"));
        assertTrue(browser.errors().stream().anyMatch(e -> e.contains("case-0.js")),
                "the browser itself reports the failed load: " + browser.errors());
    }

    private static void clickCheckbox(Cdp b, String id) {
        Map<?, ?> r = (Map<?, ?>) b.eval("(r => ({x: r.x + r.width / 2, y: r.y + r.height / 2}))("
                + "document.getElementById('" + id + "').getBoundingClientRect())");
        b.click(((Number) r.get("x")).doubleValue(), ((Number) r.get("y")).doubleValue());
    }

    /** Pixels of the axial canvas: grey CT (not black), green-dominant (truth), blue-dominant (the method). */
    record Counts(int ct, int green, int blue) {
    }

    static Counts count(BufferedImage img, Map<?, ?> rect) {
        int ct = 0, green = 0, blue = 0;
        int x0 = num(rect, "x"), y0 = num(rect, "y");
        for (int y = y0; y < y0 + num(rect, "h") && y < img.getHeight(); y++) {
            for (int x = x0; x < x0 + num(rect, "w") && x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int r = p >> 16 & 255, g = p >> 8 & 255, b = p & 255;
                if (Math.abs(r - g) < 6 && Math.abs(g - b) < 6 && r > 20) {
                    ct++;
                } else if (g > r + 60 && g > b + 60) {
                    green++;
                } else if (b > r + 30) {
                    blue++; // the white crosshair is neither
                }
            }
        }
        return new Counts(ct, green, blue);
    }

    private static int differ(BufferedImage a, BufferedImage b, Map<?, ?> rect) {
        int n = 0;
        int x0 = num(rect, "x"), y0 = num(rect, "y");
        for (int y = y0; y < y0 + num(rect, "h"); y++) {
            for (int x = x0; x < x0 + num(rect, "w"); x++) {
                n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    private static int num(Map<?, ?> m, String k) {
        return (int) Math.round(((Number) m.get(k)).doubleValue());
    }
}
