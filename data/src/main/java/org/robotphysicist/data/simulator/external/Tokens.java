package org.robotphysicist.data.simulator.external;

import java.util.ArrayList;
import java.util.List;

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
     * A real number: decimal text, or {@code inf}, {@code -inf}, {@code infinity}, {@code nan} in
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
                char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
                if (last == 'd' || last == 'f' || t.startsWith("0x") || t.startsWith("-0x")) {
                    throw new NumberFormatException(token);
                }
                return Double.parseDouble(t);
        }
    }
}
