package org.robotphysicist.engine.posterior.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.engine.posterior.DelegatingSurrogate;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.SurrogateArguments;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.file.ModelFile;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.models.flow.ConditionalFlow;
import org.robotphysicist.models.flow.FlowEvaluator;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.neural.Standardizer;

/**
 * The calibration certificate on the toy Gaussian x ~ N(μ, 1), μ ~ U(−3, 3), 5 events per
 * experiment, 1000 prior-predictive datasets on a 601-point grid (spacing 0.01 against a posterior
 * sd of 0.45, so a cell holds under 1% of the posterior and barely biases coverage). With 1000
 * datasets the binomial standard error of a coverage is at most 0.016, so the tolerance ±0.05 is
 * at least 3.2 standard errors: the exact likelihood must pass, and a likelihood raised to the
 * power 2 (posterior sd 1/√2 of the truth; coverage 0.37 at level 0.5) must be flagged.
 */
class CalibrationCertifierTest {
    private static final ToyGaussianSimulator TOY = new ToyGaussianSimulator();
    private static final UniformBoxPrior PRIOR = UniformBoxPrior.interval(-3, 3);
    private static final double[] PHI = {1.0};
    private static final CertificationConfig SETTINGS = CertificationConfig.defaults(5).withGridPointsPerDimension(601)
            .withSeed(11);

    @TempDir
    Path dir;

    /** The exact log-likelihood times 2: an overconfident surrogate. */
    static final class Squared extends DelegatingSurrogate {
        Squared() {
            super(new ExactLikelihood(TOY));
        }

        @Override
        public double[] logLikelihood(Matrix x, Matrix theta, Matrix phi) {
            SurrogateArguments.requireRowAligned(this, x, theta, phi);
            double[] out = inner.logLikelihood(x, theta, phi);
            for (int i = 0; i < out.length; i++) {
                out[i] *= 2;
            }
            return out;
        }
    }

    @Test
    void theExactLikelihoodIsCertifiedCalibrated() {
        CalibrationCertificate c = CalibrationCertifier.certify(new ExactLikelihood(TOY), TOY, PRIOR, PHI, SETTINGS);
        System.out.print(c.table());
        for (int i = 0; i < c.levels().size(); i++) {
            assertClose("exact likelihood coverage at " + c.levels().get(i) + "\n" + c.table(), c.levels().get(i),
                    c.coverage().get(i), 0.05);
        }
        assertTrue(c.withinTolerance(), c::table);
        assertTrue(c.sbcPValue() > 0.01, c::table);
        assertClose("mean shift of the exact likelihood against itself", 0, c.meanShiftInExactSd().get(0), 1e-9);
        assertClose("sd ratio of the exact likelihood against itself", 1, c.sdRatioToExact().get(0), 1e-9);
        assertEquals(List.of("mu"), c.parameters());
        assertEquals(1000, c.datasets());
        assertEquals(5, c.eventsPerExperiment());
        assertEquals(11, c.seed());
        assertEquals(List.of(1.0), c.phi());
        org.robotphysicist.data.testing.RecordingProgressReporter counting =
                new org.robotphysicist.data.testing.RecordingProgressReporter();
        assertEquals(c, CalibrationCertifier.certify(org.robotphysicist.engine.posterior.PosteriorEvaluator.forSurrogate(
                new ExactLikelihood(TOY)), TOY, PRIOR, PHI, SETTINGS, counting),
                "the same seed gives the same certificate, with or without a progress report");
        assertEquals(List.of("calibration certificate 1000 datasets"), counting.tasks());
        assertEquals(1000, counting.units(), "one progress unit per dataset");
        assertEquals(1, counting.closed());
    }

    @Test
    void anOverconfidentSurrogateIsFlagged() {
        CalibrationCertificate c = CalibrationCertifier.certify(new Squared(), TOY, PRIOR, PHI, SETTINGS);
        System.out.print(c.table());
        assertFalse(c.withinTolerance(), c::table);
        assertTrue(c.verdict().contains("overconfident"), c::verdict);
        assertTrue(c.coverage().get(0) < 0.45, c::table);
        // 1/√2 for an untruncated Gaussian; the prior's edges at ±3 cut both posteriors of a θ* near them,
        // the exact one more, which raises the average ratio slightly (measured 0.719 with this seed).
        assertClose("sd ratio of the squared likelihood (1/sqrt 2)\n" + c.table(), 1 / Math.sqrt(2),
                c.sdRatioToExact().get(0), 0.02);
        assertTrue(c.sbcPValue() < 1e-3, c::table);
    }

    @Test
    void aCertificateAttachedToAModelFileReadsBack() {
        Path path = dir.resolve("model.rpm");
        NDManager manager = NDManager.newBaseManager();
        ConditionalFlow flow = FlowSpec.nsf(1, 2, 1, List.of(4), 4, 3.0).build();
        flow.initializeParameters(manager, DataType.FLOAT32, new SplittableRandom(2));
        try (TrainedFlow model = new TrainedFlow(TOY.dimensions(), manager, new FlowEvaluator(flow,
                Standardizer.identity(1), Standardizer.identity(2), FlowEvaluator.DEFAULT_TILE_ROWS),
                new TrainedRanges(Box.interval(-3, 3), Box.interval(1, 1), Box.interval(-10, 10)), RangePolicy.FAIL,
                Provenance.capture("test", Map.of(), Map.of(), Map.of()), TrainingCurve.untrained())) {
            model.save(path);
        }
        CalibrationCertificate c = CalibrationCertifier.certify(new ExactLikelihood(TOY), TOY, PRIOR, PHI,
                SETTINGS.withDatasets(50));
        CalibrationCertifier.attach(path, c);
        assertEquals(c, ModelFile.read(path).manifest().calibrationCertificate().orElseThrow());
        try (TrainedFlow loaded = TrainedFlow.load(path, org.robotphysicist.models.file.LoadOptions.defaults())) {
            assertEquals(TrainedFlow.NSF, loaded.kind());
        }
    }
}
