package org.robotphysicist.engine.design.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.design.eig.EigEstimate;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.engine.surrogate.SurrogateRegistry;

class ExperimentDesignerTest {
    private static final WeinbergLoSimulator WEINBERG = new WeinbergLoSimulator();
    private static final double HIDDEN = 0.2312;

    /** Weinberg LO, prior U(0.15, 0.35), √s ∈ [40, 100]; 32 datasets per EIG, 8 estimates per round. */
    private static DesignConfig quick(ExperimentSpec experiment, int rounds) {
        return DesignConfig.defaults(Box.interval(0.15, 0.35), Box.interval(40, 100)).withExperiment(experiment)
                .withRounds(rounds).withEig(32, 8, 4).withSurrogate("exact", HistogramGridConfig.defaults())
                .withSeed(11);
    }

    private static SimulatedExperimentRunner runner(DesignConfig c, double hidden) {
        return new SimulatedExperimentRunner(WEINBERG, c.experiment().toExperiment(), new double[] {hidden});
    }

    /**
     * With common random numbers an EIG estimate repeated at (nearly) the same √s returns (nearly)
     * the same value and adds nothing. The search used to spend most of its 12 estimates within a
     * fraction of a GeV of one another (here 8 within 0.3 GeV of 82.3 GeV in round 1; in round 2 of
     * most seeds 6–8 at the 100 GeV edge); now no two estimates of a round lie within 0.3 GeV (0.5%
     * of the range) of each other.
     */
    @Test
    void noTwoEstimatesOfARoundCoincideEvenWhereEigRisesToTheEdge() {
        DesignConfig c = quick(ExperimentSpec.events(200), 2).withEig(32, 12, 4).withGridPoints(101).withSeed(1);
        DesignHistory h = ExperimentDesigner.start(c, WEINBERG, runner(c, HIDDEN), DesignOptions.silent()).run();
        for (DesignRound r : h.rounds()) {
            double[] phi = r.evaluations().stream().mapToDouble(e -> e.phi()[0]).sorted().toArray();
            double closest = Double.POSITIVE_INFINITY;
            for (int i = 1; i < phi.length; i++) {
                closest = Math.min(closest, phi[i] - phi[i - 1]);
            }
            double measured = closest;
            assertTrue(closest >= 0.3, () -> "round " + r.round() + ": two EIG estimates only " + measured
                    + " GeV apart; settings " + java.util.Arrays.toString(phi));
        }
    }

    /**
     * Each round's search starts where earlier rounds chose, most recent first (distinct settings
     * only, at most {@link ExperimentDesigner#EARLIER_CHOICES_REVISITED}): a round whose last choice
     * went to a secondary peak still estimates the main peak an earlier round found.
     */
    @Test
    void eachRoundFirstEstimatesTheEarlierRoundsChoices() {
        DesignConfig c = quick(ExperimentSpec.events(200), 5).withSeed(3);
        DesignHistory h = ExperimentDesigner.start(c, WEINBERG, runner(c, HIDDEN), DesignOptions.silent()).run();
        List<double[]> chosen = h.rounds().stream().map(DesignRound::phi).toList();
        int revisited = 0;
        for (int r = 1; r < chosen.size(); r++) {
            List<double[]> mostRecentFirst = new ArrayList<>(chosen.subList(0, r));
            java.util.Collections.reverse(mostRecentFirst);
            List<Double> expected = org.robotphysicist.engine.design.eig.EigSearch.distinctSettings(mostRecentFirst,
                    c.phiRange(), ExperimentDesigner.EARLIER_CHOICES_REVISITED).stream().map(p -> p[0]).toList();
            List<Double> first = h.rounds().get(r).evaluations().subList(0, expected.size()).stream()
                    .map(e -> e.phi()[0]).toList();
            int round = r + 1;
            assertEquals(expected, first, () -> "round " + round + "'s first estimates; choices so far "
                    + chosen.subList(0, round - 1).stream().map(p -> p[0]).toList());
            assertTrue(expected.size() >= 1 && expected.size() <= ExperimentDesigner.EARLIER_CHOICES_REVISITED,
                    () -> "distinct earlier choices of round " + round + ": " + expected);
            assertEquals(8, h.rounds().get(r).evaluations().size(), "the budget is unchanged");
            revisited = Math.max(revisited, expected.size());
        }
        assertEquals(ExperimentDesigner.EARLIER_CHOICES_REVISITED, revisited, () -> "the most earlier choices any"
                + " round revisited; choices " + chosen.stream().map(p -> p[0]).toList());
    }

