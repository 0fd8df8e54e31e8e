package org.robotphysicist.data.io;

/**
 * Reads numbers written as plain decimals or in scientific notation — {@code 12}, {@code -0.5},
 * {@code .25}, {@code 3.}, {@code 1.5e-3}, {@code 2E+10} — and nothing else.
 *
 * <p>{@link Double#parseDouble} also accepts Java's type suffixes ({@code 0.5d}, {@code 1f}),
 * hexadecimal floating point ({@code 0x1p-2}), {@code NaN}, {@code Infinity} and surrounding
 * control characters ({@code "0.5\0"}), none of which a data file should carry. The grammar here
 * is {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?} with ASCII digits; the
 * value is then {@link Double#parseDouble}'s, so it is correctly rounded and a round trip of
 * {@link Double#toString(double)} is exact. Very large exponents give ±∞ (callers that need finite
 * values check).
 */
public final class PlainDecimal {
    private PlainDecimal() {
    }

    /** Whether {@code s} is a plain decimal or scientific-notation number, with no other characters. */
    public static boolean isPlain(CharSequence s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = digits(s, i);
        i += intDigits;
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            fracDigits = digits(s, i);
            i += fracDigits;
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = digits(s, i);
            if (expDigits == 0) {
                return false;
            }
            i += expDigits;
        }
        return i == n;
    }

    /**
     * The value of a plain decimal.
     *
     * @throws NumberFormatException when {@code s} is anything else (see the class comment)
     */
    public static double parse(String s) {
        if (!isPlain(s)) {
            throw new NumberFormatException("not a plain decimal number: " + VisibleText.quote(s));
        }
        return Double.parseDouble(s);
    }

    private static int digits(CharSequence s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
