package org.wsss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wsss.propagation.assembly.IntensityStop;
import picocli.CommandLine;

/**
 * The on-by-default switches of train and segment parse both ways and reach their configs; so does
 * segment's {@code --intensity-range} and {@code --low-contrast}.
 */
class NegatableOptionsTest {

    private static <T> T parse(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult r = WsssCli.commandLine().parseArgs(all);
        return r.subcommand().commandSpec().commandLine().getCommand();
    }

    @Test
    void insideHullIsOnUnlessTurnedOff() {
        SegmentCommand plain = parse("segment", "--deeplesion", "d", "--out", "o");
        assertNull(plain.settings().insideHull(), "not given: the library default");
        assertTrue(plain.settings().inferenceConfig().insideHull());
        SegmentCommand off = parse("segment", "--deeplesion", "d", "--out", "o", "--no-inside-hull");
        assertFalse(off.settings().inferenceConfig().insideHull());
        SegmentCommand on = parse("segment", "--deeplesion", "d", "--out", "o", "--method", "wsss-cnn", "--inside-hull");
        assertTrue(on.settings().inferenceConfig().insideHull());
    }

    @Test
    void intensityRangeParsesAndReachesTheConfig() {
        SegmentCommand plain = parse("segment", "--deeplesion", "d", "--out", "o", "--method", "wsss-cnn");
        assertNull(plain.settings().intensityRange(), "not given: the library default");
        assertEquals(IntensityStop.RangeFrom.INITIAL_MASK, plain.settings().inferenceConfig().intensityStop().rangeFrom());
        SegmentCommand own = parse("segment", "--deeplesion", "d", "--out", "o", "--method", "wsss-cnn",
                "--intensity-range", "MASK");
        assertEquals(IntensityStop.RangeFrom.MASK, own.settings().inferenceConfig().intensityStop().rangeFrom());
        assertThrows(CommandLine.ParameterException.class,
                () -> parse("segment", "--deeplesion", "d", "--out", "o", "--intensity-range", "SOMETIMES"));
        SegmentCommand low = parse("segment", "--deeplesion", "d", "--out", "o", "--low-contrast", "0");
        assertEquals(0.0, low.settings().inferenceConfig().lowContrastHu());
    }

    @Test
    void offSliceValidationIsOnUnlessTurnedOff() {
        TrainCommand plain = parse("train", "--deeplesion", "d", "--out", "m.zip");
        assertTrue(plain.offSliceValidation);
        TrainCommand off = parse("train", "--deeplesion", "d", "--out", "m.zip", "--no-off-slice-validation");
        assertFalse(off.offSliceValidation);
    }
}
