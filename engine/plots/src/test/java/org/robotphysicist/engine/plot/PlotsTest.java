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
                new CredibleRegion(0.68, false, List.of(new PosteriorPlot1D.CredibleBand(0.68, lower, upper))), 0.2312);
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
                List.of(new Curve("c", x, new double[5])), new CredibleRegion(0.68, false,
                        List.of(new PosteriorPlot1D.CredibleBand(0.68, 0.5, 1.5))), null));
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
        BufferedImage img = render("training", f -> new TrainingCurvePlot("loss", "BCE", train, val, true, 4)
                .writePng(f, SIZE));
        assertTrue(count(img, near(Charts.PALETTE.get(0), 30)) > 200, "training curve drawn");
        assertTrue(count(img, near(Charts.PALETTE.get(1), 30)) > 200, "validation curve drawn");
        render("training-linear", f -> new TrainingCurvePlot("loss", "NLL", new double[] {2, -1, -3}, null, false, 3)
                .writePng(f, SIZE));
        assertThrows(DimensionMismatchException.class, () -> new TrainingCurvePlot("t", "l", train, new double[4], false,
                0));
        assertThrows(NonFiniteValueException.class, () -> new TrainingCurvePlot("t", "l",
                new double[] {1, Double.POSITIVE_INFINITY}, null, false, 0));
        InvalidInputException log = assertThrows(InvalidInputException.class,
                () -> new TrainingCurvePlot("t", "l", new double[] {1, -0.5}, null, true, 0));
        assertTrue(log.getMessage().contains("at epoch 2: expected a value > 0 for a logarithmic axis"), log.getMessage());
        InvalidInputException kept = assertThrows(InvalidInputException.class,
                () -> new TrainingCurvePlot("t", "l", train, val, false, 6));
        assertTrue(kept.getMessage().contains("an epoch in [1, 5] but found 6"), kept.getMessage());
    }

    @Test
    void aTrainingCurveShowsTheValidationLossAndMarksTheKeptEpoch() {
        double[] train = {1.0, 0.7, 0.5, 0.42, 0.4};
        double[] val = {1.1, 0.8, 0.6, 0.55, 0.56};
        var chart = new TrainingCurvePlot("loss", "BCE", train, val, false, 4).chart(SIZE);
        assertTrue(java.util.Arrays.equals(val, chart.getSeriesMap().get("validation loss").getYData()),
                "validation series holds the validation losses: " + chart.getSeriesMap().keySet());
        assertTrue(java.util.Arrays.equals(train, chart.getSeriesMap().get("training loss").getYData()),
                "training series holds the training losses");
        double[] marker = new TrainingCurvePlot("loss", "BCE", train, val, false, 4).keptMarker();
        assertEquals(4, marker[0], 0, "kept epoch marked");
        assertEquals(0.55, marker[1], 0, "marked at the kept epoch's validation loss");
        assertTrue(chart.getSeriesMap().keySet().stream().anyMatch(k -> k.startsWith("kept: epoch 4 (validation loss"
                + " 0.55")), "legend names the kept epoch: " + chart.getSeriesMap().keySet());
        assertEquals(0.4, new TrainingCurvePlot("l", "NLL", train, null, false, 5).keptMarker()[1], 0,
                "without validation the kept epoch is marked on the training loss");
    }

    /** Two Gaussian modes at 0.215 and 0.295 (sd 0.012) with masses 0.6 and 0.4: a dip between them. */
    private static double[] bimodal(double[] x) {
        double[] a = gaussian(x, 0.215, 0.012);
        double[] b = gaussian(x, 0.295, 0.012);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 0.6 * a[i] + 0.4 * b[i];
        }
        return y;
    }

    @Test
    void aBimodalPosteriorIsShadedOverItsHighestDensityRegionNotTheDip() {
        double[] x = grid(0.15, 0.35, 401);
        double[] y = bimodal(x);
        org.robotphysicist.engine.posterior.CredibleInterval central = onGrid(x, y).centralInterval(0, 0.68);
        CredibleRegion region = CredibleRegion.preferred(x, y, central);
        assertTrue(region.highestDensity(), "a bimodal posterior is shaded by its HPD region: " + region);
        assertEquals(2, region.intervals().size(), "one interval per mode: " + region);
        assertEquals("68% HPD region (2 intervals)", region.legend());
        double[] modes = {0.215, 0.295};
        double mass = 0;
        for (int k = 0; k < 2; k++) {
            PosteriorPlot1D.CredibleBand b = region.intervals().get(k);
            assertTrue(b.lower() < modes[k] && b.upper() > modes[k], "interval " + k + " " + b + " holds the mode at "
                    + modes[k]);
            mass += integral(x, y, b.lower(), b.upper());
        }
        double dip = 0.255;
        assertTrue(region.intervals().get(0).upper() < dip && region.intervals().get(1).lower() > dip,
                "the dip at " + dip + " is not shaded: " + region.intervals());
        assertTrue(central.lower() < dip && central.upper() > dip, "the central interval straddles the dip: " + central);
        StatisticalAssertions.assertClose("probability inside the shaded intervals", 0.68, mass, 0.005);

        PosteriorPlot1D plot = new PosteriorPlot1D("t", "s", List.of(new Curve("c", x, y)), region, null);
        List<double[][]> areas = plot.shadedAreas();
        assertEquals(2, areas.size(), "one shaded area per interval");
        for (int k = 0; k < 2; k++) {
            double[] ax = areas.get(k)[0];
            assertEquals(region.intervals().get(k).lower(), ax[0], 0, "area " + k + " starts at its interval");
            assertEquals(region.intervals().get(k).upper(), ax[ax.length - 1], 0, "area " + k + " ends at its interval");
        }
        var chart = plot.chart(SIZE);
        assertTrue(chart.getSeriesMap().containsKey("68% HPD region (2 intervals)"), "legend: " + chart.getSeriesMap()
                .keySet());

        double[] single = gaussian(x, 0.25, 0.02);
        CredibleRegion unimodal = CredibleRegion.preferred(x, single, onGrid(x, single).centralInterval(0, 0.68));
        assertTrue(!unimodal.highestDensity() && unimodal.intervals().size() == 1,
                "a symmetric unimodal posterior keeps its central interval: " + unimodal);
        assertEquals("68% central interval", unimodal.legend());
    }

    /** The posterior with density ∝ y on the evenly spaced grid x (uniform prior over [x₀, x_last]). */
    private static GridPosterior onGrid(double[] x, double[] y) {
        double[] log = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            log[i] = Math.log(y[i]);
        }
        return GridPosterior.fromLogLikelihood(UniformBoxPrior.interval(x[0], x[x.length - 1]),
                RegularGrid.of(x[0], x[x.length - 1], x.length), List.of("s"), log);
    }

    /** ∫ y over [a, b] by the trapezoid rule on a fine resampling of the curve, relative to ∫ y over the grid. */
    private static double integral(double[] x, double[] y, double a, double b) {
        Curve c = new Curve("c", x, y);
        int n = 4000;
        double inside = 0;
        for (int i = 0; i < n; i++) {
            double u = a + (b - a) * (i + 0.5) / n;
            inside += c.interpolate(u) * (b - a) / n;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double u = x[0] + (x[x.length - 1] - x[0]) * (i + 0.5) / n;
            total += c.interpolate(u) * (x[x.length - 1] - x[0]) / n;
        }
        return inside / total;
    }

    @Test
    void tickLabelsOfOneAxisShareTheirNumberOfDecimals() {
        int d = Charts.tickDecimals(-0.05, 0.3);
        assertEquals("-0.05", Charts.tickLabel(-0.05, d));
        assertEquals("0.05", Charts.tickLabel(0.05, d));
        assertEquals("0.10", Charts.tickLabel(0.1, d), "0.1 beside 0.05 has as many decimals");
        assertEquals("0.00", Charts.tickLabel(-1e-17, d), "no negative zero");
        assertEquals(0, Charts.tickDecimals(40, 100), "sqrt(s) in GeV: whole numbers");
        assertEquals("0.195", Charts.tickLabel(0.195, Charts.tickDecimals(0.19, 0.24)), "a 0.005 step is shown");
        for (double[] span : new double[][] {{0, 0.35}, {0.15, 0.35}, {-3, 3}, {0, 47}, {88, 94}, {0.2, 0.26}}) {
            int dec = Charts.tickDecimals(span[0], span[1]);
            // the finest step XChart may choose for the span: 1, 2 or 5 times a power of ten, >= span / 20
            double hint = (span[1] - span[0]) / 20;
            double step = Math.pow(10, Math.floor(Math.log10(hint)));
            step = hint <= step ? step : hint <= 2 * step ? 2 * step : hint <= 5 * step ? 5 * step : 10 * step;
            double shown = Double.parseDouble(Charts.tickLabel(span[0] + 3 * step, dec));
            assertEquals(span[0] + 3 * step, shown, 1e-9, "tick " + (span[0] + 3 * step) + " shown exactly with " + dec
                    + " decimals on [" + span[0] + ", " + span[1] + "]");
        }
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
        // the band is drawn from one point per GP grid point (no steps) and never below zero
        double[] dipping = new double[gp.length];
        for (int i = 0; i < gp.length; i++) {
            dipping[i] = 0.1 + 0.2 * Math.abs(Math.sin(gp[i] / 5));
        }
        EigPlot clipped = new EigPlot("EIG", "sqrt_s", phi, eig, se, gp, mean, dipping, 62.0);
        double[][] band = clipped.gpBand();
        assertEquals(gp.length, band[0].length, "one lower point per GP grid point");
        int clippedPoints = 0;
        for (int i = 0; i < gp.length; i++) {
            assertTrue(band[0][i] >= 0 && band[1][i] >= band[0][i], "band at " + gp[i] + ": [" + band[0][i] + ", "
                    + band[1][i] + "]");
            assertEquals(Math.max(0, mean[i] + 2 * dipping[i]), band[1][i], 1e-15, "upper edge at " + gp[i]);
            clippedPoints += mean[i] - 2 * dipping[i] < 0 ? 1 : 0;
        }
        assertTrue(clippedPoints > 10, "the test's GP band reaches below zero at " + clippedPoints + " points");
        var polygon = clipped.chart(SIZE).getSeriesMap().get("GP mean \u00b1 2 sd (clipped at 0)");
        assertEquals(2 * gp.length, polygon.getXData().length, "the band is one polygon through every GP point");
        for (int i = 1; i < gp.length; i++) {
            assertTrue(polygon.getXData()[i] > polygon.getXData()[i - 1], "the upper edge runs left to right without"
                    + " repeated x (a staircase repeats x): " + polygon.getXData()[i - 1] + ", " + polygon.getXData()[i]);
        }
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
