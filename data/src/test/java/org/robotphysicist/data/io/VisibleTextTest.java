package org.robotphysicist.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class VisibleTextTest {
    @Test
    void controlAndInvisibleCharactersAreEscaped() {
        assertEquals("a\\x00b\\x1B[2J\\x0A\\x7F", VisibleText.escape("a\0b\u001B[2J\n\u007F"));
        assertEquals("\\uFEFFx:c \\u202E", VisibleText.escape("\uFEFFx:c \u202E"));
        String plain = "sin²θ_W = 0.23 ±0.01 µ";
        assertSame(plain, VisibleText.escape(plain), "printable text is returned as it is");
    }

    @Test
    void longTextIsCut() {
        String q = VisibleText.quote("x".repeat(500));
        assertEquals("'" + "x".repeat(VisibleText.MAX_CHARS) + "'... (500 characters)", q);
        assertEquals("'a\\x09b'", VisibleText.quote("a\tb"));
    }
}
