package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.compute.Cancellation;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.posterior.EnsembleSpread;
import org.robotphysicist.engine.posterior.GridPosterior;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.engine.posterior.SurrogatePosterior;
import org.robotphysicist.engine.posterior.ThetaGrid;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.engine.posterior.sampling.SamplerChoice;
import org.robotphysicist.engine.server.ApiServer;
import org.robotphysicist.engine.server.ServerConfig;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.TrainedSurrogate;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * Surrogate ensembles through the facade, on the toy Gaussian with tiny MAFs (2 000 rows,
 * one epoch, one hidden layer of 8 units per block): an ensemble of one is the single model; three members
 * differ, their posterior is the equal-weight mixture and the reported spread is what the member
 * posteriors give directly; a saved ensemble reads back to the same posterior, also from {@code POST /posterior}; the certificate is
 * measured on the mixture; MCMC samples the mixture by pooling each member's draws; tabulated kinds,
 * which cannot form an ensemble, say so.
 */
class SurrogateEnsembleTest {
    private static final double[] PHI = {1.0};
    private static RobotPhysicist rp;
    private static TrainedModel single;
    private static TrainedModel three;
    private static Observation observed;

    @TempDir
    Path dir;

    private static TrainOptions tiny() {
        return TrainOptions.defaults("maf").withTraining(2000, 1, DeviceRequest.CPU).withEventsPerExperiment(40)
                .withControls(TrainOptions.defaults("maf").training().withRowsAndEpochs(2000, 1)
                        .withNetwork(1, 8).withSeed(7));
    }

    @BeforeAll
    static void train() {
        ToyGaussianSimulator toy = new ToyGaussianSimulator(Box.interval(-2, 2));
        rp = RobotPhysicist.forSimulator(toy).prior(Box.interval(-2, 2)).settings(Box.interval(0.5, 1.5));
        single = rp.train(tiny());
        three = rp.train(tiny().withEnsemble(3));
        Matrix x = toy.simulate(new double[] {0.4}, PHI, 40, new SplittableRandom(5));
        observed = new Observation(x, PHI);
    }

    @AfterAll
    static void close() {
        single.close();
        three.close();
    }

    private static PosteriorResult posterior(org.robotphysicist.models.SurrogateLikelihood s) {
        return rp.posterior(s, observed, PosteriorOptions.defaults().withGridPoints(201));
    }

    @Test
    void anEnsembleOfOneIsTheSingleModel() {
        SurrogateEnsemble three = assertInstanceOf(SurrogateEnsemble.class, SurrogateEnsembleTest.three.surrogate());
        Matrix grid = Matrix.ofColumn(new double[] {-1.5, -0.2, 0.4, 1.7});
        Matrix phis = Matrix.ofColumn(new double[] {1, 1, 1, 1});
        Matrix xs = Matrix.ofColumn(new double[] {0.3, -1, 2, 0.9});
        assertArrayEquals(((TrainedSurrogate) single.surrogate()).logLikelihood(xs, grid, phis),
                three.members().get(0).logLikelihood(xs, grid, phis), 0,
                "member 0 has the build's own seed, so it is the network a single build trains");
        PosteriorResult alone = posterior(single.surrogate());
        try (SurrogateEnsemble one = SurrogateEnsemble.of(List.of(((TrainedSurrogate) single.surrogate())
                .copyWithRangePolicy(((TrainedSurrogate) single.surrogate()).rangePolicy())))) {
            PosteriorResult r = posterior(one);
            assertArrayEquals(alone.density(), r.density(), 1e-9, "the mixture of one posterior is that posterior");
            assertEquals(0.0, r.ensemble().meanSpread()[0]);
            assertEquals(1, r.ensemble().members());
        }
        assertNull(alone.ensemble(), "a single surrogate reports no spread");
        assertEquals(1, single.ensembleMembers());
        assertEquals(3, SurrogateEnsembleTest.three.ensembleMembers());
    }