    /**
     * The acceptance test: after 4 rounds of 500 events the posterior's 95% central interval
     * holds the hidden sin²θ_W = 0.2312 and its standard deviation is below 0.8 of round 1's.
     */
    @Test
    void afterSeveralRoundsThePosteriorCoversTheTruthAndIsNarrower() {
        DesignConfig c = quick(ExperimentSpec.events(500), 4);
        List<String> log = new ArrayList<>();
        ExperimentDesigner d = ExperimentDesigner.start(c, WEINBERG, runner(c, HIDDEN), DesignOptions.silent()
                .withLog(log::add));
        DesignHistory h = d.run();
        assertEquals(4, h.rounds().size());
        DesignRound first = h.rounds().get(0);
        DesignRound last = h.rounds().get(3);
        String name = "sin2_theta_w";
        CredibleInterval c95 = last.posterior().interval(name, 0.95);
        String figures = "round sds " + h.rounds().stream().map(r -> r.posterior().standardDeviation()[0]).toList()
                + ", final 95% " + c95 + "; log " + log;
        assertTrue(c95.contains(HIDDEN), () -> "hidden value outside the final 95% interval: " + figures);
        assertTrue(last.posterior().standardDeviation()[0] < 0.8 * first.posterior().standardDeviation()[0],
                () -> "posterior not narrower after 4 rounds: " + figures);
        assertTrue(last.posteriorEntropy() < first.posteriorEntropy(), () -> figures);
        for (DesignRound r : h.rounds()) {
            assertEquals(8, r.evaluations().size());
            assertEquals(500, r.events());
            assertTrue(r.eventsSha256().matches("[0-9a-f]{64}"), r.eventsSha256());
            assertTrue(r.phi()[0] >= 40 && r.phi()[0] <= 100, () -> "chosen sqrt_s " + r.phi()[0]);
            int k = DesignConfig.DEFAULT_VERIFICATIONS;
            List<EigEstimate> fresh = r.verification();
            assertTrue(fresh.size() == k || fresh.size() == k + 1,
                    () -> "re-estimates before the choice: " + k + " and at most a rival, but found " + fresh);
            assertTrue(fresh.stream().allMatch(v -> v.datasets() == c.verificationDatasets()),
                    () -> "every re-estimate has " + c.verificationDatasets() + " datasets: " + fresh);
            if (fresh.size() == k + 1) {
                double rival = fresh.get(k).phi()[0];
                assertTrue(fresh.subList(0, k).stream().allMatch(v -> Math.abs(v.phi()[0] - rival) >= 6),
                        () -> "the rival lies at least 10% of the range from the other re-estimates: " + fresh);
            }
            assertTrue(r.verification().contains(r.chosen()), "the chosen estimate is the best re-estimate");
            assertTrue(r.verification().stream().allMatch(v -> v.value() <= r.chosen().value()),
                    () -> "the chosen re-estimate is the largest: " + r.verification());
            assertTrue(r.evaluations().stream().anyMatch(e -> java.util.Arrays.equals(e.phi(), r.phi())),
                    "the chosen setting was evaluated by the search");
            assertEquals(ExperimentDesigner.GP_CURVE_POINTS, r.gpCurve().phi().length);
            assertTrue(r.gp().lengthScales()[0] > 0);
        }
        assertEquals(2 * 4 + 2, log.size(), () -> "a surrogate line, a start line and two lines per round: " + log);
        assertEquals(4, d.posteriors().size());
        assertEquals(HIDDEN, h.hiddenTheta()[0]);
    }

