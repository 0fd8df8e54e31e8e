package org.robotphysicist.engine.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.io.AtomicFiles;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * A corner plot of a D-dimensional posterior (D ≥ 2) on a regular grid: on the diagonal the 1-D
 * marginals p(θ_d | X) with their 68% highest-posterior-density region shaded (several disjoint
 * intervals for a multimodal marginal); below it, for each pair
 * d &gt; e, the 2-D marginal p(θ_e, θ_d | X) = Σ over the other components, as a heat map with its
 * highest-posterior-density regions at the given levels ({@link PosteriorPlot2D}); the true θ
 * where known. The panel top right lists the key and each component's posterior mean ± sd.
 *
 * <p>Marginals are sums of grid masses, so they are exact for the gridded posterior; densities
 * are masses divided by the grid spacing.
 */
public final class CornerPlot {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Pixels per panel. */
    public static final PlotSize PANEL = new PlotSize(400, 340);
    private static final int TITLE_HEIGHT = 44;

    private final String title;
    private final List<String> labels;
    private final double[][] axes;
    private final double[][] marginals;
    private final double[][][] pairs;
    private final double[] mean;
    private final double[] sd;
    private final CredibleRegion[] hpd;
    private final double[] levels;
    private final double[] truth;

    private CornerPlot(String title, List<String> labels, GridPosterior posterior, RegularGrid grid, double[] truth,
            double[] levels) {
        int d = grid.dim();
        this.title = title == null ? "" : title;
        this.labels = List.copyOf(labels);
        this.axes = new double[d][];
        this.marginals = new double[d][];
        this.hpd = new CredibleRegion[d];
        for (int k = 0; k < d; k++) {
            axes[k] = grid.axis(k);
            double[] mass = posterior.marginal(k);
            marginals[k] = new double[mass.length];
            for (int i = 0; i < mass.length; i++) {
                marginals[k][i] = mass[i] / grid.spacing(k);
            }
            CredibleRegion region = CredibleRegion.hpd(posterior.hpdRegion(k, 0.68));
            hpd[k] = region == null ? null : region.clippedTo(axes[k][0], axes[k][axes[k].length - 1]);
        }
        this.pairs = pairMarginals(posterior.probabilities(), grid);
        this.mean = posterior.mean();
        this.sd = posterior.standardDeviation();
        this.levels = levels.clone();
        this.truth = truth == null ? null : truth.clone();
    }

    /**
     * The corner plot of {@code posterior}.
     *
     * @param posterior a posterior on a regular grid of dimension D ≥ 2
     * @param labels    D axis labels, the parameter's name with its unit, e.g. {@code "M_Z (GeV)"}
     * @param title     the figure title
     * @param truth     the true θ (D values), or {@code null}
     * @param levels    credibility levels of the 2-D HPD regions, each in (0, 1), e.g. 0.68, 0.95
     */
    public static CornerPlot of(GridPosterior posterior, List<String> labels, String title, double[] truth,
            double... levels) {
        int d = posterior.dim();
        if (d < 2) {
            throw new DimensionMismatchException("corner plot: expected a posterior of at least 2 dimensions but found "
                    + d);
        }
        RegularGrid regular = posterior.grid().regular().orElseThrow(() -> new InvalidInputException(
                "corner plot: expected a posterior on a regular grid but found one on given points"));
        if (labels == null || labels.size() != d) {
            throw new DimensionMismatchException("corner plot labels: expected " + d + " but found "
                    + (labels == null ? "null" : labels.size()));
        }
        if (truth != null) {
            Require.finiteVector("true theta", truth, d);
        }
        for (double l : levels) {
            if (!(l > 0 && l < 1)) {
                throw new InvalidInputException("credibility levels: expected values in (0, 1) but found " + l);
            }
        }
        return new CornerPlot(title, labels, posterior, regular, truth, levels);
    }

    /**
     * Axis labels "name [unit]", or the bare name where the unit is "" (dimensionless or undeclared);
     * {@link org.robotphysicist.data.DisplayNames.Quantity#label()}.
     */
    public static List<String> labels(List<String> names, List<String> units) {
        return org.robotphysicist.data.DisplayNames.quantities(names, units).stream()
                .map(org.robotphysicist.data.DisplayNames.Quantity::label).toList();
    }

