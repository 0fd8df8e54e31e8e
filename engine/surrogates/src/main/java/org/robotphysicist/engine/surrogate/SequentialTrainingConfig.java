package org.robotphysicist.engine.surrogate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.robotphysicist.data.InvalidInputException;

/**
 * How a likelihood surrogate is trained sequentially for one observation
 * ({@link SequentialTraining}): the simulation budget N split over R rounds, and whether each round
 * continues the previous round's network or trains a fresh one.
 *
 * <p>Round r simulates n<sub>r</sub> = ⌊N / R⌋ rows, round 1 also the remainder N − R⌊N / R⌋, so
 * the rounds add up to exactly N simulations (the budget a one-round surrogate of N rows spends).
 *
 * @param rounds       R, in [1, {@value #MAX_ROUNDS}]; 1 is ordinary training on θ drawn from the prior
 * @param simulations  N, the simulations of all rounds together, at least {@value #MIN_ROWS_PER_ROUND} per round
 * @param continuation how round r ≥ 2 trains: on from round r − 1's weights, or from a fresh initialization
 * @param seed         the stream every round's simulations and posterior draws follow from
 */
public record SequentialTrainingConfig(int rounds, int simulations, Continuation continuation, long seed) {
    /** The most rounds. */
    public static final int MAX_ROUNDS = 100;
    /** The fewest simulations a round may add. */
    public static final int MIN_ROWS_PER_ROUND = 100;
    /**
     * The continuation of {@link #defaults}: a fresh network every round. On SLCP with ten rounds of
     * 1 000 simulations it reached a mean C2ST of 0.664 over ten observations where continuing the
     * previous network reached 0.673, with a worst observation of 0.767 against 0.725
     * (benchmarks/README.md, "Sequential training").
     */
    public static final Continuation DEFAULT_CONTINUATION = Continuation.RETRAIN;

    /** How round r ≥ 2 trains on all rows so far. */
    public enum Continuation {
        /** On from round r − 1's weights and input standardization (as sequential neural likelihood does). */
        FINE_TUNE("fine-tune"),
        /** From a fresh initialization, every round. */
        RETRAIN("retrain");

        private final String label;

        Continuation(String label) {
            this.label = label;
        }

        /** The name used on the command line and in provenance. */
        public String label() {
            return label;
        }

        /**
         * The continuation named {@code name}.
         *
         * @throws InvalidInputException for another name, listing the known ones
         */
        public static Continuation named(String name) {
            for (Continuation c : values()) {
                if (c.label.equals(name)) {
                    return c;
                }
            }
            throw new InvalidInputException("sequential continuation: expected one of "
                    + Arrays.stream(values()).map(Continuation::label).toList() + " but found '" + name + "'");
        }
    }

    public SequentialTrainingConfig {
        Objects.requireNonNull(continuation, "sequential continuation");
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new InvalidInputException("sequential rounds: expected 1 to " + MAX_ROUNDS + " but found " + rounds);
        }
        if (simulations < (long) rounds * MIN_ROWS_PER_ROUND) {
            throw new InvalidInputException(String.format(Locale.ROOT, "sequential simulations: expected at least %d"
                    + " (%d per round over %d rounds) but found %d", (long) rounds * MIN_ROWS_PER_ROUND,
                    MIN_ROWS_PER_ROUND, rounds, simulations));
        }
    }

    /**
     * {@code rounds} rounds sharing {@code simulations} simulations, each training a fresh network
     * ({@link #DEFAULT_CONTINUATION}).
     */
    public static SequentialTrainingConfig defaults(int rounds, int simulations, long seed) {
        return new SequentialTrainingConfig(rounds, simulations, DEFAULT_CONTINUATION, seed);
    }

    /** The same rounds, budget and continuation with seed {@code s}. */
    public SequentialTrainingConfig withSeed(long s) {
        return new SequentialTrainingConfig(rounds, simulations, continuation, s);
    }

    /**
     * n<sub>r</sub>, the rows round {@code round} simulates.
     *
     * @param round 1-based, at most {@link #rounds()}
     */
    public int rowsInRound(int round) {
        if (round < 1 || round > rounds) {
            throw new InvalidInputException("sequential round: expected 1 to " + rounds + " but found " + round);
        }
        int each = simulations / rounds;
        return round == 1 ? simulations - (rounds - 1) * each : each;
    }
}
