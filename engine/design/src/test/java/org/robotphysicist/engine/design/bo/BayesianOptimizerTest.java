package org.robotphysicist.engine.design.bo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.NonFiniteValueException;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.engine.design.acquisition.AcquisitionMaximizer;
import org.robotphysicist.engine.design.acquisition.Goal;
import org.robotphysicist.engine.design.gp.GaussianProcess;
import org.robotphysicist.engine.design.gp.GpConfig;
import org.robotphysicist.engine.design.gp.Prediction;

class BayesianOptimizerTest {
    private static final BenchmarkFunctions BRANIN = BenchmarkFunctions.branin();

    private static BoConfig fast() {
        return BoConfig.defaults().withGoal(Goal.MINIMIZE).withGp(GpConfig.defaults().withRestarts(1))
                .withSearch(new AcquisitionMaximizer.Settings(256, 2, 30));
    }

    private static void evaluate(BayesianOptimizer bo, Matrix points) {
        for (int i = 0; i < points.rows(); i++) {
            double[] x = points.row(i);
            bo.observe(x, BRANIN.value(x));
        }
    }

    @Test
    void resumedOptimizerMakesIdenticalSuggestions(@TempDir Path dir) {
        BayesianOptimizer original = BayesianOptimizer.start(BRANIN.domain(), fast(), 77);
        for (int i = 0; i < 9; i++) {
            evaluate(original, original.suggest(1));
        }
        Path file = dir.resolve("history.json");
        original.save(file);
        BayesianOptimizer resumed = BayesianOptimizer.resume(file);
        assertEquals(original.evaluations(), resumed.evaluations());
        for (int round = 0; round < 3; round++) {
            int q = round == 1 ? 3 : 1;
            Matrix a = original.suggest(q);
            Matrix b = resumed.suggest(q);
            assertEquals(a, b, "round " + round + ": original " + a + " vs resumed " + b);
            evaluate(original, a);
            evaluate(resumed, b);
        }
        BoHistory h = Json.readFile(file, BoHistory.class);
        assertEquals(BoHistory.SCHEMA, h.schema());
        assertEquals(77L, h.provenance().seeds().get("seed"));
        assertEquals(9, h.evaluations().size());
        assertEquals(fast(), h.config());
        assertTrue(h.provenance().versions().containsKey("java"), () -> "provenance versions " + h.provenance().versions());
        assertFalse(Files.exists(dir.resolve("history.json.tmp")));
    }

    @Test
    void sameSeedSameSuggestionsOtherSeedOtherDesign() {
        BayesianOptimizer a = BayesianOptimizer.start(BRANIN.domain(), fast(), 5);
        BayesianOptimizer b = BayesianOptimizer.start(BRANIN.domain(), fast(), 5);
        BayesianOptimizer c = BayesianOptimizer.start(BRANIN.domain(), fast(), 6);
        Matrix da = a.suggest(5);
        assertEquals(da, b.suggest(5));
        assertNotEquals(da, c.suggest(5));
        for (int i = 0; i < da.rows(); i++) {
            assertTrue(BRANIN.domain().contains(da.row(i)), () -> "design point outside the domain: " + da);
        }
    }