    @Test
    void threeMembersDifferAndTheReportedSpreadIsTheirs() {
        SurrogateEnsemble ensemble = (SurrogateEnsemble) three.surrogate();
        PosteriorResult r = posterior(ensemble);
        List<GridPosterior> members = new ArrayList<>();
        for (TrainedSurrogate m : ensemble.members()) {
            members.add(posterior(m).posterior());
        }
        double[] means = members.stream().mapToDouble(p -> p.mean()[0]).toArray();
        double average = (means[0] + means[1] + means[2]) / 3;
        double direct = Math.sqrt(((means[0] - average) * (means[0] - average) + (means[1] - average)
                * (means[1] - average) + (means[2] - average) * (means[2] - average)) / 2);
        EnsembleSpread spread = r.ensemble();
        assertTrue(direct > 1e-4, "members trained on their own seeds and rows differ: spread " + direct);
        assertEquals(direct, spread.meanSpread()[0], 1e-12, "the reported spread of the member means");
        assertTrue(spread.sdSpread()[0] > 0, "member sds differ too: " + spread.sdSpread()[0]);
        assertEquals(average, r.summary().mean()[0], 1e-9, "the mixture's mean is the members' average");
        double within = 0;
        for (GridPosterior m : members) {
            within += m.standardDeviation()[0] * m.standardDeviation()[0] / 3;
        }
        double total = Math.sqrt(within + 2.0 / 3 * direct * direct);
        assertEquals(total, r.summary().standardDeviation()[0], 1e-9,
                "law of total variance: mean member variance plus the variance of the member means");
        double[] probabilities = r.posterior().probabilities();
        double[] mixed = new double[probabilities.length];
        for (GridPosterior m : members) {
            double[] p = m.probabilities();
            for (int j = 0; j < p.length; j++) {
                mixed[j] += p[j] / 3;
            }
        }
        assertArrayEquals(mixed, probabilities, 1e-12, "cell masses are the mean of the members'");
    }

    @Test
    void theCertifierAndEveryGridPosteriorUseTheMixture() {
        SurrogateEnsemble ensemble = (SurrogateEnsemble) three.surrogate();
        ThetaGrid grid = ThetaGrid.of(org.robotphysicist.data.RegularGrid.of(-2, 2, 101));
        SurrogatePosterior target = SurrogatePosterior.of(rp.prior(), PosteriorEvaluator.forSurrogate(ensemble,
                Cancellation.none()), List.of(observed));
        assertTrue(target.isEnsemble());
        assertArrayEquals(GridPosterior.mixture(target.memberPosteriors(grid)).probabilities(),
                target.onGrid(grid).probabilities(), 0, "onGrid, which the certifier's trials use, is the mixture");
        Matrix points = Matrix.ofColumn(-0.3, 0.1, 0.6);
        var point = assertThrows(InvalidInputException.class, () -> target.logDensity(points));
        assertTrue(point.getMessage().contains("expected a sampler of each member's posterior"), point.getMessage());
        assertEquals(3, target.memberTargets().size());
        assertArrayEquals(SurrogatePosterior.of(rp.prior(), PosteriorEvaluator.forSurrogate(ensemble.members().get(1),
                Cancellation.none()), List.of(observed)).logDensity(points), target.memberTargets().get(1)
                .logDensity(points), 0, "member target 1 is member 1's posterior");
        TrainedModel certified = rp.certify(three, PHI, CertificationConfig.defaults(40).withDatasets(20));
        assertEquals(20, certified.calibration().orElseThrow().datasets());
    }

