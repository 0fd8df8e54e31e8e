package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertWithinSigmas;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.training.device.DeviceRequest;

class RobotPhysicistTest {
    static final WeinbergLoSimulator SIM = new WeinbergLoSimulator();
    static final RobotPhysicist RP = RobotPhysicist.forSimulator(SIM).prior(Box.interval(0.15, 0.35))
            .settings(Box.interval(40, 100));
    static final TrainOptions SMALL_HISTOGRAM = TrainOptions.defaults("histogram")
            .withHistogram(new HistogramGridConfig(41, 3, 100_000, 20));

    static Observation observed(int n, double phi, long seed) {
        Matrix x = SIM.simulate(new double[] {0.2312}, new double[] {phi}, n, new SplittableRandom(seed));
        return new Observation(x, new double[] {phi});
    }

    @Test
    void histogramPosteriorAgreesWithTheExactLikelihood() {
        Observation obs = observed(2000, 60, 11); // on a phi cell: interpolation between cells is not under test
        RobotPhysicist rp = RP.settings(Box.interval(55, 65));
        try (TrainedModel histogram = rp.train(SMALL_HISTOGRAM); TrainedModel exact = rp.train(
                TrainOptions.defaults("exact"))) {
            PosteriorResult h = rp.posterior(histogram.surrogate(), obs, PosteriorOptions.defaults());
            PosteriorResult e = rp.posterior(exact.surrogate(), obs, PosteriorOptions.defaults());
            double sd = e.summary().standardDeviation()[0];
            // 10⁵ events per cell: the histogram's own noise moves the mean by well under half a posterior sd.
            assertClose("histogram vs exact posterior mean (in exact sd)", 0, (h.summary().mean()[0]
                    - e.summary().mean()[0]) / sd, 0.5);
            assertClose("histogram / exact posterior sd", 1, h.summary().standardDeviation()[0] / sd, 0.15);
            assertWithinSigmas("exact posterior mean vs hidden value", 0.2312, e.summary().mean()[0], sd, 3);
            assertEquals(2000, e.events());
            assertEquals(401, e.density().length);
        }
    }

    @Test
    void eigIsPositiveAndTheSuggestionLiesInTheRange() {
        try (TrainedModel exact = RP.train(TrainOptions.defaults("exact"))) {
            EigOptions o = EigOptions.defaults().withDatasets(24).withGridPoints(101).withEventsPerExperiment(200)
                    .withEvaluations(5, 3);
            List<EigEstimate> e = RP.eig(exact.surrogate(), List.of(new double[] {45}, new double[] {91.1876}), o);
            assertEquals(2, e.size());
            for (EigEstimate est : e) {
                assertTrue(est.value() > 3 * est.standardError(), "EIG clearly positive at " + est);
            }
            assertEquals(e, RP.eig(exact.surrogate(), List.of(new double[] {45}, new double[] {91.1876}), o),
                    "the same seed gives the same estimates");
            Suggestion next = RP.suggestNext(exact.surrogate(), o);
            assertTrue(next.phi()[0] >= 40 && next.phi()[0] <= 100, "suggestion in [40, 100]: " + next.phi()[0]);
            assertEquals(5, next.estimates().size());
        }
    }

    @Test
    void classifierTrainsOverAPhiRangeAndRoundTripsThroughAModelFile(@TempDir Path dir) {
        RobotPhysicist rp = RP.settings(Box.interval(50, 70));
        TrainOptions o = TrainOptions.defaults("classifier").withTraining(20_000, 1, DeviceRequest.CPU)
                .withEventsPerExperiment(50);
        Observation obs = observed(50, 60, 3);
        Path file = dir.resolve("c.rpm");
        double[] before;
        try (TrainedModel m = rp.train(o)) {
            assertTrue(m.savable() && m.trainingCurve().isPresent(), m.description());
            assertArrayEquals(new double[] {50}, m.surrogate().phiRange().lower());
            assertArrayEquals(new double[] {70}, m.surrogate().phiRange().upper());
            m.save(file);
            before = rp.posterior(m.surrogate(), obs, PosteriorOptions.defaults().withGridPoints(51)).density();
        }
        try (TrainedModel loaded = rp.load(file, LoadOptions.defaults())) {
            double[] after = rp.posterior(loaded.surrogate(), obs, PosteriorOptions.defaults().withGridPoints(51))
                    .density();
            assertArrayEquals(before, after, 1e-9, "the loaded model gives the same posterior");
        }
    }

    @Test
    void badInputSaysWhatWasExpected() {
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> RP.train(TrainOptions.defaults("nosuch")));
        assertTrue(unknown.getMessage().contains("'nosuch'") && unknown.getMessage().contains("classifier"),
                unknown.getMessage());
        assertThrows(OutOfSupportException.class, () -> RP.prior(Box.interval(-0.5, 0.3)));
        assertThrows(OutOfSupportException.class, () -> RP.settings(Box.interval(1, 2e6)));
        assertThrows(InvalidInputException.class, () -> new PosteriorOptions(1, new double[] {0.68}));
        assertThrows(InvalidInputException.class, () -> new PosteriorOptions(11, new double[] {1.5}));
        assertThrows(InvalidInputException.class, () -> new EigOptions(1, 10, 11, 4, 2, 1));
        try (TrainedModel exact = RP.settings(58).train(TrainOptions.defaults("exact"))) {
            OutOfSupportException phi = assertThrows(OutOfSupportException.class,
                    () -> RP.posterior(exact.surrogate(), observed(10, 80, 1), PosteriorOptions.defaults()));
            assertTrue(phi.getMessage().contains("80"), phi.getMessage());
            InvalidInputException flat = assertThrows(InvalidInputException.class, () -> RP.settings(58)
                    .suggestNext(exact.surrogate(), EigOptions.defaults()));
            assertTrue(flat.getMessage().contains("expected a range"), flat.getMessage());
            InvalidInputException save = assertThrows(InvalidInputException.class, () -> exact.save(Path.of("x.rpm")));
            assertTrue(save.getMessage().contains("no model file"), save.getMessage());
        }
    }
}
