package org.robotphysicist.data.simulator.external;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.io.PlainDecimal;

/** Splitting protocol lines into tokens and reading the protocol's numbers. */
final class Tokens {
    private Tokens() {
    }

    /** The words of {@code line}, separated by runs of spaces and tabs. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * A real number: plain decimal or scientific notation ({@link PlainDecimal}), or {@code inf}, {@code -inf}, {@code infinity}, {@code nan} in
     * any case. Returns NaN for "nan"; throws {@link NumberFormatException} for anything else.
     */
    static double real(String token) {
        String t = token.toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan":
                return Double.NaN;
            default:
                return PlainDecimal.parse(token); // no 0.5d, 0x1p-2, or control characters Java would trim
        }
    }
}