    /**
     * pairs[d][e] for d &gt; e: the 2-D marginal density over (θ_e, θ_d), index i·n_d + j at
     * (axis_e[i], axis_d[j]); the probabilities summed over all other components.
     */
    private static double[][][] pairMarginals(double[] probabilities, RegularGrid grid) {
        int d = grid.dim();
        double[][][] out = new double[d][d][];
        for (int a = 1; a < d; a++) {
            for (int b = 0; b < a; b++) {
                out[a][b] = new double[grid.count(b) * grid.count(a)];
            }
        }
        for (int k = 0; k < probabilities.length; k++) {
            int[] idx = grid.multiIndex(k);
            for (int a = 1; a < d; a++) {
                for (int b = 0; b < a; b++) {
                    out[a][b][idx[b] * grid.count(a) + idx[a]] += probabilities[k];
                }
            }
        }
        return out;
    }

    /** The 68% HPD region shaded on the diagonal panel of component {@code d}, or {@code null} when it is empty. */
    public CredibleRegion hpdRegion(int d) {
        return hpd[d];
    }

    /** The 1-D marginal density of component {@code d} on its grid axis (a copy). */
    public double[] marginalDensity(int d) {
        return marginals[d].clone();
    }

    /** The 2-D marginal masses of components (e, d), e &lt; d, index i·n_d + j (a copy). */
    public double[] pairMasses(int e, int d) {
        if (!(e < d && d < axes.length && e >= 0)) {
            throw new InvalidInputException("corner plot pair: expected 0 <= e < d < " + axes.length + " but found e = "
                    + e + ", d = " + d);
        }
        return pairs[d][e].clone();
    }

    /** The whole figure. */
    public BufferedImage image() {
        int d = axes.length;
        int w = PANEL.width();
        int h = PANEL.height();
        BufferedImage image = new BufferedImage(d * w, d * h + TITLE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        int tw = g.getFontMetrics().stringWidth(title);
        g.drawString(title, Math.max(8, (image.getWidth() - tw) / 2), 30);
        for (int row = 0; row < d; row++) {
            for (int col = 0; col <= row; col++) {
                XYChart chart = row == col ? diagonal(row) : offDiagonal(row, col);
                chart.getStyler().setLegendVisible(false).setChartTitleVisible(false);
                g.drawImage(BitmapEncoder.getBufferedImage(chart), col * w, TITLE_HEIGHT + row * h, null);
            }
        }
        drawKey(g, (d - 1) * w + 10, TITLE_HEIGHT + 24);
        g.dispose();
        return image;
    }

    private XYChart diagonal(int k) {
        return new PosteriorPlot1D("", labels.get(k), List.of(new Curve("marginal", axes[k], marginals[k])), hpd[k],
                truth == null ? null : truth[k]).chart(PANEL);
    }

    private XYChart offDiagonal(int row, int col) {
        double[] pairTruth = truth == null ? null : new double[] {truth[col], truth[row]};
        return new PosteriorPlot2D("", labels.get(col), labels.get(row), axes[col], axes[row], pairs[row][col], levels,
                pairTruth).chart(PANEL);
    }

    private void drawKey(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        List<String> lines = new ArrayList<>();
        lines.add("Diagonal: 1-D marginal density,");
        lines.add("  shaded 68% HPD region");
        StringBuilder contours = new StringBuilder("Below: 2-D marginal, HPD regions ");
        for (int l = 0; l < levels.length; l++) {
            contours.append(l == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.0f%%", 100 * levels[l]));
        }
        lines.add(contours.toString());
        lines.add("  (solid orange / dashed yellow), MAP (diamond)");
        if (truth != null) {
            lines.add("Black line, red cross: true value");
        }
        lines.add("");
        lines.add("Posterior mean +- sd:");
        for (int k = 0; k < axes.length; k++) {
            lines.add(String.format(Locale.ROOT, "  %s = %.5g +- %.3g", labels.get(k), mean[k], sd[k]));
        }
        g.setColor(Color.DARK_GRAY);
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), x, y + 20 * i);
        }
    }

    /** Renders the figure and writes it as a PNG to {@code path} (atomically; parent directories created). */
    public void writePng(Path path) {
        BufferedImage image = image();
        AtomicFiles.write(path, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new java.io.IOException("no PNG writer available");
            }
        });
    }
}