    /** A run stopped after 2 rounds and resumed from its history file makes round 3 exactly as an uninterrupted run. */
    @Test
    void aResumedRunContinuesIdentically(@TempDir Path dir) throws Exception {
        DesignConfig c = quick(ExperimentSpec.events(300), 3).withSurrogate("histogram",
                new HistogramGridConfig(11, 13, 20_000, 20));
        DesignHistory straight = ExperimentDesigner.start(c, WEINBERG, runner(c, HIDDEN), DesignOptions.silent()).run();

        Path out = dir.resolve("run");
        ExperimentDesigner first = ExperimentDesigner.start(c.withRounds(2), WEINBERG, runner(c, HIDDEN),
                DesignOptions.silent().withOutput(out, true));
        first.run();
        DesignHistory saved = DesignHistory.read(out.resolve("history.json"));
        assertEquals(2, saved.rounds().size());
        ExperimentDesigner resumed = ExperimentDesigner.resume(saved, 3, WEINBERG, runner(c, HIDDEN),
                DesignOptions.silent().withOutput(out, true));
        assertEquals(first.posterior().orElseThrow().mean()[0], resumed.posterior().orElseThrow().mean()[0],
                "the posterior is restored exactly");
        DesignHistory continued = resumed.run();
        assertEquals(3, continued.rounds().size());
        for (int r = 0; r < 3; r++) {
            assertEquals(withoutTimings(straight.rounds().get(r)), withoutTimings(continued.rounds().get(r)),
                    "round " + (r + 1) + " of the resumed run differs from the uninterrupted one");
        }

        DesignHistory onDisk = DesignHistory.read(out.resolve("history.json"));
        assertEquals(DesignHistory.SCHEMA, onDisk.schema());
        assertEquals(c, onDisk.config());
        assertEquals(3, onDisk.rounds().size());
        assertEquals(c.seed(), onDisk.provenance().seeds().get("seed"));
        assertEquals(onDisk.rounds().get(2).eventsSha256(), onDisk.provenance().dataHashes().get("round-03-events"));
        int reEstimated = onDisk.rounds().get(2).verification().size();
        assertTrue(reEstimated == DesignConfig.DEFAULT_VERIFICATIONS || reEstimated == DesignConfig.DEFAULT_VERIFICATIONS
                + 1, () -> "the settings re-estimated and at most a rival: " + reEstimated);
        ObjectNode beforeVerification = (ObjectNode) Json.mapper()
                .readTree(Files.readString(out.resolve("history.json")));
        ((ObjectNode) beforeVerification.get("config")).remove("verifications");
        beforeVerification.get("rounds").forEach(n -> ((ObjectNode) n).remove("verification"));
        DesignHistory old = Json.read(beforeVerification.toString(), DesignHistory.class, "older history");
        assertEquals(0, old.config().verifications(), "a history from before verification reads without it");
        assertTrue(old.rounds().stream().allMatch(r -> r.verification().isEmpty()));
        for (String f : List.of("eig-round-01.png", "eig-round-03.png", "posterior-round-03.png", "posteriors.png")) {
            assertEquals(900, javax.imageio.ImageIO.read(out.resolve(f).toFile()).getWidth(), f);
        }
        EventCsv.Contents events = EventCsv.read(out.resolve("events-round-03.csv"));
        assertEquals(300, events.dataset().size());
        assertEquals(onDisk.rounds().get(2).eventsSha256(), events.dataset().sha256());

        var otherTruth = assertThrows(InvalidInputException.class, () -> ExperimentDesigner.resume(onDisk, 4, WEINBERG,
                runner(c, 0.25), DesignOptions.silent()));
        assertTrue(otherTruth.getMessage().contains("simulated at [0.2312]"), otherTruth.getMessage());
        var otherSimulator = assertThrows(InvalidInputException.class, () -> ExperimentDesigner.resume(onDisk, 4,
                new ToyGaussianSimulator(), runner(c, HIDDEN), DesignOptions.silent()));
        assertTrue(otherSimulator.getMessage().contains("expected the simulator 'weinberg-lo'"),
                otherSimulator.getMessage());
    }

    private static JsonNode withoutTimings(DesignRound round) {
        ObjectNode node = Json.mapper().valueToTree(round);
        node.remove("eigSeconds");
        node.remove("updateSeconds");
        return node;
    }

    /**
     * A fixed luminosity: the event count varies with √s and is Poisson; the run completes, the
     * posterior covers the hidden value (95%), and an experiment that records no events still
     * updates the posterior through the rate term.
     */
    @Test
    void theFixedLuminosityModeRuns() {
        DesignConfig c = quick(ExperimentSpec.luminosity(0.5), 2);
        ExperimentDesigner d = ExperimentDesigner.start(c, WEINBERG, runner(c, HIDDEN), DesignOptions.silent());
        DesignHistory h = d.run();
        for (DesignRound r : h.rounds()) {
            double expected = 0.5 * org.robotphysicist.data.simulator.WeinbergLoPhysics.crossSectionPb(HIDDEN, r.phi()[0]);
            assertTrue(Math.abs(r.events() - expected) < 5 * Math.sqrt(expected) + 3, () -> r.events()
                    + " events at sqrt_s = " + r.phi()[0] + ", expected Poisson(" + expected + ")");
        }
        assertTrue(h.rounds().get(1).posterior().interval("sin2_theta_w", 0.95).contains(HIDDEN),
                () -> "final posterior " + h.rounds().get(1).posterior());
        assertEquals(ExperimentSpec.Mode.LUMINOSITY, h.config().experiment().mode());

        DesignConfig more = c.withRounds(3);
        ExperimentDesigner e = ExperimentDesigner.start(more, WEINBERG, runner(more, HIDDEN), DesignOptions.silent());
        RoundProposal p = e.propose();
        GridPosterior prior = e.expectedInformationGain().priorOnGrid(e.currentPrior());
        DesignRound empty = e.record(p, Matrix.of(0, 1, new double[0]));
        assertEquals(0, empty.events());
        assertNull(empty.eventsSha256());
        assertTrue(empty.posteriorEntropy() != prior.entropy(), "no events still tell the rate exp(-L sigma)");
    }

