package org.robotphysicist.engine.posterior.sampling;

import java.util.Locale;
import org.robotphysicist.data.InvalidInputException;

/**
 * How a posterior is realized: on a regular θ grid, by many-chain MCMC, or chosen automatically
 * ({@link #resolve}): the grid for D<sub>θ</sub> ≤ {@value #MAX_GRID_DIMENSION} when the grid fits
 * the grid-size limit, MCMC beyond.
 */
public enum SamplerChoice {
    AUTO, GRID, MCMC;

    /** The largest θ dimension the automatic choice puts on a grid. */
    public static final int MAX_GRID_DIMENSION = 3;

    /**
     * {@code auto}, {@code grid} or {@code mcmc} (any case).
     *
     * @throws InvalidInputException naming the accepted values and what was found
     */
    public static SamplerChoice parse(String name) {
        if (name != null) {
            for (SamplerChoice c : values()) {
                if (c.name().equalsIgnoreCase(name.trim())) {
                    return c;
                }
            }
        }
        throw new InvalidInputException("sampler: expected one of auto, grid, mcmc but found '" + name + "'");
    }

    /**
     * GRID or MCMC: this choice when it is not AUTO, else GRID when {@code thetaDim} ≤
     * {@value #MAX_GRID_DIMENSION} and {@code gridFits} (the grid stays within its size limit).
     */
    public SamplerChoice resolve(int thetaDim, boolean gridFits) {
        if (this != AUTO) {
            return this;
        }
        return thetaDim <= MAX_GRID_DIMENSION && gridFits ? GRID : MCMC;
    }

    /** The lower-case name used on the command line, in JSON and in requests. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
