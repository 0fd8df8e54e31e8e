package org.robotphysicist.models.histogram;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.robotphysicist.data.BoundingBox;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.models.FixedDomainSurrogate;
import org.robotphysicist.models.SurrogateArguments;
import org.robotphysicist.models.SurrogateDomain;

/**
 * The baseline surrogate every network must beat: for each cell of a regular (θ, φ) grid, a
 * normalized histogram of simulated events.
 *
 * <p><b>Density in a cell.</b> With n events per cell, B bins of volume V and pseudo-count α,
 * bin b has density p̂<sub>c</sub>(b) = (n<sub>b</sub> + α)/((n + αB)·V); x outside the binned
 * box gets the empty-bin density α/((n + αB)·V).
 *
 * <p><b>Between cells.</b> At a (θ, φ) between grid points the density is the multilinear
 * interpolation of the surrounding cells' densities,
 * p̂(x | θ, φ) = Σ<sub>c</sub> w<sub>c</sub>(θ, φ) · p̂<sub>c</sub>(x), with weights from
 * {@link RegularGrid#stencil}. The weights are non-negative and sum to one, so the interpolant
 * is itself a normalized density (a mixture), and it equals the cell histogram on grid points.
 * Outside the grid the surrogate refuses to extrapolate.
 *
 * <p><b>Smoothing in θ.</b> With {@link HistogramConfig#thetaSmoothing()} = h &gt; 0, every bin's
 * density is smoothed along each θ axis of at least 2h + 1 cells by a local quadratic fit over
 * 2h + 1 cells ({@link LocalQuadraticSmoother}; shorter axes are left as tabulated), floored at
 * the empty-bin density and renormalized per cell, before interpolation. φ is never smoothed: physics may change sharply with a setting
 * (a resonance), and each φ cell is tabulated on its own.
 */
public final class HistogramSurrogate implements FixedDomainSurrogate {
    private final SurrogateDomain domain;
    private final RegularGrid thetaGrid;
    private final RegularGrid phiGrid;
    private final RegularGrid cellGrid;
    private final XBinning binning;
    private final HistogramConfig config;
    private final double[][] density;
    private final double emptyBinDensity;

    private HistogramSurrogate(Dimensions dims, RegularGrid thetaGrid, RegularGrid phiGrid, XBinning binning,
            HistogramConfig config, double[][] density) {
        this.domain = new SurrogateDomain(dims, thetaGrid.bounds(), phiGrid.bounds());
        this.thetaGrid = thetaGrid;
        this.phiGrid = phiGrid;
        this.cellGrid = concat(thetaGrid, phiGrid);
        this.binning = binning;
        this.config = config;
        this.density = density;
        this.emptyBinDensity = config.pseudoCount()
                / ((config.eventsPerCell() + config.pseudoCount() * binning.totalBins()) * binning.binVolume());
    }

    /**
     * Tabulates the surrogate: simulates {@code config.eventsPerCell()} events in every cell of
     * θ-grid × φ-grid (cells in parallel) and bins them.
     */
    public static HistogramSurrogate build(Simulator simulator, RegularGrid thetaGrid, RegularGrid phiGrid,
            HistogramConfig config, SplittableRandom rng) {
        return build(simulator, thetaGrid, phiGrid, config, rng, Progress.none());
    }

