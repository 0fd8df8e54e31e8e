package org.robotphysicist.engine.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.api.PosteriorOptions;
import org.robotphysicist.engine.api.PosteriorResult;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.training.device.DeviceRequest;

/** The one registry every kind is built through: discovery, lookup errors, user kinds, one request for all. */
class SurrogateRegistryTest {
    private static final List<String> BUILT_INS = List.of("exact", "histogram", "classifier", "maf", "nsf");
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    @Test
    void listsTheBuiltInsFirstAndTheTestKindAfterThem() {
        SurrogateRegistry r = SurrogateRegistry.discover();
        assertEquals(BUILT_INS, r.names().subList(0, BUILT_INS.size()), r.toString());
        assertTrue(r.names().contains(ShiftedExactKindForTests.NAME), r.toString());
        for (SurrogateKindProvider k : r.kinds()) {
            assertFalse(k.description().isBlank(), k.name());
        }
        assertEquals(List.of(false, false, true, true, true),
                BUILT_INS.stream().map(n -> r.named(n).writesModelFile()).toList());
    }

    @Test
    void anUnknownKindNamesTheKnownOnes() {
        SurrogateRegistry r = SurrogateRegistry.discover();
        var e = assertThrows(InvalidInputException.class, () -> r.named("flow"));
        assertEquals("surrogate: expected one of " + r.names() + " but found 'flow'", e.getMessage());
        assertEquals("nsf", r.named("NSF").name(), "names are case-insensitive");
    }

    @Test
    void twoProvidersMayNotClaimOneName() {
        SurrogateKindProvider impostor = new SurrogateKindProvider() {
            @Override
            public String name() {
                return "exact";
            }

            @Override
            public String description() {
                return "another exact";
            }

            @Override
            public boolean writesModelFile() {
                return false;
            }

            @Override
            public BuiltSurrogate build(SurrogateBuildRequest request) {
                throw new UnsupportedOperationException();
            }
        };
        var e = assertThrows(InvalidInputException.class,
                () -> SurrogateRegistry.of(List.of(new ExactSurrogateKind(), impostor)));
        assertTrue(e.getMessage().startsWith("surrogate kind 'exact': expected one provider but found"),
                e.getMessage());
    }

    @Test
    void aUserKindFromTheServicesFileIsUsedEndToEndThroughTheFacade() {
        RobotPhysicist rp = RobotPhysicist.forSimulator(TOY).prior(Box.interval(-2, 2)).settings(Box.interval(0.5, 2));
        Observation obs = new Observation(TOY.simulate(new double[] {0.4}, new double[] {1.0}, 200,
                new SplittableRandom(3)), new double[] {1.0});
        PosteriorOptions grid = PosteriorOptions.defaults().withGridPoints(201);
        try (TrainedModel user = rp.train(TrainOptions.defaults(ShiftedExactKindForTests.NAME));
                TrainedModel exact = rp.train(TrainOptions.defaults("exact"))) {
            assertEquals(ShiftedExactKindForTests.NAME, user.kind());
            PosteriorResult a = rp.posterior(user.surrogate(), obs, grid);
            PosteriorResult b = rp.posterior(exact.surrogate(), obs, grid);
            assertArrayEquals(b.density(), a.density(), 1e-9, "a theta-independent shift leaves the posterior");
            Matrix x = obs.events().rowRange(0, 1);
            Matrix t = Matrix.ofColumn(0.0);
            Matrix p = Matrix.ofColumn(1.0);
            double shift = user.surrogate().logLikelihood(x, t, p)[0] - exact.surrogate().logLikelihood(x, t, p)[0];
            assertEquals(ShiftedExactKindForTests.SHIFT, shift, 1e-12, "the user kind's own likelihood was used");
        }
    }

    /**
     * One request — the toy Gaussian x ~ N(θ, φ), θ in [−2, 2], φ (the variance) in [0.5, 2], tiny
     * sizes — builds every built-in kind; each covers the ranges asked for and gives finite
     * log-likelihoods there.
     */
    @Test
    void everyBuiltInKindBuildsFromOneRequest() {
        SurrogateRegistry registry = SurrogateRegistry.discover();
        Box theta = Box.interval(-2, 2);
        Box phi = Box.interval(0.5, 2);
        SurrogateBuildRequest request = SurrogateBuildRequest.of(TOY, theta, phi, SurrogateTrainingConfig.of(2_000, 1, 7))
                .withHistogram(new HistogramGridConfig(5, 3, 500, 10)).withDevice(DeviceRequest.CPU)
                .withEventsPerExperiment(20);
        Matrix x = Matrix.ofColumn(-0.5, 0.1, 0.9);
        Matrix thetas = Matrix.ofColumn(-1, 0, 1.5);
        Matrix phis = Matrix.ofColumn(0.6, 1.0, 1.9);
        for (String kind : BUILT_INS) {
            BuiltSurrogate built = registry.build(kind, request);
            try {
                SurrogateLikelihood s = built.surrogate();
                assertEquals(kind, built.kind());
                assertTrue(theta.within(s.thetaRange()) && phi.within(s.phiRange()), kind + " covers " + s.thetaRange()
                        + " x " + s.phiRange());
                for (double v : s.logLikelihood(x, thetas, phis)) {
                    assertTrue(Double.isFinite(v), kind + " gives finite values: " + v);
                }
            } finally {
                if (built.surrogate() instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    @Test
    void aRequestIsValidatedAgainstTheSimulator() {
        WeinbergLoSimulator w = new WeinbergLoSimulator();
        SurrogateTrainingConfig c = SurrogateTrainingConfig.of(2_000, 1, 1);
        assertThrows(OutOfSupportException.class, () -> SurrogateBuildRequest.of(w, Box.interval(0.1, 0.3),
                Box.interval(1, 60), c));
        var exact = assertThrows(InvalidInputException.class, () -> SurrogateTrainingConfig.of(999, 1, 1));
        assertEquals("training rows: expected at least 1000 but found 999", exact.getMessage());
        assertThrows(InvalidInputException.class, () -> c.withValidation(0.7, null));
        assertThrows(InvalidInputException.class, () -> c.withOptimizer(0, null));
        assertEquals(List.of(32, 32, 32), c.withNetwork(3, 32).hiddenWidthsOr(2, 64));
        assertEquals(List.of(64, 64), c.hiddenWidthsOr(2, 64));
    }
}
