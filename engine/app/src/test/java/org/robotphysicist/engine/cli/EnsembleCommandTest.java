package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.engine.design.loop.DesignHistory;
import org.robotphysicist.engine.design.loop.DesignRound;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SurrogateFiles;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * {@code --ensemble K} and {@code --time-budget} on the command line, on the toy Gaussian with tiny
 * MAFs (2 000 rows, one hidden layer of 8 units): {@code rp train} writes one file holding every
 * member and stops each on its share of the budget, {@code rp posterior} prints the members' spread,
 * {@code rp design} records it per round and resumes; bad budgets are refused.
 */
class EnsembleCommandTest {
    private static final String[] TOY = {"--simulator", "toy-gaussian", "--prior", "-2,2", "--phi-range", "0.5,2"};
    private static final String[] TINY_MAF = {"--surrogate", "maf", "--training-rows", "2000", "--hidden-layers", "1",
        "--hidden-width", "8", "--device", "cpu", "--no-plot"};

    @TempDir
    Path dir;

    private static String[] join(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    /**
     * A budget of one millisecond, shared by two members, runs out during each member's first epoch
     * (an epoch of 1 800 rows plus its validation takes longer on any machine), so both stop after
     * epoch 1 of 3 and the run says so.
     */
    @Test
    void trainWritesEveryMemberStopsOnTheBudgetAndPosteriorPrintsTheSpread() {
        Path model = dir.resolve("two.rpm");
        CliRun train = CliRun.of(join(new String[] {"train"}, TOY, TINY_MAF, new String[] {"--epochs", "3",
            "--ensemble", "2", "--time-budget", "1ms", "--no-certify", "-o", model.toString()}));
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("trained ensemble of 2 maf networks"), train.out());
        assertTrue(train.out().contains("stopped on the time budget: time budget used up by 2 of 2 members"),
                train.out());
        try (TrainedSurrogate s = SurrogateFiles.load(model, LoadOptions.defaults())) {
            SurrogateEnsemble e = assertInstanceOf(SurrogateEnsemble.class, s);
            for (TrainedSurrogate m : e.members()) {
                assertEquals(1, m.trainingCurve().epochs().size(), m.trainingCurve().stopReason());
                assertTrue(m.trainingCurve().stopReason().contains("after epoch 1 of 3"),
                        m.trainingCurve().stopReason());
            }
        }
        Path events = dir.resolve("events.csv");
        CliRun simulate = CliRun.of("simulate", "--simulator", "toy-gaussian", "--theta", "0.3", "--phi", "1",
                "--events", "40", "--seed", "1", "--out", events.toString());
        assertEquals(0, simulate.exit(), simulate.err());
        CliRun posterior = CliRun.of("posterior", "--model", model.toString(), "--simulator", "toy-gaussian",
                "--events", events.toString(), "--no-plot", "--out", dir.resolve("p.json").toString());
        assertEquals(0, posterior.exit(), posterior.err());
        assertTrue(posterior.out().contains("ensemble of 2: mu spread of the member means"), posterior.out());
        assertTrue(posterior.out().contains("(the posterior above is their mixture); members: "), posterior.out());
        assertTrue(readString(dir.resolve("p.json")).contains("\"meanSpread\""), "the JSON carries the spread");
    }

    @Test
    void badBudgetsAndEnsembleSizesAreRefusedClearly() {
        for (String budget : new String[] {"0s", "-5m", "soon"}) {
            CliRun r = CliRun.of(join(new String[] {"train"}, TOY, TINY_MAF, new String[] {"--time-budget", budget,
                "-o", dir.resolve("x.rpm").toString()}));
            assertEquals(Rp.EXIT_INVALID_INPUT, r.exit(), budget + ": " + r.err());
            assertTrue(r.err().contains("training time budget: expected a"), r.err());
        }
        CliRun none = CliRun.of(join(new String[] {"train"}, TOY, TINY_MAF, new String[] {"--ensemble", "0", "-o",
            dir.resolve("y.rpm").toString()}));
        assertEquals(Rp.EXIT_INVALID_INPUT, none.exit(), none.err());
        assertTrue(none.err().contains("ensemble members: expected 1 to 64 but found 0"), none.err());
    }

    @Test
    void designRecordsTheSpreadEveryRoundAndResumes() {
        Path out = dir.resolve("design");
        CliRun r = CliRun.of(join(new String[] {"design"}, TOY, TINY_MAF, new String[] {"--epochs", "1",
            "--ensemble", "2", "--rounds", "2", "--events", "60", "--eig-datasets", "4", "--evaluations", "3",
            "--initial-points", "2", "--grid", "41", "-q", "--out", out.toString()}));
        assertEquals(0, r.exit(), r.err());
        DesignHistory h = DesignHistory.read(out.resolve("history.json"));
        assertEquals(2, h.config().training().ensembleMembers());
        for (DesignRound round : h.rounds()) {
            assertNotNull(round.ensemble(), "round " + round.round());
            assertEquals(2, round.ensemble().spread().members());
            assertTrue(round.ensemble().spread().meanSpread()[0] > 0, "round " + round.round() + " spread "
                    + round.ensemble().spread().meanSpread()[0]);
        }
        double[][] totals = new double[2][];
        for (DesignRound round : h.rounds()) {
            double[][] each = round.ensemble().memberLogLikelihoods();
            for (int k = 0; k < 2; k++) {
                totals[k] = totals[k] == null ? each[k] : add(totals[k], each[k]);
            }
        }
        var prior = new org.robotphysicist.data.prior.UniformBoxPrior(h.config().thetaRange());
        var grid = org.robotphysicist.data.RegularGrid.of(h.config().thetaLower()[0], h.config().thetaUpper()[0], 41);
        java.util.List<GridPosterior> members = new java.util.ArrayList<>();
        for (double[] total : totals) {
            members.add(GridPosterior.fromLogLikelihood(prior, grid, h.dimensions().thetaNames(), total));
        }
        GridPosterior mixture = GridPosterior.mixture(members);
        assertEquals(mixture.mean()[0], h.rounds().get(1).posterior().mean()[0], 1e-9,
                "after round 2 the loop's posterior is the mixture of the member posteriors given both rounds");
        assertEquals(mixture.standardDeviation()[0], h.rounds().get(1).posterior().standardDeviation()[0], 1e-9);
        CliRun more = CliRun.of("design", "--resume", "--rounds", "3", "--no-plot", "-q", "--out", out.toString());
        assertEquals(0, more.exit(), more.err());
        DesignHistory resumed = DesignHistory.read(out.resolve("history.json"));
        assertEquals(3, resumed.rounds().size());
        assertNotNull(resumed.rounds().get(2).ensemble());
    }

    private static double[] add(double[] a, double[] b) {
        double[] out = a.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] += b[j];
        }
        return out;
    }

    private static String readString(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
