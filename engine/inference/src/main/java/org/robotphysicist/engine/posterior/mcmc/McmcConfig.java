package org.robotphysicist.engine.posterior.mcmc;

import org.robotphysicist.data.InvalidInputException;

/**
 * Settings of the many-chain adaptive Metropolis sampler.
 *
 * @param chains           K parallel chains (≥ 4, so that split-R̂ compares ≥ 8 half-chains)
 * @param warmup           adaptation iterations per chain, discarded (≥ 0; 0 keeps the initial
 *                         proposal)
 * @param draws            kept draws per chain (≥ 4)
 * @param thin             iterations per kept draw (≥ 1)
 * @param targetAcceptance the acceptance rate the step size is tuned to, in (0, 1); 0 picks the
 *                         optimal rate for random-walk Metropolis by dimension: 0.44 in 1-D,
 *                         falling to 0.234 from 5-D on (Roberts, Gelman and Gilks 1997)
 */
public record McmcConfig(int chains, int warmup, int draws, int thin, double targetAcceptance) {

    public McmcConfig {
        if (chains < 4) {
            throw new InvalidInputException("chains: expected at least 4 but found " + chains);
        }
        if (warmup < 0) {
            throw new InvalidInputException("warmup: expected a count >= 0 but found " + warmup);
        }
        if (draws < 4) {
            throw new InvalidInputException("draws per chain: expected at least 4 but found " + draws);
        }
        if (thin < 1) {
            throw new InvalidInputException("thin: expected a count >= 1 but found " + thin);
        }
        if (!(targetAcceptance == 0 || (targetAcceptance > 0 && targetAcceptance < 1))) {
            throw new InvalidInputException("target acceptance: expected 0 (automatic) or a value in (0, 1) but found "
                    + targetAcceptance);
        }
    }

    /** 32 chains, 1000 warm-up iterations, 2000 draws each, no thinning, automatic acceptance target. */
    public static McmcConfig defaults() {
        return new McmcConfig(32, 1000, 2000, 1, 0);
    }

    /** The acceptance target for a D-dimensional problem. */
    public double targetAcceptance(int dim) {
        if (targetAcceptance > 0) {
            return targetAcceptance;
        }
        return dim >= 5 ? 0.234 : 0.44 - (0.44 - 0.234) * (dim - 1) / 4.0;
    }
}
