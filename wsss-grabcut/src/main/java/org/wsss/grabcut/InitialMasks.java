package org.wsss.grabcut;

import java.util.List;
import java.util.Locale;
import org.wsss.api.InitialMaskMethod;

/**
 * The five initial-mask methods of Table 1 (Sec. 2.1, 3.1), each a named pair of a seeder from
 * {@link SeedGenerators} and a refiner from {@link MaskRefiners}:
 * <table>
 *   <caption>Methods</caption>
 *   <tr><th>name</th><th>seeds</th><th>refiner</th></tr>
 *   <tr><td>recist-d</td><td>axes dilated to 20% of the box</td><td>identity</td></tr>
 *   <tr><td>dcrf</td><td>box-i</td><td>dense CRF</td></tr>
 *   <tr><td>grabcut</td><td>box</td><td>GrabCut</td></tr>
 *   <tr><td>grabcut-i</td><td>box-i</td><td>GrabCut</td></tr>
 *   <tr><td>grabcut-r</td><td>GrabCut-R seeds S(R)</td><td>GrabCut</td></tr>
 * </table>
 * Pair any other combination with {@link InitialMaskMethod#of}.
 */
public final class InitialMasks {

    /** The method names {@link #byName} accepts, in Table 1's order. */
    public static final List<String> NAMES = List.of("recist-d", "dcrf", "grabcut", "grabcut-i", "grabcut-r");

    private InitialMasks() {
    }

    /** RECIST-D: the dilated axes as the mask. */
    public static InitialMaskMethod recistD() {
        return InitialMaskMethod.of("recist-d", SeedGenerators.recistD(), MaskRefiners.identity());
    }

    /** DCRF: box-i unary, dense CRF. */
    public static InitialMaskMethod denseCrf() {
        return InitialMaskMethod.of("dcrf", SeedGenerators.boxI(), MaskRefiners.denseCrf());
    }

    /** GrabCut with the box initialisation. */
    public static InitialMaskMethod grabCut() {
        return InitialMaskMethod.of("grabcut", SeedGenerators.box(), MaskRefiners.grabCut());
    }

    /** GrabCut with the box-i initialisation. */
    public static InitialMaskMethod grabCutI() {
        return InitialMaskMethod.of("grabcut-i", SeedGenerators.boxI(), MaskRefiners.grabCut());
    }

    /** GrabCut-R, the method of Sec. 2.1. */
    public static InitialMaskMethod grabCutR() {
        return InitialMaskMethod.of("grabcut-r", SeedGenerators.grabcutR(), MaskRefiners.grabCut());
    }

    /**
     * The method called {@code name} (case-insensitive, one of {@link #NAMES}).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static InitialMaskMethod byName(String name) {
        String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "recist-d" -> recistD();
            case "dcrf" -> denseCrf();
            case "grabcut" -> grabCut();
            case "grabcut-i" -> grabCutI();
            case "grabcut-r" -> grabCutR();
            default -> throw new IllegalArgumentException("unknown initial-mask method '" + name + "'; known: " + NAMES);
        };
    }
}
