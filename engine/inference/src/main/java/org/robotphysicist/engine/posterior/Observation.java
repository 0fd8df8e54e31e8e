package org.robotphysicist.engine.posterior;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;

/**
 * One experiment's data: N i.i.d. events observed at setting φ.
 *
 * @param events (N, D<sub>x</sub>), N ≥ 1; finite (guaranteed by {@link Matrix})
 * @param phi    the experiment setting, finite; empty for a simulator without settings
 */
public record Observation(Matrix events, double[] phi) {

    public Observation {
        if (events == null) {
            throw new InvalidInputException("observation events: expected an (N, D_x) matrix but found null");
        }
        events.requireNonEmpty("observation events");
        if (phi == null) {
            throw new InvalidInputException("observation phi: expected a setting vector (empty where experiments have"
                    + " no setting) but found null");
        }
        phi = Require.finite("observation phi", phi.clone());
    }

    /** Events given as rows; every value must be finite. */
    public static Observation of(double[][] events, double... phi) {
        return new Observation(Matrix.ofRows(events), phi);
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    /** N. */
    public int size() {
        return events.rows();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Observation other && other.events.equals(events)
                && java.util.Arrays.equals(other.phi, phi);
    }

    @Override
    public int hashCode() {
        return 31 * events.hashCode() + java.util.Arrays.hashCode(phi);
    }

    @Override
    public String toString() {
        return "Observation(" + events.rows() + " events at phi=" + java.util.Arrays.toString(phi) + ")";
    }
}
