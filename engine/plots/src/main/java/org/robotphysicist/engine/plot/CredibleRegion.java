package org.robotphysicist.engine.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.posterior.HpdComparison;
import org.robotphysicist.engine.posterior.Marginal;
import org.robotphysicist.engine.posterior.ThetaGrid;

/**
 * The region shaded under a one-dimensional posterior: the central interval, or the
 * highest-posterior-density (HPD) region {θ : p(θ) ≥ c} holding the same probability where the
 * two differ materially ({@link HpdComparison}: several disjoint intervals for a multimodal
 * posterior, or an end moved by more than 10% of the central width for a skewed one). A central
 * interval of a bimodal posterior straddles the dip between the modes; the HPD region does not.
 *
 * @param level            the probability content, in (0, 1)
 * @param highestDensity   true for an HPD region, false for the central interval
 * @param intervals        one or more disjoint intervals in ascending order
 */
public record CredibleRegion(double level, boolean highestDensity, List<PosteriorPlot1D.CredibleBand> intervals) {

    public CredibleRegion {
        if (intervals == null || intervals.isEmpty()) {
            throw new InvalidInputException("credible region: expected at least one interval but found none");
        }
        intervals = List.copyOf(intervals);
        for (int i = 0; i < intervals.size(); i++) {
            PosteriorPlot1D.CredibleBand b = intervals.get(i);
            if (Math.abs(b.level() - level) > 1e-12) {
                throw new InvalidInputException("credible region: expected every interval at level " + level
                        + " but found " + b.level() + " for interval " + i);
            }
            if (i > 0 && !(b.lower() >= intervals.get(i - 1).upper())) {
                throw new InvalidInputException("credible region: expected disjoint intervals in ascending order but"
                        + " found [" + intervals.get(i - 1).lower() + ", " + intervals.get(i - 1).upper() + "] before ["
                        + b.lower() + ", " + b.upper() + "]");
            }
        }
    }

    /** The central interval alone. */
    public static CredibleRegion central(CredibleInterval central) {
        return new CredibleRegion(central.level(), false,
                List.of(new PosteriorPlot1D.CredibleBand(central.level(), central.lower(), central.upper())));
    }

    /**
     * The HPD region where it differs materially from the central interval at the same level, else
     * the central interval.
     *
     * @param central the central interval
     * @param hpd     the HPD region at the same level, disjoint ascending intervals
     */
    public static CredibleRegion preferred(CredibleInterval central, List<CredibleInterval> hpd) {
        CredibleRegion region = HpdComparison.differsMaterially(central, hpd) ? hpd(hpd) : null;
        return region == null ? central(central) : region;
    }

    /**
     * An HPD region: its intervals of positive width, or {@code null} when none has any.
     *
     * @param hpd disjoint ascending intervals at one level (e.g. {@link Marginal#hpdRegion})
     */
    public static CredibleRegion hpd(List<CredibleInterval> hpd) {
        List<PosteriorPlot1D.CredibleBand> bands = new ArrayList<>(hpd.size());
        for (CredibleInterval c : hpd) {
            if (c.lower() < c.upper()) {
                bands.add(new PosteriorPlot1D.CredibleBand(c.level(), c.lower(), c.upper()));
            }
        }
        return bands.isEmpty() ? null : new CredibleRegion(bands.get(0).level(), true, bands);
    }

    /** {@link #preferred(CredibleInterval, List)} of a marginal's central interval and HPD region at {@code level}. */
    public static CredibleRegion preferred(Marginal marginal, double level) {
        return preferred(marginal.centralInterval(level), marginal.hpdRegion(level));
    }

    /**
     * {@link #preferred(CredibleInterval, List)} for a density tabulated on an evenly spaced grid
     * (midpoint cells of width h = x₁ − x₀, clipped to [x₀, x_last]), beside the central interval
     * already computed for it.
     *
     * @param x       G ≥ 2 evenly spaced, increasing grid points
     * @param density G non-negative densities with a positive sum
     * @param central the central interval (its parameter name and level are used)
     */
    public static CredibleRegion preferred(double[] x, double[] density, CredibleInterval central) {
        if (x.length < 2 || density.length != x.length) {
            throw new InvalidInputException("credible region: expected at least 2 grid points and one density per point"
                    + " but found " + x.length + " points and " + density.length + " densities");
        }
        ThetaGrid.AxisCells cells = ThetaGrid.of(RegularGrid.of(x[0], x[x.length - 1], x.length)).axisCells(0);
        double h = x[1] - x[0];
        double[] masses = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            masses[k] = density[k] * h;
        }
        Marginal m = new Marginal(central.parameter(), cells.values(), cells.edges(), masses, x[0], x[x.length - 1]);
        return preferred(central, m.hpdRegion(central.level()));
    }

    /** The intervals cut to [lo, hi], dropping those outside it; {@code null} when nothing is left. */
    public CredibleRegion clippedTo(double lo, double hi) {
        List<PosteriorPlot1D.CredibleBand> kept = new ArrayList<>();
        for (PosteriorPlot1D.CredibleBand b : intervals) {
            double a = Math.max(lo, b.lower());
            double c = Math.min(hi, b.upper());
            if (a < c) {
                kept.add(new PosteriorPlot1D.CredibleBand(level, a, c));
            }
        }
        return kept.isEmpty() ? null : new CredibleRegion(level, highestDensity, kept);
    }

    /** The legend entry: "68% central interval", "68% HPD region" or "68% HPD region (2 intervals)". */
    public String legend() {
        String name = String.format(Locale.ROOT, "%.0f%% %s", 100 * level,
                highestDensity ? "HPD region" : "central interval");
        return intervals.size() > 1 ? name + " (" + intervals.size() + " intervals)" : name;
    }
}