    /**
     * As {@link #build(Simulator, RegularGrid, RegularGrid, HistogramConfig, SplittableRandom)},
     * reporting one unit of {@code progress} per finished cell (the caller closes it).
     */
    public static HistogramSurrogate build(Simulator simulator, RegularGrid thetaGrid, RegularGrid phiGrid,
            HistogramConfig config, SplittableRandom rng, Progress progress) {
        Dimensions dims = simulator.dimensions();
        if (thetaGrid.dim() != dims.thetaDim() || phiGrid.dim() != dims.phiDim()) {
            throw new org.robotphysicist.data.DimensionMismatchException("histogram grids: expected theta and phi grids of"
                    + " dimension " + dims.thetaDim() + " and " + dims.phiDim() + " but found " + thetaGrid.dim()
                    + " and " + phiGrid.dim());
        }
        if (!thetaGrid.bounds().within(simulator.thetaDomain()) || !phiGrid.bounds().within(simulator.phiDomain())) {
            throw new org.robotphysicist.data.OutOfSupportException("histogram grids: expected grids inside the simulator's"
                    + " domains " + simulator.thetaDomain() + " and " + simulator.phiDomain() + " but found "
                    + thetaGrid.bounds() + " and " + phiGrid.bounds());
        }
        RegularGrid cells = concat(thetaGrid, phiGrid);
        Matrix points = cells.points();
        int nCells = points.rows();
        int n = config.eventsPerCell();
        int dx = dims.xDim();
        long sharedSeed = rng.nextLong();
        SplittableRandom[] streams = new SplittableRandom[nCells];
        for (int c = 0; c < nCells; c++) {
            streams[c] = config.commonRandomNumbers() ? new SplittableRandom(sharedSeed) : rng.split();
        }
        int dt = dims.thetaDim();
        Box range = config.xRange() != null ? config.xRange()
                : simulator.xSupport().isBounded() ? simulator.xSupport()
                : pilotRange(simulator, points, dt, Math.max(1000, n / 100), rng.split());
        XBinning binning = new XBinning(range, config.binsPerDimension());
        int bins = binning.totalBins();
        double norm = (n + config.pseudoCount() * bins) * binning.binVolume();
        double[][] density = new double[nCells][];
        IntStream.range(0, nCells).parallel().forEach(c -> {
            double[] point = points.row(c);
            double[] events = simulator.simulate(Arrays.copyOfRange(point, 0, dt),
                    Arrays.copyOfRange(point, dt, point.length), n, streams[c]).toArray();
            double[] counts = new double[bins];
            for (int i = 0; i < n; i++) {
                int b = binning.binOf(events, i * dx);
                if (b >= 0) {
                    counts[b]++;
                }
            }
            for (int b = 0; b < bins; b++) {
                counts[b] = (counts[b] + config.pseudoCount()) / norm;
            }
            density[c] = counts;
            progress.advance(1);
        });
        if (config.thetaSmoothing() > 0) {
            smoothAlongTheta(density, cells, dt, config.thetaSmoothing(), config.pseudoCount() / norm,
                    binning.binVolume());
        }
        return new HistogramSurrogate(dims, thetaGrid, phiGrid, binning, config, density);
    }

    /**
     * Smooths every bin's density along each of the first {@code thetaDim} axes of the cell grid
     * (axes of fewer than 2h + 1 cells are left as tabulated), then floors each density at
     * {@code floor} and renormalizes every cell to integrate to one over the binned box (bins of
     * volume {@code binVolume}).
     */
    private static void smoothAlongTheta(double[][] density, RegularGrid cells, int thetaDim, int halfWidth,
            double floor, double binVolume) {
        int bins = density[0].length;
        for (int d = 0; d < thetaDim; d++) {
            int n = cells.count(d);
            if (!LocalQuadraticSmoother.fits(n, halfWidth)) {
                continue;
            }
            LocalQuadraticSmoother smoother = new LocalQuadraticSmoother(n, halfWidth);
            int stride = 1;
            for (int k = d + 1; k < cells.dim(); k++) {
                stride *= cells.count(k);
            }
            double[] line = new double[n];
            for (int first = 0; first < cells.size(); first++) {
                if ((first / stride) % n != 0) {
                    continue; // not the first cell of a line along axis d
                }
                for (int b = 0; b < bins; b++) {
                    for (int i = 0; i < n; i++) {
                        line[i] = density[first + i * stride][b];
                    }
                    double[] smoothed = smoother.smooth(line);
                    for (int i = 0; i < n; i++) {
                        density[first + i * stride][b] = smoothed[i];
                    }
                }
            }
        }
        for (double[] cell : density) {
            double total = 0;
            for (int b = 0; b < bins; b++) {
                cell[b] = Math.max(cell[b], floor);
                total += cell[b];
            }
            double scale = 1 / (total * binVolume);
            for (int b = 0; b < bins; b++) {
                cell[b] *= scale;
            }
        }
    }

