package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.prior.NormalPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.surrogate.PriorRange;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Normal priors end to end on the toy Gaussian x ~ N(θ, 1): with the exact kind the grid posterior
 * matches the conjugate one, N(m, s²) with 1/s² = 1/σ₀² + N and m = s²(μ₀/σ₀² + Σx), and a model
 * trained on a named proposal records it.
 */
class NormalPriorTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();

    @TempDir
    Path dir;

    /**
     * Prior N(0.3, 0.5²) (unbounded), 50 events at θ = 0.8 (seed 3), 801 grid points over μ₀ ± 5 σ₀:
     * posterior mean within 0.002 sd and sd within 0.5% of the analytic ones (grid error only).
     */
    @Test
    void exactKindWithANormalPriorGivesTheConjugatePosterior() {
        NormalPrior prior = NormalPrior.of(0.3, 0.5);
        RobotPhysicist rp = RobotPhysicist.forSimulator(TOY).prior(prior).settings(1.0);
        assertEquals(Box.interval(0.3 - 2.5, 0.3 + 2.5), rp.posteriorRange(), "the grid spans mean +- 5 sd");
        Matrix x = TOY.simulate(new double[] {0.8}, new double[] {1.0}, 50, new SplittableRandom(3));
        double sum = 0;
        for (int i = 0; i < x.rows(); i++) {
            sum += x.get(i, 0);
        }
        double precision = 1 / 0.25 + x.rows();
        double analyticMean = (0.3 / 0.25 + sum) / precision;
        double analyticSd = Math.sqrt(1 / precision);
        try (TrainedModel exact = rp.train(TrainOptions.defaults("exact"))) {
            PosteriorResult r = rp.posterior(exact.surrogate(), new Observation(x, new double[] {1.0}),
                    PosteriorOptions.defaults().withGridPoints(801));
            double mean = r.posterior().mean()[0];
            double sd = r.posterior().standardDeviation()[0];
            String figures = String.format(Locale.ROOT, "grid posterior mean %.5f sd %.5f; conjugate mean %.5f sd"
                    + " %.5f", mean, sd, analyticMean, analyticSd);
            System.out.println(figures);
            assertTrue(Math.abs(mean - analyticMean) <= 0.002 * analyticSd && Math.abs(sd / analyticSd - 1) <= 0.005,
                    figures);
        }
    }

    @Test
    void aModelTrainedOnAProposalRecordsItAndCoversIt() {
        Box proposal = Box.interval(-3, 3);
        RobotPhysicist rp = RobotPhysicist.forSimulator(TOY).prior(NormalPrior.of(0.3, 0.5)).settings(1.0)
                .proposal(proposal);
        assertEquals(proposal, rp.posteriorRange(), "an unbounded prior's grid is the proposal");
        TrainOptions options = new TrainOptions("classifier", SurrogateTrainingConfig.of(2_000, 1, 5).withNetwork(1, 8),
                DeviceRequest.CPU, TrainOptions.defaults("classifier").histogram(), 10);
        Path file = dir.resolve("proposal.rpm");
        try (TrainedModel model = rp.train(options)) {
            assertEquals(proposal, model.surrogate().thetaRange());
            model.save(file);
        }
        try (TrainedModel loaded = rp.load(file, LoadOptions.defaults())) {
            var t = (org.robotphysicist.models.file.TrainedSurrogate) loaded.surrogate();
            String sampler = String.valueOf(t.provenance().config().get("thetaSampler"));
            assertTrue(sampler.contains("proposal Uniform" + proposal) && sampler.contains("Normal(mean=[0.3]"),
                    "the model file names the proposal and the prior: " + sampler);
            assertEquals(proposal, loaded.surrogate().thetaRange());
        }
    }

    @Test
    void aNormalPriorWithoutAProposalTrainsOnItsWorkingRange() {
        assertEquals(Box.interval(-0.75, 1.75), PriorRange.of(NormalPrior.of(0.5, 0.25), TOY.thetaDomain()));
        assertEquals(Box.interval(-10, -4), PriorRange.of(NormalPrior.of(-9, 1), TOY.thetaDomain()),
                "clipped to the simulator's domain");
        String m = assertThrows(InvalidInputException.class,
                () -> RobotPhysicist.forSimulator(TOY).prior(NormalPrior.of(30, 1))).getMessage();
        assertTrue(m.contains("do not meet"), m);
    }
}