    @Test
    void batchSuggestionsAreDistinctForBothStrategies() {
        for (BatchStrategy strategy : BatchStrategy.values()) {
            BayesianOptimizer bo = BayesianOptimizer.start(BRANIN.domain(), fast().withBatch(strategy), 3);
            assertTrue(bo.lastReport().isEmpty());
            evaluate(bo, bo.suggest(8));
            assertTrue(bo.lastReport().orElseThrow().fromDesign(), () -> "report " + bo.lastReport());
            Matrix batch = bo.suggest(4);
            SuggestionReport report = bo.lastReport().orElseThrow();
            assertFalse(report.fromDesign());
            assertEquals(8, report.evaluations());
            assertEquals(4, report.acquisitionValues().length);
            assertTrue(report.likelihoodEvaluations() > 0 && report.fitSeconds() > 0 && report.acquisitionSeconds() > 0,
                    () -> "report " + report);
            assertEquals(bo.lastModel().orElseThrow().hyperparameters(), report.hyperparameters());
            assertEquals(4, batch.rows());
            double closest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < 4; i++) {
                assertTrue(BRANIN.domain().contains(batch.row(i)), () -> strategy + ": outside the domain " + batch);
                for (int j = 0; j < i; j++) {
                    double s = 0;
                    for (int c = 0; c < 2; c++) {
                        double w = BRANIN.domain().upper(c) - BRANIN.domain().lower(c);
                        s += Math.pow((batch.get(i, c) - batch.get(j, c)) / w, 2);
                    }
                    closest = Math.min(closest, Math.sqrt(s));
                }
            }
            double cl = closest;
            assertTrue(closest > 1e-3, () -> strategy + ": closest pair in the batch at unit-box distance " + cl + ": "
                    + batch);
            assertTrue(bo.lastModel().isPresent());
        }
    }

    @Test
    void maximizesANoisyObjectiveWithKnownNoiseUsingUcb() {
        // f(φ) = −(φ − 0.3)² observed with noise sd 0.05, given as a known noise variance.
        Box domain = Box.interval(-1, 1);
        BoConfig cfg = BoConfig.defaults().withAcquisition(AcquisitionKind.UPPER_CONFIDENCE_BOUND)
                .withGp(GpConfig.defaults().withRestarts(1)).withSearch(new AcquisitionMaximizer.Settings(128, 2, 30));
        BayesianOptimizer bo = BayesianOptimizer.start(domain, cfg, 11);
        SplittableRandom noise = new SplittableRandom(12);
        for (int i = 0; i < 25; i++) {
            double[] phi = bo.suggest(1).row(0);
            bo.observe(phi, -(phi[0] - 0.3) * (phi[0] - 0.3) + 0.05 * noise.nextGaussian(), 0.05 * 0.05);
        }
        GaussianProcess gp = bo.fitModel(new SplittableRandom(13));
        int m = 401;
        double[] grid = new double[m];
        for (int i = 0; i < m; i++) {
            grid[i] = -1 + 2.0 * i / (m - 1);
        }
        Prediction p = gp.predict(Matrix.ofColumn(grid));
        int arg = 0;
        for (int i = 1; i < m; i++) {
            arg = p.mean(i) > p.mean(arg) ? i : arg;
        }
        double argmax = grid[arg];
        assertTrue(Math.abs(argmax - 0.3) < 0.1, () -> "GP-mean maximizer " + argmax + " vs true 0.3 (tolerance 0.1)");
        assertTrue(gp.hyperparameters().noiseVariance() >= 0);
    }

    @Test
    void badInputGetsClearErrors(@TempDir Path dir) throws Exception {
        BayesianOptimizer bo = BayesianOptimizer.start(BRANIN.domain(), fast(), 1);
        NonFiniteValueException nan = assertThrows(NonFiniteValueException.class,
                () -> bo.observe(new double[] {0, 1}, Double.NaN));
        assertTrue(nan.getMessage().contains("observed value"), nan.getMessage());
        OutOfSupportException out = assertThrows(OutOfSupportException.class,
                () -> bo.observe(new double[] {11, 1}, 1.0));
        assertTrue(out.getMessage().contains("11"), out.getMessage());
        assertThrows(DimensionMismatchException.class, () -> bo.observe(new double[] {1}, 1.0));
        assertThrows(NonFiniteValueException.class, () -> bo.observe(new double[] {Double.NaN, 1}, 1.0));
        assertThrows(InvalidInputException.class, () -> bo.observe(new double[] {0, 1}, 1.0, -0.1));
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> bo.fitModel(new SplittableRandom(1)));
        assertTrue(empty.getMessage().contains("at least one observation"), empty.getMessage());
        assertThrows(InvalidInputException.class, () -> bo.suggest(0));
        assertThrows(InvalidInputException.class, () -> BayesianOptimizer.start(Box.unbounded(2), fast(), 1));
        assertThrows(InvalidInputException.class, () -> BayesianOptimizer.start(new Box(new double[] {0, 1},
                new double[] {0, 2}), fast(), 1));
        assertTrue(bo.evaluations().isEmpty(), () -> "rejected evaluations must not be recorded: " + bo.evaluations());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schema\": \"something-else\"}");
        assertThrows(MalformedDataException.class, () -> BayesianOptimizer.resume(bad));
        bo.observe(new double[] {0, 1}, 3.0);
        Path good = dir.resolve("good.json");
        bo.save(good);
        Files.writeString(bad, Files.readString(good).replace(BoHistory.SCHEMA, "robot-physicist/bo-history/v0"));
        MalformedDataException schema = assertThrows(MalformedDataException.class, () -> BayesianOptimizer.resume(bad));
        assertTrue(schema.getMessage().contains(BoHistory.SCHEMA), schema.getMessage());
        Files.writeString(bad, Files.readString(good).replace("\"value\" : 3.0", "\"value\" : \"NaN\""));
        assertThrows(InvalidInputException.class, () -> BayesianOptimizer.resume(bad));
    }
}
