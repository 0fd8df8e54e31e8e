package org.robotphysicist.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.testing.RecordingProgressReporter;
import org.robotphysicist.engine.plot.PlotSize;

class DemoPlotAndProgressTest {
    @TempDir
    Path dir;

    @Test
    void theHistogramBuildReportsEveryCellAndThePlotIsDrawn() throws Exception {
        DemoConfig c = DemoConfig.defaults();
        DemoConfig small = c.toBuilder().surrogate("histogram").histogramEventsPerCell(20_000).posteriorGridPoints(101)
                .build();
        RecordingProgressReporter recording = new RecordingProgressReporter();
        DemoResult r = new WeinbergDemo(small, line -> { }, recording, null, null).run();
        assertEquals(List.of("histogram surrogate 41 cells"), recording.tasks());
        assertEquals(41, recording.units(), "one unit per histogram cell");
        assertEquals(1, recording.closed());

        Path png = dir.resolve("demo.png");
        DemoPlot.of(r, small).writePng(png, new PlotSize(700, 500));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(700, img.getWidth());
        assertEquals(500, img.getHeight());
        assertTrue(DemoPlot.of(r, small).title().contains("5000 events at √s = 58.00 GeV"));
    }
}
