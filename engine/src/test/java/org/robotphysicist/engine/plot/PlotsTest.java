package org.robotphysicist.engine.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.NonFiniteValueException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.testing.StatisticalAssertions;
import org.robotphysicist.engine.posterior.GridPosterior;

/** Every plot renders headless to a PNG of the asked size showing its parts; bad input is refused. */
class PlotsTest {
    private static final PlotSize SIZE = new PlotSize(640, 480);
    private static final Color BAND_FILL = Charts.lighter(Charts.PALETTE.get(0), 0.7);

    @TempDir
    Path dir;

    private static double[] grid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    private static double[] gaussian(double[] x, double mean, double sd) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double z = (x[i] - mean) / sd;
            y[i] = Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
        }
        return y;
    }

    private BufferedImage render(String name, java.util.function.Consumer<Path> writer) throws Exception {
        Path file = dir.resolve("sub").resolve(name + ".png");
        writer.accept(file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(SIZE.width(), img.getWidth(), name + " width");
        assertEquals(SIZE.height(), img.getHeight(), name + " height");
        long nonWhite = count(img, c -> c.getRed() < 245 || c.getGreen() < 245 || c.getBlue() < 245);
        double fraction = nonWhite / (double) (img.getWidth() * img.getHeight());
        assertTrue(fraction > 0.03, name + ": only " + fraction + " of the pixels are not white");
        return img;
    }

    private static long count(BufferedImage img, java.util.function.Predicate<Color> p) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (p.test(new Color(img.getRGB(x, y)))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static java.util.function.Predicate<Color> near(Color target, int tolerance) {
        return c -> Math.abs(c.getRed() - target.getRed()) + Math.abs(c.getGreen() - target.getGreen())
                + Math.abs(c.getBlue() - target.getBlue()) <= tolerance;
    }

    /**
     * Leftmost and rightmost pixel columns filled with a colour (at least 20 pixels of it in the
     * rows from 60% to 80% of the height, below the legend; antialiased curve edges that happen to
     * blend into the colour give only a few).
     */
    private static int[] columnSpan(BufferedImage img, Color target) {
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int x = 0; x < img.getWidth(); x++) {
            int hits = 0;
            for (int y = (int) (0.6 * img.getHeight()); y < (int) (0.8 * img.getHeight()); y++) {
                if (near(target, 3).test(new Color(img.getRGB(x, y)))) {
                    hits++;
                }
            }
            if (hits >= 20) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return new int[] {lo, hi};
    }

    private static PosteriorPlot1D posterior1d(double lower, double upper) {
        double[] x = grid(0.15, 0.35, 201);
        // broad curves: the band is nearly as tall as the plot everywhere inside [0.20, 0.24]
        return new PosteriorPlot1D("posterior", "sin2_theta_w", List.of(new Curve("surrogate", x,
                gaussian(x, 0.22, 0.06)), new Curve("exact", x, gaussian(x, 0.23, 0.07))),
                new PosteriorPlot1D.CredibleBand(0.68, lower, upper), 0.2312);
    }

    @Test
    void aOneDimensionalPosteriorShowsCurvesBandAndTruth() throws Exception {
        BufferedImage img = render("posterior1d", f -> posterior1d(0.20, 0.22).writePng(f, SIZE));
        assertTrue(count(img, near(Charts.PALETTE.get(0), 30)) > 300, "first curve drawn");
        assertTrue(count(img, near(Charts.PALETTE.get(1), 30)) > 100, "second curve drawn");
        assertTrue(count(img, near(BAND_FILL, 6)) > 2000, "credible band filled");
        assertTrue(count(img, near(Charts.TRUTH, 30)) > 100, "truth line drawn");

        // the band's width in pixels is proportional to the interval's width on the fixed axis
        int[] narrow = columnSpan(img, BAND_FILL);
        int[] wide = columnSpan(render("posterior1d-wide", f -> posterior1d(0.20, 0.24).writePng(f, SIZE)), BAND_FILL);
        StatisticalAssertions.assertClose("left edge of the band (pixels)", narrow[0], wide[0], 2);
        StatisticalAssertions.assertRelativelyClose("band width ratio for intervals of width 0.04 and 0.02", 2.0,
                (wide[1] - wide[0] + 1.0) / (narrow[1] - narrow[0] + 1.0), 0.05);
    }

    @Test
    void oneDimensionalInputIsValidated() {
        double[] x = grid(0, 1, 5);
        assertThrows(DimensionMismatchException.class, () -> new Curve("c", x, new double[4]));
        NonFiniteValueException nan = assertThrows(NonFiniteValueException.class,
                () -> new Curve("c", x, new double[] {0, 1, Double.NaN, 1, 0}));
        assertTrue(nan.getMessage().contains("curve 'c' y[2]: expected a finite number but found NaN"), nan.getMessage());
        assertThrows(InvalidInputException.class, () -> new Curve("c", new double[] {0, 1, 1, 2, 3}, new double[5]));
        InvalidInputException negative = assertThrows(InvalidInputException.class, () -> new PosteriorPlot1D("t", "a",
                List.of(new Curve("c", x, new double[] {0, 1, -1, 1, 0})), null, null));
        assertTrue(negative.getMessage().contains("expected a density >= 0 but found -1.0"), negative.getMessage());
        assertThrows(InvalidInputException.class, () -> new PosteriorPlot1D("t", "a",
                List.of(new Curve("c", x, new double[5])), new PosteriorPlot1D.CredibleBand(0.68, 0.5, 1.5), null));
        assertThrows(InvalidInputException.class, () -> new PosteriorPlot1D.CredibleBand(0.68, 0.5, 0.4));
        assertThrows(InvalidInputException.class, () -> new PosteriorPlot1D("t", "a", List.of(), null, null));
        assertThrows(NonFiniteValueException.class, () -> new PosteriorPlot1D("t", "a",
                List.of(new Curve("c", x, new double[5])), null, Double.NaN));
        assertThrows(InvalidInputException.class, () -> new PlotSize(50, 480));
    }

    @Test
    void aTwoDimensionalPosteriorShowsTheDensityAndItsCredibleRegions() throws Exception {
        RegularGrid g = new RegularGrid(new double[] {-3, -2}, new double[] {3, 3}, new int[] {61, 51});
        double[] logLik = new double[g.size()];
        org.robotphysicist.data.Matrix points = g.points();
        for (int k = 0; k < g.size(); k++) {
            double u = points.get(k, 0);
            double v = points.get(k, 1) - 0.5;
            logLik[k] = -0.5 * (u * u - 1.2 * u * v + v * v) / 0.64;
        }
        GridPosterior posterior = GridPosterior.fromLogLikelihood(new UniformBoxPrior(g.bounds()), g,
                List.of("theta_1", "theta_2"), logLik);
        PosteriorPlot2D plot = PosteriorPlot2D.of(posterior, "2-D", new double[] {0.3, 0.9}, 0.68, 0.95);
        BufferedImage img = render("posterior2d", f -> plot.writePng(f, SIZE));
        assertTrue(count(img, near(new Color(8, 48, 107), 12)) > 200, "darkest shade at the peak");
        assertTrue(count(img, near(new Color(230, 159, 0), 40)) > 200, "68% contour drawn");
        assertTrue(count(img, near(new Color(204, 0, 0), 40)) > 10, "truth marker drawn");

        assertThrows(DimensionMismatchException.class, () -> new PosteriorPlot2D("t", "a", "b", grid(0, 1, 3),
                grid(0, 1, 4), new double[11], null, null));
        assertThrows(InvalidInputException.class, () -> new PosteriorPlot2D("t", "a", "b", grid(0, 1, 2),
                grid(0, 1, 2), new double[4], null, null));
        assertThrows(NonFiniteValueException.class, () -> new PosteriorPlot2D("t", "a", "b", grid(0, 1, 2),
                grid(0, 1, 2), new double[] {1, Double.NaN, 1, 1}, null, null));
        assertThrows(InvalidInputException.class, () -> new PosteriorPlot2D("t", "a", "b", grid(0, 1, 2),
                grid(0, 1, 2), new double[] {1, 1, 1, 1}, new double[] {1.5}, null));
        assertThrows(DimensionMismatchException.class, () -> PosteriorPlot2D.of(GridPosterior.fromLogLikelihood(
                UniformBoxPrior.interval(0, 1), RegularGrid.of(0, 1, 5), List.of("a"), new double[5]), "t", null));
    }

    @Test
    void highestDensityThresholdsEncloseTheirCredibility() {
        double[] x = grid(-5, 5, 2001);
        double[] p = gaussian(x, 0, 1);
        double[] t = HpdThresholds.of(p, new double[] {0.6827, 0.9545});
        // for a standard normal the 68.27% and 95.45% HPD regions are |x| <= 1 and |x| <= 2
        StatisticalAssertions.assertRelativelyClose("68.27% HPD threshold = phi(1)", gaussian(new double[] {1}, 0, 1)[0],
                t[0], 0.01);
        StatisticalAssertions.assertRelativelyClose("95.45% HPD threshold = phi(2)", gaussian(new double[] {2}, 0, 1)[0],
                t[1], 0.02);
    }

    @Test
    void marchingSquaresTracesACircle() {
        double[] x = grid(-2, 2, 81);
        double[] f = new double[x.length * x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                f[i * x.length + j] = x[i] * x[i] + x[j] * x[j];
            }
        }
        MarchingSquares.Polyline p = MarchingSquares.contour(x, x, f, 1.0);
        double worst = 0;
        double length = 0;
        for (int k = 0; k < p.x().length; k += 3) {
            worst = Math.max(worst, Math.abs(Math.hypot(p.x()[k], p.y()[k]) - 1));
            length += Math.hypot(p.x()[k + 1] - p.x()[k], p.y()[k + 1] - p.y()[k]);
            assertTrue(Double.isNaN(p.y()[k + 2]), "segments are separated by NaN");
        }
        StatisticalAssertions.assertClose("largest distance of a contour point from the unit circle", 0, worst, 0.005);
        StatisticalAssertions.assertRelativelyClose("contour length", 2 * Math.PI, length, 0.01);
    }

    @Test
    void trainingCurvesRenderAndCheckTheirInput() throws Exception {
        double[] train = {1.0, 0.7, 0.5, 0.42, 0.4};
        double[] val = {1.1, 0.8, 0.6, 0.55, 0.56};
        BufferedImage img = render("training", f -> new TrainingCurvePlot("loss", "BCE", train, val, true)
                .writePng(f, SIZE));
        assertTrue(count(img, near(Charts.PALETTE.get(0), 30)) > 200, "training curve drawn");
        assertTrue(count(img, near(Charts.PALETTE.get(1), 30)) > 200, "validation curve drawn");
        render("training-linear", f -> new TrainingCurvePlot("loss", "NLL", new double[] {2, -1, -3}, null, false)
                .writePng(f, SIZE));
        assertThrows(DimensionMismatchException.class, () -> new TrainingCurvePlot("t", "l", train, new double[4], false));
        assertThrows(NonFiniteValueException.class, () -> new TrainingCurvePlot("t", "l",
                new double[] {1, Double.POSITIVE_INFINITY}, null, false));
        InvalidInputException log = assertThrows(InvalidInputException.class,
                () -> new TrainingCurvePlot("t", "l", new double[] {1, -0.5}, null, true));
        assertTrue(log.getMessage().contains("at epoch 2: expected a value > 0 for a logarithmic axis"), log.getMessage());
    }

    @Test
    void eigPlotsShowEstimatesWithErrorBarsAndTheGaussianProcessBand() throws Exception {
        double[] phi = {40, 50, 60, 70, 80};
        double[] eig = {0.2, 0.5, 0.9, 0.7, 0.3};
        double[] se = {0.05, 0.05, 0.08, 0.05, 0.04};
        double[] gp = grid(40, 80, 161);
        double[] mean = new double[gp.length];
        double[] sd = new double[gp.length];
        for (int i = 0; i < gp.length; i++) {
            mean[i] = 0.2 + 0.7 * Math.exp(-0.5 * Math.pow((gp[i] - 62) / 10, 2));
            sd[i] = 0.05 + 0.05 * Math.abs(Math.sin(gp[i] / 5));
        }
        BufferedImage img = render("eig", f -> new EigPlot("EIG", "sqrt_s", phi, eig, se, gp, mean, sd, 62.0)
                .writePng(f, SIZE));
        assertTrue(count(img, near(Charts.lighter(Charts.PALETTE.get(1), 0.75), 6)) > 3000, "GP band filled");
        assertTrue(count(img, near(Charts.PALETTE.get(1), 30)) > 200, "GP mean drawn");
        assertTrue(count(img, near(Charts.PALETTE.get(0), 30)) > 100, "estimates drawn");
        render("eig-no-gp", f -> new EigPlot("EIG", "sqrt_s", phi, eig, se, null, null, null, null).writePng(f, SIZE));

        assertThrows(DimensionMismatchException.class, () -> new EigPlot("t", "p", phi, new double[4], se, null, null,
                null, null));
        assertThrows(InvalidInputException.class, () -> new EigPlot("t", "p", phi, eig,
                new double[] {0.1, -0.1, 0.1, 0.1, 0.1}, null, null, null, null));
        assertThrows(InvalidInputException.class, () -> new EigPlot("t", "p", phi, eig, se, gp, mean, null, null));
        assertThrows(NonFiniteValueException.class, () -> new EigPlot("t", "p", phi,
                new double[] {0.2, Double.NaN, 0.9, 0.7, 0.3}, se, null, null, null, null));
    }
}
