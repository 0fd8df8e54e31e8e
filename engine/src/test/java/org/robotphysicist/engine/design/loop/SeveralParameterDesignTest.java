package org.robotphysicist.engine.design.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.engine.plot.CornerPlot;
import org.robotphysicist.engine.surrogate.HistogramSettings;

/** A design over two parameters writes a corner plot per round and its posterior covers the truth. */
class SeveralParameterDesignTest {
    private static final TwoMeansToySimulator TOY = new TwoMeansToySimulator();
    private static final double[] HIDDEN = {0.5, -1.0};

    @Test
    void eachRoundWritesACornerPlot(@TempDir Path dir) throws Exception {
        DesignConfig c = DesignConfig.defaults(new Box(new double[] {-3, -3}, new double[] {3, 3}), Box.interval(0, 1))
                .withExperiment(ExperimentSpec.events(50)).withRounds(2).withGridPoints(41).withEig(16, 5, 3)
                .withSurrogate("exact", HistogramSettings.defaults()).withSeed(5);
        Path out = dir.resolve("run");
        DesignHistory h = ExperimentDesigner.start(c, TOY, new SimulatedExperimentRunner(TOY,
                c.experiment().toExperiment(), HIDDEN), DesignOptions.silent().withOutput(out, true)).run();
        assertEquals(2, h.rounds().size());
        for (String f : new String[] {"corner-round-01.png", "corner-round-02.png"}) {
            assertEquals(2 * CornerPlot.PANEL.width(), ImageIO.read(out.resolve(f).toFile()).getWidth(), f);
        }
        var last = h.rounds().get(1).posterior();
        for (int d = 0; d < 2; d++) {
            var c95 = last.interval(last.parameters().get(d), 0.95);
            assertTrue(c95.contains(HIDDEN[d]), "theta_" + (d + 1) + " = " + HIDDEN[d] + " outside " + c95);
        }
    }
}
