package org.wsss.propagation.wsss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.wsss.api.Axis;
import org.wsss.api.Mask;
import org.wsss.api.Point2;
import org.wsss.api.Recist;
import org.wsss.api.Roi;
import org.wsss.api.WeakLabel;

/** R, F and B of a hand-made 12 × 10 slice. */
class WeakLabelsTest {

    /** A plus sign: long axis (2,5)-(8,5), short axis (5,3)-(5,7). */
    static final Recist PLUS = new Recist(new Axis(new Point2(2, 5), new Point2(8, 5)),
            new Axis(new Point2(5, 3), new Point2(5, 7)), 0);

    @Test
    void recistPixelsAreTheAxesAndFAndBSplitTheRoiByTheMask() {
        // Mask: the rectangle x 3..7, y 4..6.
        Mask mask = Mask.fromPredicate(12, 10, (x, y) -> x >= 3 && x <= 7 && y >= 4 && y <= 6);
        Roi roi = new Roi(1, 2, 9, 7); // x 1..9, y 2..8
        WeakLabel l = WeakLabels.of(PLUS, mask, roi);

        int[] r = {3 * 12 + 5, 4 * 12 + 5, 5 * 12 + 2, 5 * 12 + 3, 5 * 12 + 4, 5 * 12 + 5, 5 * 12 + 6, 5 * 12 + 7,
                5 * 12 + 8, 6 * 12 + 5, 7 * 12 + 5};
        Arrays.sort(r);
        assertArrayEquals(r, l.recistIndices());
        // F: the rectangle's 15 pixels minus the 7 axis pixels in it ((3..7,5) and (5,4), (5,6)).
        int[] f = {4 * 12 + 3, 4 * 12 + 4, 4 * 12 + 6, 4 * 12 + 7, 6 * 12 + 3, 6 * 12 + 4, 6 * 12 + 6, 6 * 12 + 7};
        assertArrayEquals(f, l.foregroundIndices());
        // B: the ROI's 63 pixels minus F (8) minus the axis pixels inside it (11).
        assertEquals(63 - 8 - 11, l.backgroundCount());
        for (int i : l.backgroundIndices()) {
            int x = i % 12, y = i / 12;
            assertEquals(true, roi.contains(x, y), "B pixel " + x + "," + y + " lies in the ROI");
            assertEquals(false, mask.get(x, y), "B pixel " + x + "," + y + " is not in the mask");
        }
    }

    @Test
    void maskOutsideTheRoiIsNotForegroundAndAnRoiBeyondTheSliceIsClipped() {
        Mask mask = Mask.fromPredicate(12, 10, (x, y) -> y == 9 || (x == 5 && y == 4));
        Roi roi = new Roi(-3, -3, 10, 10); // x -3..6, y -3..6 -> clipped x 0..6, y 0..6
        WeakLabel l = WeakLabels.of(PLUS, mask, roi);
        assertEquals(0, l.foregroundCount(), "(5,4) is an axis pixel; row 9 lies outside the ROI");
        // R holds every axis pixel, also those outside the ROI (x = 7, 8 on row 5).
        assertEquals(11, l.recistCount());
        // B: 7 × 7 clipped ROI minus the axis pixels inside it (long axis x 2..6: 5; short axis
        // y 3, 4, 6: 3 more, y 7 lies outside); the mask pixel (5,4) is on the axis.
        assertEquals(49 - 8, l.backgroundCount());
    }
}
