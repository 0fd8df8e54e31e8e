package org.robotphysicist.engine.design.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.progress.ProgressReporter;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.design.eig.ExperimentLikelihood;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.engine.surrogate.EventFileSource;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateTrainingConfig;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * Sequential refinement ({@link SurrogateRefinement}) on the toy Gaussian, x ~ N(μ, φ), with a tiny
 * MAF (one hidden layer of 8 units, 1 000 rows, one epoch per round): the history lists one
 * surrogate per round with its files, round 2 trains on θ drawn from the posterior after round 1
 * (not the prior) and re-scores round 1's events, a resumed run reloads the last round's model, and bad
 * requests are refused
 * before any training.
 */
class RefinedDesignTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();
    private static final double HIDDEN = 0.3;

    /** μ ~ U(−2, 2), variance in [0.5, 2], 60 events per round; 4 datasets per EIG, 3 estimates, 41 grid points. */
    private static DesignConfig tiny(int rounds) {
        return DesignConfig.defaults(Box.interval(-2, 2), Box.interval(0.5, 2))
                .withExperiment(ExperimentSpec.events(60))
                .withRounds(rounds).withEig(4, 3, 2).withVerifications(0).withGridPoints(41)
                .withSurrogate("maf", HistogramGridConfig.defaults())
                .withTraining(SurrogateTrainingConfig.of(1_000, 1, 0).withNetwork(1, 8)).withSeed(5).withRefinement(1_000);
    }

    private static SimulatedExperimentRunner runner(DesignConfig c) {
        return new SimulatedExperimentRunner(TOY, c.experiment().toExperiment(), new double[] {HIDDEN});
    }

    private static DesignOptions into(Path dir, List<String> log) {
        return new DesignOptions(log::add, ProgressReporter.silent()).withOutput(dir, false);
    }

    @Test
    void everyRoundHasItsSurrogateRound2LearnsWherePosteriorIsAndResumeReloadsTheLast(@TempDir Path dir)
            throws Exception {
        List<String> log = new ArrayList<>();
        DesignConfig one = tiny(1);
        GridPosterior afterRound1;
        try (ExperimentDesigner d = ExperimentDesigner.start(one, TOY, runner(one), into(dir, log))) {
            d.run();
            afterRound1 = d.posterior().orElseThrow();
            assertEquals(1, d.roundSurrogates().size(), "round 1's surrogate, trained on the prior");
        }
        DesignHistory first = DesignHistory.read(dir.resolve("history.json"));
        RoundSurrogate s1 = first.surrogates().get(0);
        assertEquals(1_000, s1.trainingRows());
        assertEquals("uniform prior", s1.proposal());
        assertEquals(Math.sqrt(16 / 12.0), s1.proposalSd()[0], 0.1, "round 1's theta spread over U(-2, 2)");

        log.clear();
        try (ExperimentDesigner d = ExperimentDesigner.resume(first, 2, TOY, runner(one), into(dir, log))) {
            assertTrue(log.stream().anyMatch(l -> l.contains("surrogate for round 1: maf reloaded from")), "" + log);
            d.run();
        }
        DesignHistory h = DesignHistory.read(dir.resolve("history.json"));
        assertEquals(2, h.rounds().size());
        assertEquals(2, h.surrogates().size(), "one surrogate per round: " + h.surrogates());
        assertEquals(first.rounds().get(0).eventsSha256(), h.rounds().get(0).eventsSha256(), "round 1 kept as it was");
        assertEquals(s1, h.surrogates().get(0), "round 1's surrogate kept as it was");
        for (RoundSurrogate s : h.surrogates()) {
            assertEquals(String.format("surrogate-round-%02d.rpm", s.round()), s.modelFile());
            assertEquals(EventFileSource.sha256(dir.resolve(s.modelFile())), s.modelSha256());
            assertEquals(EventFileSource.sha256(dir.resolve(s.trainingFile())), s.trainingSha256());
            assertTrue(s.validationLoss() != null && Double.isFinite(s.validationLoss()), "validation loss " + s);
            assertEquals("maf", s.kind());
        }
        RoundSurrogate s2 = h.surrogates().get(1);
        assertEquals(2_000, s2.trainingRows(), "round 2 trains on round 1's rows and its own");
        assertEquals("posterior after round 1", s2.proposal());

        // Round 2's new theta follow the posterior after round 1: its mean and sd, not the prior's (mean 0, sd 1.15).
        double[] theta = EventCsv.read(dir.resolve(s2.trainingFile())).dataset().theta().column(0);
        double mean = Arrays.stream(theta).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(theta).map(t -> (t - mean) * (t - mean)).sum() / (theta.length - 1));
        double postMean = afterRound1.mean()[0];
        double postSd = afterRound1.standardDeviation()[0];
        assertTrue(postSd < 0.5, "the posterior after 60 events is narrow: sd " + postSd);
        assertEquals(postMean, mean, 4 * postSd / Math.sqrt(theta.length), "mean of round 2's theta; posterior sd "
                + postSd);
        assertEquals(1.0, sd / postSd, 0.15, "sd of round 2's theta / posterior sd (" + sd + " / " + postSd + ")");

        // As in SNL, round 2's surrogate scores both rounds' events: the posterior is p(mu) q2(X1) q2(X2).
        assertTrue(log.stream().anyMatch(l -> l.contains("surrogate for round 2: re-scoring rounds 1-1 moves the"
                + " posterior mean from")), "" + log);
        double[] total = new double[41];
        try (TrainedSurrogate q2 = SurrogateFiles.load(dir.resolve(s2.modelFile()), LoadOptions.defaults()
                .withRangePolicy(RangePolicy.WARN))) {
            ExperimentLikelihood likelihood = new ExperimentLikelihood(PosteriorEvaluator.forSurrogate(q2), TOY,
                    one.experiment().toExperiment(), one.extendedLikelihood());
            RegularGrid grid = RegularGrid.of(-2, 2, 41);
            for (DesignRound r : h.rounds()) {
                Matrix x = EventCsv.read(dir.resolve(String.format("events-round-%02d.csv", r.round()))).dataset().x();
                double[] ll = likelihood.logLikelihood(x, grid.points(), r.phi());
                for (int j = 0; j < total.length; j++) {
                    total[j] += ll[j];
                }
            }
            GridPosterior rescored = GridPosterior.fromLogLikelihood(new UniformBoxPrior(one.thetaRange()),
                    ThetaGrid.of(grid), List.of("mu"), total);
            assertEquals(rescored.mean()[0], h.rounds().get(1).posterior().mean()[0], 1e-9,
                    "posterior mean after round 2 = both rounds scored by round 2's surrogate");
        }

        // A changed model file is refused on resume, naming it.
        Files.writeString(dir.resolve(s2.modelFile()), "not a model");
        var changed = assertThrows(MalformedDataException.class, () -> ExperimentDesigner.resume(h, 3, TOY,
                runner(one), into(dir, log)));
        assertTrue(changed.getMessage().contains("surrogate-round-02.rpm with SHA-256 " + s2.modelSha256()),
                changed.getMessage());
    }

    @Test
    void refinementIsRefusedWhereItMeansNothing(@TempDir Path dir) {
        DesignConfig c = tiny(2);
        var exact = assertThrows(InvalidInputException.class, () -> ExperimentDesigner.start(
                c.withSurrogate("exact", HistogramGridConfig.defaults()), TOY, runner(c), into(dir, new ArrayList<>())));
        assertTrue(exact.getMessage().contains("expected a trained surrogate kind (classifier, maf, nsf) that can be"
                + " retrained on posterior draws but found 'exact'"), exact.getMessage());
        var histogram = assertThrows(InvalidInputException.class, () -> ExperimentDesigner.validate(
                c.withSurrogate("histogram", HistogramGridConfig.defaults()), TOY, runner(c)));
        assertTrue(histogram.getMessage().contains("found 'histogram', which is not trained"), histogram.getMessage());
        assertEquals("/models/m.rpm", c.withModelFile("maf", "/models/m.rpm").modelFile(),
                "a model file is fine-tuned round by round, not refused");
        var rows = assertThrows(InvalidInputException.class, () -> c.withRefinement(999));
        assertTrue(rows.getMessage().contains("refinement rows: expected at least 1000 simulations added per round but"
                + " found 999"), rows.getMessage());
        var noDirectory = assertThrows(InvalidInputException.class, () -> ExperimentDesigner.start(c, TOY, runner(c),
                DesignOptions.silent()));
        assertTrue(noDirectory.getMessage().contains("expected an output directory"), noDirectory.getMessage());
        var callers = assertThrows(InvalidInputException.class, () -> ExperimentDesigner.start(c, TOY,
                new org.robotphysicist.models.ExactLikelihood(TOY, c.thetaRange(), c.phiRange()), runner(c),
                DesignOptions.silent()));
        assertTrue(callers.getMessage().contains("expected the designer to train its own surrogates"),
                callers.getMessage());
        var ensemble = assertThrows(InvalidInputException.class, () -> c.withTraining(c.training()
                .withEnsembleMembers(2)));
        assertTrue(ensemble.getMessage().contains("expected one network per round but found an ensemble of 2"),
                ensemble.getMessage());
        assertTrue(c.refines() && !c.withRefinement(null).refines());
    }
}
