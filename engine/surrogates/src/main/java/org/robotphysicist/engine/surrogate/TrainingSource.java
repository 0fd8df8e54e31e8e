package org.robotphysicist.engine.surrogate;

import java.util.Objects;
import java.util.Optional;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.Simulator;

/**
 * Where a surrogate learns from: {@link Simulated}, a simulator (built-in, discovered or external)
 * run on demand, or {@link GivenEvents}, labelled events (x, θ, φ) already on disk, read into
 * memory ({@link EventFileSource}) or block by block ({@link StreamedEventSource}). Sealed so
 * that each kind handles every source it is given (or refuses it, saying why).
 */
public sealed interface TrainingSource permits TrainingSource.Simulated, GivenEvents {

    /** Names of θ, φ and x: the simulator's, or the event files' header. */
    Dimensions dimensions();

    /** The θ values the source can speak about (a simulator's domain; unbounded for files without one). */
    Box thetaDomain();

    /** The φ values the source can speak about. */
    Box phiDomain();

    /** Where events can fall (a simulator's support; unbounded for files without one). */
    Box xSupport();

    /** The simulator behind the source, where there is one (to run, or to take names and domains from). */
    Optional<Simulator> simulatorIfAny();

    /** One line naming the source, for messages and provenance. */
    String describe();

    /** Training data simulated on demand from {@code simulator}, θ drawn from the prior. */
    static TrainingSource of(Simulator simulator) {
        return new Simulated(simulator, null);
    }

    /**
     * Rows (x, θ, φ) simulated when the kind asks for them.
     *
     * @param simulator the simulator
     * @param proposal  where training θ are drawn from, uniformly, instead of from the prior (null: the prior).
     *                  A likelihood surrogate p̂(x | θ, φ) learned on θ from a proposal is valid wherever the
     *                  proposal covers, whatever the prior: the posterior then multiplies it by the actual
     *                  prior. A bounded box inside the simulator's θ domain.
     */
    record Simulated(Simulator simulator, Box proposal) implements TrainingSource {
        public Simulated {
            Objects.requireNonNull(simulator, "simulator");
            if (proposal != null) {
                if (proposal.dim() != simulator.dimensions().thetaDim() || !proposal.isBounded()) {
                    throw new InvalidInputException("theta proposal: expected a bounded box of dimension "
                            + simulator.dimensions().thetaDim() + " but found " + proposal);
                }
                for (int d = 0; d < proposal.dim(); d++) {
                    if (!(proposal.lower(d) < proposal.upper(d))) {
                        throw new InvalidInputException("theta proposal dimension " + d + ": expected lower < upper"
                                + " but found " + proposal);
                    }
                }
                if (!proposal.within(simulator.thetaDomain())) {
                    throw new InvalidInputException("theta proposal: expected a box inside the simulator's theta"
                            + " domain " + simulator.thetaDomain() + " but found " + proposal);
                }
            }
        }

        /** The same simulator with training θ drawn uniformly over {@code box} (null: from the prior). */
        public Simulated withProposal(Box box) {
            return new Simulated(simulator, box);
        }

        /** The proposal, when training θ are not drawn from the prior. */
        public Optional<Box> proposalBox() {
            return Optional.ofNullable(proposal);
        }

        @Override
        public Dimensions dimensions() {
            return simulator.dimensions();
        }

        @Override
        public Box thetaDomain() {
            return simulator.thetaDomain();
        }

        @Override
        public Box phiDomain() {
            return simulator.phiDomain();
        }

        @Override
        public Box xSupport() {
            return simulator.xSupport();
        }

        @Override
        public Optional<Simulator> simulatorIfAny() {
            return Optional.of(simulator);
        }

        @Override
        public String describe() {
            return "simulator " + simulator.name() + (proposal == null ? "" : ", theta from the proposal Uniform"
                    + proposal);
        }
    }
}
