package org.robotphysicist.data.io;

/**
 * Makes text from files and programs safe to print in a one-line message: control characters
 * (NUL, escape sequences, line breaks), DEL, the byte-order mark and other invisible format
 * characters are shown as {@code \xNN} / {@code \}{@code uNNNN} escapes, and long text is cut, so
 * a binary file given as input cannot write raw bytes to the user's terminal.
 */
public final class VisibleText {
    /** Characters kept of a quoted text before it is cut. */
    public static final int MAX_CHARS = 120;

    private VisibleText() {
    }

    /** {@code text} with every invisible or control character escaped; never longer than needed. */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean visible = !isInvisible(c);
            if (visible && b == null) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (visible) {
                b.append(c);
            } else if (c < 0x100) {
                b.append(String.format("\\x%02X", (int) c));
            } else {
                b.append(String.format("\\u%04X", (int) c));
            }
        }
        return b == null ? text : b.toString();
    }

    /**
     * {@code 'text'} escaped, cut to {@link #MAX_CHARS} characters of escaped text (then saying how
     * long the original was).
     */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        String escaped = escape(text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS));
        if (escaped.length() <= MAX_CHARS && text.length() <= MAX_CHARS) {
            return "'" + escaped + "'";
        }
        int cut = Math.min(MAX_CHARS, escaped.length());
        int escapeStart = escaped.lastIndexOf('\\', cut - 1);
        if (escapeStart >= 0 && escapeStart > cut - 6) {
            cut = escapeStart; // never half an escape
        }
        return "'" + escaped.substring(0, cut) + "'... (" + text.length() + " characters)";
    }

    private static boolean isInvisible(char c) {
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
