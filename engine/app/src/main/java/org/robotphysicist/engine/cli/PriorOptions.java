package org.robotphysicist.engine.cli;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.prior.NormalPrior;
import org.robotphysicist.data.prior.Prior;
import org.robotphysicist.data.prior.UniformBoxPrior;
import picocli.CommandLine;

/** Parses the θ prior given on the command line: a uniform box (LO,HI per component) or a normal (MEAN,SD). */
final class PriorOptions {
    private PriorOptions() {
    }

    /**
     * The uniform prior over {@code box} (default: the bounded {@code domain}) or, when
     * {@code normal} is given, independent normals N(MEAN, SD²) per component (untruncated: training
     * and the posterior grid then span MEAN ± 5 SD inside {@code domain}, see
     * {@link org.robotphysicist.engine.surrogate.PriorRange}); at most one of the two.
     */
    static Prior parse(CommandLine commandLine, String boxOption, double[] box, String normalOption, double[] normal,
            Box domain) {
        if (box != null && normal != null) {
            throw new CommandLine.ParameterException(commandLine, "expected at most one of " + boxOption + " LO,HI or "
                    + normalOption + " MEAN,SD but found both");
        }
        if (normal == null) {
            return new UniformBoxPrior(BoxOptions.parse(boxOption, box, domain));
        }
        int dim = domain.dim();
        if (normal.length != 2 * dim) {
            throw new InvalidInputException(normalOption + ": expected " + 2 * dim + " values (MEAN,SD for each of "
                    + dim + " components) but found " + normal.length);
        }
        double[] mean = new double[dim];
        double[] sd = new double[dim];
        for (int d = 0; d < dim; d++) {
            mean[d] = normal[2 * d];
            sd[d] = normal[2 * d + 1];
            if (!(sd[d] > 0) || !Double.isFinite(sd[d]) || !Double.isFinite(mean[d])) {
                throw new InvalidInputException(normalOption + " component " + d + ": expected a finite MEAN and a"
                        + " finite SD > 0 but found " + mean[d] + "," + sd[d]);
            }
        }
        return new NormalPrior(mean, sd);
    }
}
