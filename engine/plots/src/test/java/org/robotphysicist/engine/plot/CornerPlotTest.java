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
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * The corner plot of a 3-D Gaussian posterior with known means, widths and correlations: its
 * marginals reproduce them, and the figure has its panels where a corner plot has them.
 */
class CornerPlotTest {
    private static final double[] MEAN = {91.19, 2.50, 0.232};
    private static final double[] SD = {0.02, 0.05, 0.004};
    /** Correlation of components 0 and 1; component 2 is independent. */
    private static final double RHO = 0.6;
    private static final int POINTS = 31;

    @TempDir
    Path dir;

    /** log N(θ; MEAN, Σ) on a grid of ±5 sd per axis. */
    private static GridPosterior gaussian() {
        double[] lo = new double[3];
        double[] hi = new double[3];
        for (int d = 0; d < 3; d++) {
            lo[d] = MEAN[d] - 5 * SD[d];
            hi[d] = MEAN[d] + 5 * SD[d];
        }
        RegularGrid grid = new RegularGrid(lo, hi, new int[] {POINTS, POINTS, POINTS});
        double[] logLikelihood = new double[grid.size()];
        for (int k = 0; k < grid.size(); k++) {
            int[] idx = grid.multiIndex(k);
            double z0 = (grid.coordinate(0, idx[0]) - MEAN[0]) / SD[0];
            double z1 = (grid.coordinate(1, idx[1]) - MEAN[1]) / SD[1];
            double z2 = (grid.coordinate(2, idx[2]) - MEAN[2]) / SD[2];
            logLikelihood[k] = -0.5 * ((z0 * z0 - 2 * RHO * z0 * z1 + z1 * z1) / (1 - RHO * RHO) + z2 * z2);
        }
        return GridPosterior.fromLogLikelihood(new UniformBoxPrior(grid.bounds()), grid,
                List.of("M_Z", "Gamma_Z", "sin2_theta_eff"), logLikelihood);
    }

    private static CornerPlot plot() {
        return CornerPlot.of(gaussian(), CornerPlot.labels(List.of("M_Z", "Gamma_Z", "sin2_theta_eff"),
                List.of("GeV", "GeV", "")), "Posterior of the Z lineshape parameters", MEAN.clone(), 0.68, 0.95);
    }

    @Test
    void theMarginalsReproduceTheMeansWidthsAndCorrelations() {
        CornerPlot plot = plot();
        GridPosterior p = gaussian();
        for (int d = 0; d < 3; d++) {
            double[] x = p.grid().regular().orElseThrow().axis(d);
            double[] density = plot.marginalDensity(d);
            double h = x[1] - x[0];
            double mass = 0;
            double m1 = 0;
            double m2 = 0;
            for (int i = 0; i < x.length; i++) {
                mass += density[i] * h;
                m1 += density[i] * h * x[i];
                m2 += density[i] * h * x[i] * x[i];
            }
            double mean = m1 / mass;
            double sd = Math.sqrt(m2 / mass - mean * mean);
            assertEquals(1, mass, 1e-9, "marginal " + d + " integrates to 1");
            assertEquals(MEAN[d], mean, 1e-3 * SD[d], "marginal " + d + " mean");
            assertEquals(SD[d], sd, 0.01 * SD[d], "marginal " + d + " sd (grid of 1/3 sd spacing)");
        }
        assertEquals(RHO, correlation(plot, p, 0, 1), 0.01, "correlation of components 0 and 1");
        assertEquals(0, correlation(plot, p, 0, 2), 0.01, "correlation of components 0 and 2");
        assertEquals(0, correlation(plot, p, 1, 2), 0.01, "correlation of components 1 and 2");
    }

    private static double correlation(CornerPlot plot, GridPosterior p, int e, int d) {
        RegularGrid g = p.grid().regular().orElseThrow();
        double[] masses = plot.pairMasses(e, d);
        double se = 0;
        double sd = 0;
        double see = 0;
        double sdd = 0;
        double sed = 0;
        double total = 0;
        for (int i = 0; i < g.count(e); i++) {
            for (int j = 0; j < g.count(d); j++) {
                double w = masses[i * g.count(d) + j];
                double a = g.coordinate(e, i);
                double b = g.coordinate(d, j);
                total += w;
                se += w * a;
                sd += w * b;
                see += w * a * a;
                sdd += w * b * b;
                sed += w * a * b;
            }
        }
        assertEquals(1, total, 1e-9, "2-D marginal mass");
        double cov = sed - se * sd;
        return cov / Math.sqrt((see - se * se) * (sdd - sd * sd));
    }