    @Test
    void aSavedEnsembleReadsBackToTheSamePosteriorAndSpread() throws Exception {
        Path file = dir.resolve("three.rpm");
        three.save(file);
        PosteriorResult before = posterior(three.surrogate());
        try (TrainedModel loaded = rp.load(file, LoadOptions.defaults())) {
            assertEquals(3, loaded.ensembleMembers());
            assertTrue(loaded.description().startsWith("ensemble of 3 maf networks"),
                    loaded.description());
            PosteriorResult after = posterior(loaded.surrogate());
            assertArrayEquals(before.density(), after.density(), 0);
            assertArrayEquals(before.ensemble().meanSpread(), after.ensemble().meanSpread(), 0);
            assertEquals("toy-gaussian", ((TrainedSurrogate) loaded.surrogate()).provenance().config()
                    .get("simulator"), "the members' shared provenance names the simulator");
        }
        ApiServer server = ApiServer.start(ServerConfig.defaults(java.util.Map.of("e", file))
                .withAddress("127.0.0.1", 0), line -> { });
        try {
            String request = org.robotphysicist.data.io.Json.write(java.util.Map.of("model", "e", "phi", PHI,
                    "events", observed.events().column(0), "grid", 201));
            var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.uri() + "/posterior")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            var spread = org.robotphysicist.data.io.Json.mapper().readTree(answer.body()).get("ensemble");
            assertEquals(before.ensemble().meanSpread()[0], spread.get("meanSpread").get(0).asDouble(), 1e-12,
                    "POST /posterior answers with the spread: " + spread);
        } finally {
            server.close();
        }
    }

    /**
     * By MCMC each member posterior has its own chains and the mixture's draws are theirs pooled in
     * equal numbers: the member means and sds agree with the member grid posteriors, the pooled mean
     * and sd with the grid mixture's, and the returned draws come a third from each member. Tolerances:
     * the posterior sd is about 0.16 (40 events) and each member keeps 16 000 draws of effective size
     * in the thousands, so Monte Carlo errors are a few thousandths; 0.02 is several times that.
     */
    @Test
    void mcmcSamplesTheMixtureByPoolingEachMembersDraws() {
        SurrogateEnsemble ensemble = (SurrogateEnsemble) three.surrogate();
        PosteriorResult grid = posterior(ensemble);
        PosteriorResult mcmc = rp.posterior(ensemble, List.of(observed), PosteriorOptions.defaults()
                .withSampler(SamplerChoice.MCMC).withSamples(3000).withSeed(11), Cancellation.none());
        assertEquals(SamplerChoice.MCMC, mcmc.sampler());
        assertNull(mcmc.posterior(), "no grid");
        EnsembleSpread spread = mcmc.ensemble();
        assertEquals(3, spread.members());
        for (int k = 0; k < 3; k++) {
            double gridMean = grid.ensemble().memberMeans()[k][0];
            double gridSd = grid.ensemble().memberSds()[k][0];
            assertEquals(gridMean, spread.memberMeans()[k][0], 0.02, "member " + k + "'s mean by MCMC");
            assertEquals(gridSd, spread.memberSds()[k][0], 0.1 * gridSd, "member " + k + "'s sd by MCMC");
        }
        assertEquals(grid.summary().mean()[0], mcmc.summary().mean()[0], 0.02, "the mixture's mean");
        assertEquals(grid.summary().standardDeviation()[0], mcmc.summary().standardDeviation()[0], 0.02,
                "the mixture's sd");
        // The MAP: of the member MAPs, the one of highest mean member log-density (read off the member grids).
        List<GridPosterior> memberGrids = new ArrayList<>();
        for (TrainedSurrogate m : ensemble.members()) {
            memberGrids.add(posterior(m).posterior());
        }
        double[] score = new double[3];
        for (int c = 0; c < 3; c++) {
            double[] own = memberGrids.get(c).logDensity();
            int at = java.util.stream.IntStream.range(0, own.length).reduce((i, j) -> own[j] > own[i] ? j : i)
                    .orElseThrow();
            for (GridPosterior g : memberGrids) {
                score[c] += g.logDensity()[at] / 3;
            }
        }
        int best = score[0] >= score[1] && score[0] >= score[2] ? 0 : score[1] >= score[2] ? 1 : 2;
        assertEquals(memberGrids.get(best).map()[0], mcmc.summary().map()[0], 0.03, "the MAP: member MAPs "
                + memberGrids.stream().map(g -> g.map()[0]).toList() + " scored " + java.util.Arrays.toString(score));
        Matrix draws = mcmc.samples().draws();
        assertEquals(3000, draws.rows());
        for (int k = 0; k < 3; k++) {
            double blockMean = java.util.Arrays.stream(draws.rowRange(1000 * k, 1000 * (k + 1)).column(0))
                    .average().orElseThrow();
            assertEquals(grid.ensemble().memberMeans()[k][0], blockMean, 0.03,
                    "draws " + 1000 * k + " to " + (1000 * (k + 1) - 1) + " are member " + k + "'s");
        }
        assertTrue(mcmc.mcmc().maxRhat() < 1.01, "the worst member's R-hat: " + mcmc.mcmc().maxRhat());
    }

    @Test
    void tabulatedKindsThatCannotServeAnEnsembleSaySo() {
        var histogram = assertThrows(InvalidInputException.class, () -> rp.train(TrainOptions.defaults("histogram")
                .withEnsemble(2)));
        assertTrue(histogram.getMessage().contains("expected a trained kind") && histogram.getMessage()
                .contains("'histogram' is tabulated"), histogram.getMessage());
        var zero = assertThrows(InvalidInputException.class, () -> tiny().withEnsemble(0));
        assertTrue(zero.getMessage().contains("ensemble members: expected 1 to 64 but found 0"), zero.getMessage());
    }
}
