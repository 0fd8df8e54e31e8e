package org.robotphysicist.engine.design.loop;

import java.util.Locale;
import java.util.Objects;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.simulator.Experiment;

/**
 * How much data each round's experiment records, in a form that round-trips to JSON: a fixed
 * number of events, or a fixed integrated luminosity in pb⁻¹ (the count is then
 * Poisson(L·σ(θ, φ))); see {@link Experiment}.
 *
 * @param mode   which of the two
 * @param amount the event count (a whole number ≥ 1) or the luminosity in pb⁻¹ (&gt; 0)
 */
public record ExperimentSpec(Mode mode, double amount) {

    /** The two experiment modes. */
    public enum Mode {
        /** Exactly {@code amount} events. */
        EVENTS,
        /** Integrated luminosity {@code amount} pb⁻¹. */
        LUMINOSITY
    }

    public ExperimentSpec {
        Objects.requireNonNull(mode, "experiment mode");
        if (mode == Mode.EVENTS) {
            if (!(amount >= 1 && amount <= Integer.MAX_VALUE && amount == Math.rint(amount))) {
                throw new InvalidInputException("events per experiment: expected a whole number >= 1 but found "
                        + amount);
            }
        } else {
            Require.positive("integrated luminosity (pb^-1)", amount);
        }
    }

    /** A fixed count of {@code n} events. */
    public static ExperimentSpec events(int n) {
        return new ExperimentSpec(Mode.EVENTS, n);
    }

    /** A fixed integrated luminosity of {@code inversePicobarns} pb⁻¹. */
    public static ExperimentSpec luminosity(double inversePicobarns) {
        return new ExperimentSpec(Mode.LUMINOSITY, inversePicobarns);
    }

    /** The experiment this specifies. */
    public Experiment toExperiment() {
        return mode == Mode.EVENTS ? new Experiment.FixedEventCount((int) amount)
                : new Experiment.FixedLuminosity(amount);
    }

    /** For logs: {@code "200 events"} or {@code "1.5 pb^-1"}. */
    public String describe() {
        return mode == Mode.EVENTS ? String.format(Locale.ROOT, "%d events", (long) amount)
                : String.format(Locale.ROOT, "%.4g pb^-1", amount);
    }
}
