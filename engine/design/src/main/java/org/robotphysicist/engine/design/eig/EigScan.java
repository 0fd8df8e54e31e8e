package org.robotphysicist.engine.design.eig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * The baseline way of choosing φ: estimate EIG at every point of a regular φ grid and take the
 * largest estimate. Costs one EIG estimate per grid point; {@link EigSearch} reaches the same
 * optimum with far fewer.
 *
 * @param estimates one estimate per grid point, in the grid's order
 */
public record EigScan(List<EigEstimate> estimates) {

    public EigScan {
        estimates = List.copyOf(estimates);
        if (estimates.isEmpty()) {
            throw new InvalidInputException("EIG scan: expected at least one estimate but found none");
        }
    }

    /**
     * Scans {@code phiGrid}. With {@code commonRandomNumbers} every estimate uses
     * {@code new SplittableRandom(eigSeed)} (the same θ draws and uniforms at every φ); otherwise
     * estimate i uses the i-th split of that stream.
     */
    public static EigScan run(ExpectedInformationGain eig, Prior prior, RegularGrid phiGrid, long eigSeed,
            boolean commonRandomNumbers, Progress progress) {
        GridPosterior priorOnGrid = eig.priorOnGrid(prior);
        Matrix points = phiGrid.points();
        SplittableRandom streams = new SplittableRandom(eigSeed);
        List<EigEstimate> out = new ArrayList<>();
        for (int i = 0; i < points.rows(); i++) {
            SplittableRandom rng = commonRandomNumbers ? new SplittableRandom(eigSeed) : streams.split();
            out.add(eig.estimate(priorOnGrid, prior, points.row(i), rng));
            progress.advance(1);
        }
        return new EigScan(out);
    }

    /** The largest estimate (the first of ties). */
    public EigEstimate best() {
        EigEstimate best = estimates.get(0);
        for (EigEstimate e : estimates) {
            if (e.value() > best.value()) {
                best = e;
            }
        }
        return best;
    }

    /** Number of EIG estimates spent. */
    public int evaluations() {
        return estimates.size();
    }
}