    /** The caller can run the experiment itself: propose, measure, record; out-of-order records are refused. */
    @Test
    void proposalsAndRecordsFromTheCaller() {
        DesignConfig c = quick(ExperimentSpec.events(200), 2).withEig(16, 5, 3);
        ExperimentRunner apparatus = new ExperimentRunner() {
            @Override
            public Matrix run(int round, double[] phi, SplittableRandom rng) {
                return WEINBERG.simulate(new double[] {0.24}, phi, 200, new SplittableRandom(round));
            }

            @Override
            public String describe() {
                return "the apparatus";
            }
        };
        ExperimentDesigner d = ExperimentDesigner.start(c, WEINBERG, apparatus, DesignOptions.silent());
        RoundProposal p = d.propose();
        assertEquals(1, p.round());
        assertEquals(p.phi()[0], d.propose().phi()[0], "proposing again without recording gives the same setting");
        DesignRound r1 = d.record(p, apparatus.run(1, p.phi(), null));
        assertThrows(InvalidInputException.class, () -> d.record(p, apparatus.run(1, p.phi(), null)));
        var wrongShape = assertThrows(InvalidInputException.class, () -> d.record(d.propose(), Matrix.of(2, 2,
                new double[4])));
        assertTrue(wrongShape.getMessage().contains("expected 1 columns"), wrongShape.getMessage());
        d.run();
        var done = assertThrows(InvalidInputException.class, d::propose);
        assertTrue(done.getMessage().contains("all 2 rounds are done"), done.getMessage());
        assertNull(d.history().hiddenTheta(), "a real apparatus has no known truth");
        assertEquals("the apparatus", d.history().runner());
        assertEquals(r1, d.rounds().get(0));
    }

    @Test
    void badInputIsRejectedBeforeAnyWork() {
        DesignConfig c = quick(ExperimentSpec.events(100), 2);
        var phi = assertThrows(OutOfSupportException.class, () -> ExperimentDesigner.start(
                DesignConfig.defaults(c.thetaRange(), Box.interval(5, 100)).withRounds(2).withGridPoints(101)
                        .withExperiment(c.experiment()).withEig(8, 4, 2).withSeed(1),
                WEINBERG, runner(c, HIDDEN), DesignOptions.silent()));
        assertTrue(phi.getMessage().contains("phi range [sqrt_s]: expected a box inside the simulator's domain"
                + " Box[[10.0, 500.0]] but found Box[[5.0, 100.0]]"), phi.getMessage());
        var rounds = assertThrows(InvalidInputException.class, () -> c.withRounds(0));
        assertTrue(rounds.getMessage().contains("rounds: expected at least 1 experiment to design but found 0"),
                rounds.getMessage());
        var hidden = assertThrows(OutOfSupportException.class, () -> ExperimentDesigner.start(c, WEINBERG,
                runner(c, 0.4), DesignOptions.silent()));
        assertTrue(hidden.getMessage().contains("hidden theta [sin2_theta_w]: expected a value inside the prior range"
                + " Box[[0.15, 0.35]] but found [0.4]"), hidden.getMessage());
        var theta = assertThrows(OutOfSupportException.class, () -> ExperimentDesigner.start(
                DesignConfig.defaults(Box.interval(0, 0.5), c.phiRange()).withRounds(2).withGridPoints(101)
                        .withExperiment(c.experiment()).withEig(8, 4, 2)
                        .withSurrogate("exact", HistogramGridConfig.defaults()).withSeed(1),
                WEINBERG, runner(c, HIDDEN), DesignOptions.silent()));
        assertTrue(theta.getMessage().contains("theta prior range"), theta.getMessage());
        var budget = assertThrows(InvalidInputException.class, () -> c.withEig(8, 3, 4));
        assertTrue(budget.getMessage().contains("1 <= initial points <= evaluations"), budget.getMessage());
        var events = assertThrows(InvalidInputException.class, () -> new ExperimentSpec(ExperimentSpec.Mode.EVENTS, 2.5));
        assertTrue(events.getMessage().contains("whole number"), events.getMessage());
        var lumi = assertThrows(InvalidInputException.class, () -> ExperimentSpec.luminosity(-1));
        assertTrue(lumi.getMessage().contains("expected a value > 0"), lumi.getMessage());
        var unknown = assertThrows(InvalidInputException.class, () -> ExperimentDesigner.start(
                c.withSurrogate("flow", HistogramGridConfig.defaults()), WEINBERG, runner(c, HIDDEN),
                DesignOptions.silent()));
        assertTrue(unknown.getMessage().contains("expected one of " + SurrogateRegistry.discover().names()
                + " but found 'flow'"), unknown.getMessage());
    }

    @Test
    void configRoundTripsThroughJson() {
        DesignConfig c = quick(ExperimentSpec.luminosity(2.5), 3);
        assertEquals(c, Json.read(Json.write(c), DesignConfig.class, "test"));
        assertTrue(Files.notExists(Path.of("history.json")), "no files are written without an output directory");
    }
}
