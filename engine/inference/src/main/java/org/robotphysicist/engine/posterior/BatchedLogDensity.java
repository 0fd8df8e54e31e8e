package org.robotphysicist.engine.posterior;

import java.util.ArrayList;
import java.util.List;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;

/**
 * An unnormalized log-density over D parameters evaluated for K points in one call — the
 * interface a many-chain sampler needs, so that all chains' proposals cost one batched
 * evaluation per step. A surrogate-backed posterior ({@link SurrogatePosterior}) implements it.
 */
public interface BatchedLogDensity {

    /** D. */
    int dim();

    /** Where the density may be positive; −∞ is returned outside. */
    Box support();

    /**
     * log π(θ<sub>k</sub>) + const for every row.
     *
     * @param points (K, D), K ≥ 1
     * @return length K, finite or −∞ (outside the support, or zero density)
     */
    double[] logDensity(Matrix points);

    /** Names of the D parameters, for reports. */
    default List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (int d = 0; d < dim(); d++) {
            names.add("theta" + d);
        }
        return names;
    }
}
