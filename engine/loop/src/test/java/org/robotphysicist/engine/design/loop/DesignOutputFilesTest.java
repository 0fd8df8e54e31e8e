package org.robotphysicist.engine.design.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.plot.CornerPlot;
import org.robotphysicist.engine.plot.PlotSize;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;

/**
 * What the listeners of {@link DesignOptions#withOutput} leave in a run's directory: a history that
 * reads back and resumes to the same state, one events file per round holding exactly the events
 * the round recorded, and plots that decode to the documented sizes and are not blank — for a
 * two-parameter θ (EIG, posterior heat map and corner plot per round) and a one-parameter θ (EIG and
 * posterior per round, all rounds together); and without plots, no PNG at all.
 */
class DesignOutputFilesTest {
    private static final TwoMeansToySimulator TWO_MEANS = new TwoMeansToySimulator();
    private static final double[] TWO_MEANS_HIDDEN = {0.5, -1.0};
    private static final ToyGaussianSimulator GAUSSIAN = new ToyGaussianSimulator();
    private static final double[] GAUSSIAN_HIDDEN = {0.3};
    /** The corner plot's title band above its panels, in pixels (drawn by {@link CornerPlot#image()}). */
    private static final int CORNER_TITLE_HEIGHT = 44;

    /** θ ∈ [−3, 3]², φ ∈ [0, 1], 50 events per round, 2 rounds on a 41² grid, exact likelihood. */
    private static DesignConfig twoMeans() {
        return DesignConfig.defaults(new Box(new double[] {-3, -3}, new double[] {3, 3}), Box.interval(0, 1))
                .withExperiment(ExperimentSpec.events(50)).withRounds(2).withGridPoints(41).withEig(16, 5, 3)
                .withVerifications(1).withSurrogate("exact", HistogramGridConfig.defaults()).withSeed(5);
    }

    /** μ ∈ [−2, 2], variance φ ∈ [0.5, 2], 60 events per round, 2 rounds on 61 grid points, exact likelihood. */
    private static DesignConfig gaussian() {
        return DesignConfig.defaults(Box.interval(-2, 2), Box.interval(0.5, 2)).withExperiment(ExperimentSpec.events(60))
                .withRounds(2).withGridPoints(61).withEig(16, 5, 3).withVerifications(1)
                .withSurrogate("exact", HistogramGridConfig.defaults()).withSeed(7);
    }

    /** The events of every round, as the runner made them. */
    private static final class Recording implements RoundListener {
        final List<Matrix> events = new ArrayList<>();

        @Override
        public void recorded(ExperimentDesigner designer, DesignRound round, Matrix x, GridPosterior posterior) {
            events.add(x);
        }
    }

    @Test
    void twoParametersWriteTheHistoryEventsAndPlotsAndResumeToTheSameState(@TempDir Path dir) throws IOException {
        DesignConfig c = twoMeans();
        Path out = dir.resolve("run");
        Recording recording = new Recording();
        SimulatedExperimentRunner runner = new SimulatedExperimentRunner(TWO_MEANS, c.experiment().toExperiment(),
                TWO_MEANS_HIDDEN);
        ExperimentDesigner designer = ExperimentDesigner.start(c, TWO_MEANS, runner,
                DesignOptions.silent().withOutput(out, true).withListener(recording));
        DesignHistory history = designer.run();

        assertEquals(new TreeSet<>(List.of("history.json", "events-round-01.csv", "events-round-02.csv",
                "eig-round-01.png", "eig-round-02.png", "posterior-round-01.png", "posterior-round-02.png",
                "corner-round-01.png", "corner-round-02.png")), files(out), "the files of a 2-round run with 2-D theta");
        assertEventFiles(out, history, recording, TWO_MEANS);
        int cornerWidth = 2 * CornerPlot.PANEL.width();
        int cornerHeight = 2 * CornerPlot.PANEL.height() + CORNER_TITLE_HEIGHT;
        for (int r = 1; r <= 2; r++) {
            assertPlot(out.resolve(DesignFiles.roundFile("eig", r, "png")), PlotSize.DEFAULT.width(),
                    PlotSize.DEFAULT.height());
            assertPlot(out.resolve(DesignFiles.roundFile("posterior", r, "png")), PlotSize.DEFAULT.width(),
                    PlotSize.DEFAULT.height());
            assertPlot(out.resolve(DesignFiles.roundFile("corner", r, "png")), cornerWidth, cornerHeight);
        }

        DesignHistory saved = DesignHistory.read(out.resolve(DesignFiles.HISTORY));
        assertEquals(Json.mapper().valueToTree(history.rounds()), Json.mapper().valueToTree(saved.rounds()),
                "the rounds in history.json are the run's");
        assertEquals(c, saved.config());
        assertArrayEquals(TWO_MEANS_HIDDEN, saved.hiddenTheta());
        assertEquals(Optional.of(true), DesignFiles.recordedPlots(saved), "the history records that plots are drawn");

        ExperimentDesigner resumed = ExperimentDesigner.resume(saved, 2, TWO_MEANS, runner, DesignOptions.silent());
        assertEquals(Json.mapper().valueToTree(designer.rounds()), Json.mapper().valueToTree(resumed.rounds()),
                "the resumed run's rounds");
        List<GridPosterior> before = designer.posteriors();
        List<GridPosterior> after = resumed.posteriors();
        assertEquals(before.size(), after.size());
        for (int r = 0; r < before.size(); r++) {
            assertArrayEquals(before.get(r).logDensity(), after.get(r).logDensity(), 0,
                    "the posterior after round " + (r + 1) + " is restored exactly");
        }
    }

