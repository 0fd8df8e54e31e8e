package org.robotphysicist.data.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;

class TextProgressReporterTest {
    private final StringWriter text = new StringWriter();
    private final AtomicLong clock = new AtomicLong();

    private ProgressReporter reporter(TextProgressReporter.Style style) {
        return new TextProgressReporter(new PrintWriter(text), style, clock::get);
    }

    @Test
    void linesAppearAtEachTenthWithRateBasedEta() {
        try (Progress p = reporter(TextProgressReporter.Style.LINES).start("simulate", 1000, "events")) {
            for (int i = 0; i < 100; i++) {
                clock.addAndGet(10_000_000L); // 10 ms per 10 events
                p.advance(10);
            }
        }
        List<String> lines = text.toString().lines().toList();
        assertEquals(10, lines.size(), text.toString());
        assertEquals("simulate: 10% (100/1000 events) 0.1 s, ETA 0.9 s", lines.get(0));
        assertEquals("simulate: 50% (500/1000 events) 0.5 s, ETA 0.5 s", lines.get(4));
        assertEquals("simulate: done, 1000/1000 events in 1.0 s", lines.get(9));
    }

    @Test
    void slowTasksStillPrintEveryThirtySeconds() {
        try (Progress p = reporter(TextProgressReporter.Style.LINES).start("train", 1000, "epochs")) {
            clock.addAndGet(31_000_000_000L);
            p.advance(1);
        }
        List<String> lines = text.toString().lines().toList();
        assertEquals("train: 0% (1/1000 epochs) 31.0 s, ETA 8 h 36 min", lines.get(0));
        assertEquals("train: stopped at 1/1000 epochs in 31.0 s", lines.get(1));
    }

    @Test
    void theBarIsRedrawnInPlaceAtMostFiveTimesASecond() {
        try (Progress p = reporter(TextProgressReporter.Style.BAR).start("histogram", 4, "cells")) {
            clock.addAndGet(50_000_000L);
            p.advance(1); // too soon to redraw
            clock.addAndGet(200_000_000L);
            p.advance(1);
            p.advance(2); // complete: always drawn
        }
        String s = text.toString();
        String[] draws = s.split("\r", -1);
        assertEquals(5, draws.length, s); // initial, 50%, 100%, final redraw on close
        assertTrue(draws[1].startsWith("histogram [------------------------]   0%  0/4 cells  0.0 s  ETA ?"), draws[1]);
        assertTrue(draws[2].startsWith("histogram [############------------]  50%  2/4 cells  0.3 s  ETA 0.3 s"),
                draws[2]);
        assertTrue(draws[3].startsWith("histogram [########################] 100%  4/4 cells"), draws[3]);
        assertTrue(s.endsWith("\nhistogram: done, 4/4 cells in 0.3 s" + System.lineSeparator()), s);
    }

    @Test
    void parallelWorkersCanReportAtOnce() {
        ProgressReporter r = new TextProgressReporter(new PrintWriter(text), TextProgressReporter.Style.LINES);
        try (Progress p = r.start("parallel", 80_000, "units")) {
            IntStream.range(0, 80_000).parallel().forEach(i -> p.advance(1));
        }
        assertTrue(text.toString().contains("parallel: done, 80000/80000 units"), text.toString());
    }

    @Test
    void quietReportsNothingAndTotalsMustBePositive() {
        ProgressReporter quiet = TextProgressReporter.forTerminal(new PrintWriter(text), true);
        try (Progress p = quiet.start("simulate", 10, "events")) {
            p.advance(10);
        }
        assertEquals("", text.toString());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> reporter(TextProgressReporter.Style.LINES).start("simulate", 0, "events"));
        assertTrue(e.getMessage().contains("expected at least 1 unit of work but found 0"), e.getMessage());
        assertEquals("1 min 05 s", TextProgressReporter.duration(65));
        assertEquals("2 h 00 min", TextProgressReporter.duration(7200));
    }
}
