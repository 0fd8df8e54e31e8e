package org.robotphysicist.engine.posterior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.NonFiniteValueException;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateLikelihood;

/** The one check of a posterior request: one case per kind of bad input, and both range policies. */
class PosteriorRequestTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator(Box.interval(-10, 10));
    private static final ExactLikelihood NARROW = new ExactLikelihood(TOY, Box.interval(-1, 2), Box.interval(0.5, 2));
    private static final ExactLikelihood WIDE = new ExactLikelihood(TOY);
    private static final Box INSIDE = Box.interval(-1, 1);
    private static final Observation OBS = Observation.of(new double[][] {{0.2}, {0.4}, {0.9}}, 1.0);

    /**
     * NARROW's ranges with {@link RangePolicy#WARN}, evaluating with the exact likelihood everywhere:
     * what a trained model loaded with WARN does.
     */
    private static SurrogateLikelihood lenient() {
        return new DelegatingSurrogate(NARROW) {
            @Override
            public RangePolicy rangePolicy() {
                return RangePolicy.WARN;
            }

            @Override
            public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
                return WIDE.logLikelihood(x, theta, phi);
            }
        };
    }

    private static List<String> validate(SurrogateLikelihood s, Box theta, Observation... observations) {
        return new PosteriorRequest(s, theta, List.of(observations)).validate();
    }

    @Test
    void aValidRequestPassesWithoutWarnings() {
        assertEquals(List.of(), validate(NARROW, INSIDE, OBS));
        assertEquals(List.of(), validate(lenient(), INSIDE, OBS, Observation.of(new double[][] {{0.1}}, 2.0)));
    }

    @Test
    void nanIsRefusedWhereTheRequestIsBuilt() {
        var events = assertThrows(NonFiniteValueException.class, () -> validate(NARROW, INSIDE,
                Observation.of(new double[][] {{0.2}, {Double.NaN}}, 1.0)));
        assertTrue(events.getMessage().contains("NaN"), events.getMessage());
        var phi = assertThrows(NonFiniteValueException.class, () -> validate(NARROW, INSIDE,
                Observation.of(new double[][] {{0.2}}, Double.NaN)));
        assertTrue(phi.getMessage().contains("phi"), phi.getMessage());
    }

    @Test
    void aWrongDimensionIsRefusedNamingExpectedAndFound() {
        var theta = assertThrows(DimensionMismatchException.class, () -> validate(NARROW,
                new Box(new double[] {0, 0}, new double[] {1, 1}), OBS));
        assertTrue(theta.getMessage().contains("expected dimension 1") && theta.getMessage().contains("found 2"),
                theta.getMessage());
        var events = assertThrows(DimensionMismatchException.class, () -> validate(NARROW, INSIDE,
                Observation.of(new double[][] {{0.1, 0.2}}, 1.0)));
        assertTrue(events.getMessage().contains("expected 1 columns") && events.getMessage().contains("found 2"),
                events.getMessage());
        var phi = assertThrows(DimensionMismatchException.class, () -> validate(NARROW, INSIDE,
                Observation.of(new double[][] {{0.1}}, 1.0, 2.0)));
        assertTrue(phi.getMessage().contains("expected 1 values") && phi.getMessage().contains("found 2"),
                phi.getMessage());
    }

    @Test
    void anEmptyRequestIsRefused() {
        var none = assertThrows(InvalidInputException.class, () -> validate(NARROW, INSIDE));
        assertTrue(none.getMessage().contains("at least one experiment"), none.getMessage());
        var noEvents = assertThrows(InvalidInputException.class, () -> validate(NARROW, INSIDE,
                new Observation(Matrix.of(0, 1, new double[0]), new double[] {1.0})));
        assertTrue(noEvents.getMessage().contains("at least one row"), noEvents.getMessage());
    }

    @Test
    void outOfRangeIsRefusedUnderFailWithTheHowToExtrapolateHint() {
        var theta = assertThrows(OutOfSupportException.class, () -> validate(NARROW, Box.interval(-3, 1), OBS));
        assertTrue(theta.getMessage().contains("surrogate's theta range") && theta.getMessage().contains(
                RangePolicy.HINT), theta.getMessage());
        var phi = assertThrows(OutOfSupportException.class, () -> validate(NARROW, INSIDE,
                Observation.of(new double[][] {{0.1}}, 5.0)));
        assertTrue(phi.getMessage().contains("surrogate's phi range") && phi.getMessage().contains("found 5.0")
                && phi.getMessage().contains("--range-policy warn"), phi.getMessage());
    }

    @Test
    void outOfRangeIsAWarningUnderWarnAndThePosteriorExtrapolates() {
        SurrogateLikelihood lenient = lenient();
        Observation far = Observation.of(new double[][] {{-2.0}, {-2.5}, {-1.8}}, 3.0);
        List<String> warnings = validate(lenient, Box.interval(-3, 1), OBS, far);
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("prior support " + Box.interval(-3, 1) + " reaches outside") && warnings.get(0).contains(
                "RangePolicy.WARN"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("experiment 1 phi [3.0] reaches outside"), warnings.get(1));

        // Below the boundary nothing refuses: the grid beyond the θ range gets the exact likelihood's posterior.
        RegularGrid grid = RegularGrid.of(-3, 1, 41);
        UniformBoxPrior prior = UniformBoxPrior.interval(-3, 1);
        GridPosterior extrapolated = SurrogatePosterior.of(prior, PosteriorEvaluator.forSurrogate(lenient),
                List.of(OBS, far)).onGrid(grid);
        GridPosterior exact = SurrogatePosterior.of(prior, PosteriorEvaluator.forSurrogate(WIDE), List.of(OBS, far))
                .onGrid(grid);
        assertArrayEquals(exact.logDensity(), extrapolated.logDensity(), 1e-9,
                "the posterior under WARN is the one the likelihood gives beyond the range");
    }

    /**
     * The surrogate's event-count warnings come once per setting, for the events of every experiment
     * there together, prefixed with the setting; counts not aligned with the settings are refused.
     */
    @Test
    void eventCountWarningsArePooledPerSettingAndMisalignedCountsRefused() {
        SurrogateLikelihood sizedFor4 = new DelegatingSurrogate(NARROW) {
            @Override
            public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
                return NARROW.logLikelihood(x, theta, phi);
            }

            @Override
            public List<String> eventCountWarnings(long events) {
                return events > 4 ? List.of("sized for 4 but found " + events) : List.of();
            }
        };
        Observation elsewhere = Observation.of(new double[][] {{0.1}, {0.3}}, 2.0);
        assertEquals(List.of(), validate(sizedFor4, INSIDE, OBS, elsewhere), "3 and 2 events at two settings");
        assertEquals(List.of("phi [1.0]: sized for 4 but found 6"), validate(sizedFor4, INSIDE, OBS, elsewhere, OBS));
        var misaligned = assertThrows(DimensionMismatchException.class, () -> PosteriorRequest.eventCounts(sizedFor4,
                List.of(new double[] {1.0}), List.of(3, 2)));
        assertTrue(misaligned.getMessage().contains("one event count per setting")
                && misaligned.getMessage().contains("found 2 for 1"), misaligned.getMessage());
    }
}