    /**
     * The x box of a pilot run ({@code pilotEvents} per cell, independent streams), widened by 5%
     * of its width on each side: the binned range for simulators with unbounded x.
     */
    private static Box pilotRange(Simulator simulator, Matrix points, int dt, int pilotEvents, SplittableRandom rng) {
        int dx = simulator.dimensions().xDim();
        BoundingBox pilots = new BoundingBox(dx);
        for (int c = 0; c < points.rows(); c++) {
            double[] point = points.row(c);
            pilots.add(simulator.simulate(Arrays.copyOfRange(point, 0, dt), Arrays.copyOfRange(point, dt,
                    point.length), pilotEvents, rng.split()));
        }
        double[] lo = pilots.lower();
        double[] hi = pilots.upper();
        for (int d = 0; d < dx; d++) {
            double pad = 0.05 * Math.max(hi[d] - lo[d], 1e-12);
            lo[d] -= pad;
            hi[d] += pad;
        }
        return new Box(lo, hi);
    }

    private static RegularGrid concat(RegularGrid a, RegularGrid b) {
        double[] lo = new double[a.dim() + b.dim()];
        double[] hi = new double[lo.length];
        int[] counts = new int[lo.length];
        System.arraycopy(a.lower(), 0, lo, 0, a.dim());
        System.arraycopy(b.lower(), 0, lo, a.dim(), b.dim());
        System.arraycopy(a.upper(), 0, hi, 0, a.dim());
        System.arraycopy(b.upper(), 0, hi, a.dim(), b.dim());
        System.arraycopy(a.counts(), 0, counts, 0, a.dim());
        System.arraycopy(b.counts(), 0, counts, a.dim(), b.dim());
        return new RegularGrid(lo, hi, counts);
    }

    public HistogramConfig config() {
        return config;
    }

    /** The binned x box. */
    public Box xRange() {
        return binning.range();
    }

    public RegularGrid thetaGrid() {
        return thetaGrid;
    }

    public RegularGrid phiGrid() {
        return phiGrid;
    }

    /** Its dimensions, and the bounds of its θ and φ grids as the ranges it is valid on. */
    @Override
    public SurrogateDomain domain() {
        return domain;
    }

    @Override
    public boolean isNormalized() {
        return true;
    }

    @Override
    public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
        SurrogateArguments.requireRowAligned(this, x, theta, phi);
        Dimensions dims = dimensions();
        double[] xs = x.toArray();
        double[] out = new double[x.rows()];
        double[] point = new double[cellGrid.dim()];
        for (int r = 0; r < out.length; r++) {
            theta.copyRow(r, point);
            System.arraycopy(phi.row(r), 0, point, dims.thetaDim(), dims.phiDim());
            RegularGrid.Stencil s = cellGrid.stencil(point);
            out[r] = Math.log(mixtureDensity(s, binning.binOf(xs, r * dims.xDim())));
        }
        return out;
    }

    /** Shares the bin lookup of each event across all grid points; grid points run in parallel. */
    @Override
    public double[] summedLogLikelihood(Matrix events, Matrix thetaGrid, double[] phi) {
        SurrogateArguments.requireGridCall(this, events, thetaGrid, phi);
        Dimensions dims = dimensions();
        double[] xs = events.toArray();
        int n = events.rows();
        int[] bin = new int[n];
        for (int i = 0; i < n; i++) {
            bin[i] = binning.binOf(xs, i * dims.xDim());
        }
        double[] out = new double[thetaGrid.rows()];
        IntStream.range(0, out.length).parallel().forEach(j -> {
            double[] point = new double[cellGrid.dim()];
            thetaGrid.copyRow(j, point);
            System.arraycopy(phi, 0, point, dims.thetaDim(), dims.phiDim());
            RegularGrid.Stencil s = cellGrid.stencil(point);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.log(mixtureDensity(s, bin[i]));
            }
            out[j] = sum;
        });
        return out;
    }

    private double mixtureDensity(RegularGrid.Stencil s, int bin) {
        if (bin < 0) {
            return emptyBinDensity;
        }
        double p = 0;
        int[] idx = s.indices();
        double[] w = s.weights();
        for (int c = 0; c < idx.length; c++) {
            if (w[c] != 0) {
                p += w[c] * density[idx[c]][bin];
            }
        }
        return p;
    }
}