    @Test
    void theFigureHasDiagonalAndLowerPanelsAndAnEmptyUpperTriangleBesidesTheKey() throws Exception {
        Path png = dir.resolve("sub").resolve("corner.png");
        plot().writePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        int w = CornerPlot.PANEL.width();
        int h = CornerPlot.PANEL.height();
        assertEquals(3 * w, img.getWidth(), "width");
        assertTrue(img.getHeight() > 3 * h, "height " + img.getHeight() + " holds three rows and a title");
        int top = img.getHeight() - 3 * h;
        assertTrue(nonWhiteFraction(img, 0, top, w, h) > 0.03, "diagonal panel (0, 0) drawn");
        assertTrue(nonWhiteFraction(img, 0, top + h, w, h) > 0.03, "lower panel (1, 0) drawn");
        assertTrue(nonWhiteFraction(img, w, top, w, h) == 0, "upper panel (0, 1) left empty");
        assertTrue(nonWhiteFraction(img, 2 * w, top, w, h) > 0.001, "the key in panel (0, 2)");
        Color contour68 = new Color(230, 159, 0);
        assertTrue(count(img, 0, top + 2 * h, w, h, contour68) > 20, "68% HPD contour in panel (2, 0)");
    }

    @Test
    void aBimodalMarginalIsShadedOverBothModesOnTheDiagonal() {
        // theta_0 has modes at -1 and +1 (masses 0.55, 0.45, sd 0.25); theta_1 ~ N(0, 1) independent
        RegularGrid g = new RegularGrid(new double[] {-2.5, -3}, new double[] {2.5, 3}, new int[] {101, 41});
        double[] logLikelihood = new double[g.size()];
        for (int k = 0; k < g.size(); k++) {
            int[] idx = g.multiIndex(k);
            double a = g.coordinate(0, idx[0]);
            double b = g.coordinate(1, idx[1]);
            double modes = 0.55 * Math.exp(-0.5 * Math.pow((a + 1) / 0.25, 2))
                    + 0.45 * Math.exp(-0.5 * Math.pow((a - 1) / 0.25, 2));
            logLikelihood[k] = Math.log(modes) - 0.5 * b * b;
        }
        GridPosterior p = GridPosterior.fromLogLikelihood(new UniformBoxPrior(g.bounds()), g, List.of("a", "b"),
                logLikelihood);
        CornerPlot plot = CornerPlot.of(p, List.of("a", "b"), "bimodal", null, 0.68, 0.95);
        CredibleRegion bimodal = plot.hpdRegion(0);
        assertEquals(2, bimodal.intervals().size(), "one shaded interval per mode: " + bimodal);
        assertTrue(bimodal.intervals().get(0).upper() < 0 && bimodal.intervals().get(1).lower() > 0,
                "the dip at 0 is not shaded: " + bimodal.intervals());
        assertEquals(1, plot.hpdRegion(1).intervals().size(), "the Gaussian marginal has one interval");
        double[] density = plot.marginalDensity(0);
        double mass = 0;
        for (double v : density) {
            mass += v * g.spacing(0);
        }
        assertEquals(1, mass, 1e-9, "the bimodal marginal's masses sum to 1");
    }

    @Test
    void aOneDimensionalPosteriorOrWrongLabelsAreRefused() {
        RegularGrid g = RegularGrid.of(0, 1, 11);
        GridPosterior one = GridPosterior.fromLogLikelihood(new UniformBoxPrior(g.bounds()), g, List.of("a"),
                new double[11]);
        assertThrows(DimensionMismatchException.class, () -> CornerPlot.of(one, List.of("a"), "t", null, 0.68));
        assertThrows(DimensionMismatchException.class, () -> CornerPlot.of(gaussian(), List.of("a", "b"), "t", null,
                0.68));
    }

    private static double nonWhiteFraction(BufferedImage img, int x0, int y0, int w, int h) {
        long n = 0;
        for (int x = x0; x < x0 + w; x++) {
            for (int y = y0; y < y0 + h; y++) {
                Color c = new Color(img.getRGB(x, y));
                if (c.getRed() < 245 || c.getGreen() < 245 || c.getBlue() < 245) {
                    n++;
                }
            }
        }
        return n / (double) (w * h);
    }

    private static long count(BufferedImage img, int x0, int y0, int w, int h, Color color) {
        long n = 0;
        for (int x = x0; x < x0 + w; x++) {
            for (int y = y0; y < y0 + h; y++) {
                if (img.getRGB(x, y) == color.getRGB()) {
                    n++;
                }
            }
        }
        return n;
    }
}
