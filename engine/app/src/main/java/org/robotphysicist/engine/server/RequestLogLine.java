package org.robotphysicist.engine.server;

/**
 * One line of the request log, {@code METHOD PATH -> STATUS (N ms)}, with everything a client
 * controls escaped so that it cannot forge lines or terminal output: CR, LF and tab as
 * {@code \r}, {@code \n}, {@code \t}, other control characters (C0, DEL, C1) and the line and
 * paragraph separators as {@code \\uXXXX}, and the backslash itself as {@code \\}; text longer
 * than {@value #MAX_FIELD} characters is cut with "...". Stateless and thread-safe.
 */
final class RequestLogLine {
    /** The longest method or path written to the log. */
    static final int MAX_FIELD = 512;

    private RequestLogLine() {
    }

    static String of(String method, String path, int status, long millis) {
        return escape(method) + " " + escape(path) + " -> " + status + " (" + millis + " ms)";
    }

    /** {@code text} with control characters escaped as described above; "-" for null. */
    static String escape(String text) {
        if (text == null) {
            return "-";
        }
        boolean cut = text.length() > MAX_FIELD;
        String t = cut ? text.substring(0, MAX_FIELD) : text;
        StringBuilder b = new StringBuilder(t.length() + 8);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return cut ? b.append("...").toString() : b.toString();
    }
}
