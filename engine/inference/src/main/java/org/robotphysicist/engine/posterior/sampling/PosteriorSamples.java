package org.robotphysicist.engine.posterior.sampling;

import java.util.List;
import java.util.Objects;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;

/**
 * Draws from a posterior, (N, D<sub>θ</sub>), with how they were made. Grid draws are independent;
 * MCMC draws are correlated within a chain, and {@code mcmc} carries R̂ and ESS to judge them by.
 * Immutable.
 *
 * @param parameters θ component names, length D<sub>θ</sub>
 * @param draws      (N, D<sub>θ</sub>), N ≥ 1, all finite
 * @param sampler    {@link SamplerChoice#GRID} or {@link SamplerChoice#MCMC}
 * @param mcmc       the run's diagnostics (null for grid draws)
 */
public record PosteriorSamples(List<String> parameters, Matrix draws, SamplerChoice sampler, McmcDiagnostics mcmc) {

    public PosteriorSamples {
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(draws, "draws");
        if (draws.cols() != parameters.size()) {
            throw new DimensionMismatchException("posterior samples: expected " + parameters.size() + " columns "
                    + parameters + " but found " + draws.cols());
        }
        draws.requireNonEmpty("posterior samples");
        if (sampler != SamplerChoice.GRID && sampler != SamplerChoice.MCMC) {
            throw new InvalidInputException("posterior samples: expected sampler grid or mcmc but found " + sampler);
        }
        if ((sampler == SamplerChoice.MCMC) != (mcmc != null)) {
            throw new InvalidInputException("posterior samples: expected MCMC diagnostics exactly for MCMC draws but"
                    + " found sampler " + sampler + (mcmc == null ? " without" : " with") + " diagnostics");
        }
    }

    /** N. */
    public int size() {
        return draws.rows();
    }

    /** Warnings about the draws' quality (MCMC convergence); empty for grid draws. */
    public List<String> warnings() {
        return mcmc == null ? List.of() : mcmc.warnings();
    }

    /** The draws as N rows, for JSON. */
    public double[][] rows() {
        double[][] out = new double[draws.rows()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = draws.row(i);
        }
        return out;
    }
}