    @Test
    void oneParameterPlotsEveryRoundsPosteriorTogetherAndNoPlotsMeansNoPng(@TempDir Path dir) throws IOException {
        DesignConfig c = gaussian();
        Path out = dir.resolve("run");
        Recording recording = new Recording();
        SimulatedExperimentRunner runner = new SimulatedExperimentRunner(GAUSSIAN, c.experiment().toExperiment(),
                GAUSSIAN_HIDDEN);
        DesignHistory history = ExperimentDesigner.start(c.withRounds(1), GAUSSIAN, runner,
                DesignOptions.silent().withOutput(out, true).withListener(recording)).run();
        assertEquals(new TreeSet<>(List.of("history.json", "events-round-01.csv", "eig-round-01.png",
                "posterior-round-01.png", DesignPlots.ALL_ROUNDS)), files(out), "the files of round 1 with 1-D theta");

        Path unplotted = dir.resolve("unplotted");
        ExperimentDesigner resumed = ExperimentDesigner.resume(DesignHistory.read(out.resolve(DesignFiles.HISTORY)), 2,
                GAUSSIAN, runner, DesignOptions.silent().withOutput(out, true).withListener(recording)
                        .withOutput(unplotted, false));
        history = resumed.run();
        assertEquals(new TreeSet<>(List.of("history.json", "events-round-01.csv", "events-round-02.csv",
                "eig-round-01.png", "eig-round-02.png", "posterior-round-01.png", "posterior-round-02.png",
                DesignPlots.ALL_ROUNDS)), files(out), "the files after round 2 with 1-D theta");
        assertEventFiles(out, history, recording, GAUSSIAN);
        for (String png : files(out).stream().filter(f -> f.endsWith(".png")).toList()) {
            assertPlot(out.resolve(png), PlotSize.DEFAULT.width(), PlotSize.DEFAULT.height());
        }
        assertEquals(Set.of("history.json", "events-round-02.csv"), files(unplotted),
                "a directory without plots, joined at round 2: its events and history only");
        DesignHistory plain = DesignHistory.read(unplotted.resolve(DesignFiles.HISTORY));
        assertEquals(Optional.of(false), DesignFiles.recordedPlots(plain), "the history records that no plots are drawn");
        assertEquals(2, plain.rounds().size(), "the history holds every round, also those before the directory joined");
    }

    /**
     * Each round's events file holds exactly the events the round recorded: (N, D<sub>x</sub>) with the
     * simulator's x names, no θ or φ columns, the round's hash, and its round and φ in the comments.
     */
    private static void assertEventFiles(Path out, DesignHistory history, Recording recording, Simulator simulator) {
        assertEquals(history.rounds().size(), recording.events.size(), "rounds the listener was told of");
        for (DesignRound round : history.rounds()) {
            EventCsv.Contents csv = EventCsv.read(out.resolve(DesignFiles.roundFile("events", round.round(), "csv")));
            Matrix told = recording.events.get(round.round() - 1);
            String what = "events-round-0" + round.round() + ".csv";
            assertEquals(simulator.dimensions().xNames(), csv.dataset().schema().columnNames(), what + " columns");
            assertEquals(round.events(), csv.dataset().size(), what + " rows");
            assertEquals(told.rows(), csv.dataset().size(), what + " rows against the events recorded");
            assertArrayEquals(told.toArray(), csv.dataset().x().toArray(), 0, what + " values");
            assertEquals(round.eventsSha256(), csv.dataset().sha256(), what + " hash");
            assertEquals(Integer.toString(round.round()), csv.metadata().get("round"), what + " round");
            assertEquals(Arrays.toString(round.phi()), csv.metadata().get("phi"), what + " phi");
        }
    }

    /** A PNG of {@code width} × {@code height} pixels whose grey levels vary (a blank image has variance 0). */
    private static void assertPlot(Path png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " decodes as an image");
        assertEquals(width, image.getWidth(), png + " width");
        assertEquals(height, image.getHeight(), png + " height");
        double sum = 0;
        double sumSquares = 0;
        long n = (long) width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                double grey = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
                sum += grey;
                sumSquares += grey * grey;
            }
        }
        double mean = sum / n;
        double variance = sumSquares / n - mean * mean;
        assertTrue(variance > 1, png + ": grey-level variance " + variance + " (mean " + mean
                + "), expected a drawn image, not a blank one");
    }

    private static Set<String> files(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
