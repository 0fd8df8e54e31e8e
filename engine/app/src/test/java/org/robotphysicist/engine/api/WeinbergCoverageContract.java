package org.robotphysicist.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.engine.posterior.diagnostics.PairedCoverage;
import org.robotphysicist.engine.posterior.diagnostics.TemperingFit;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;
import org.robotphysicist.models.SurrogateLikelihood;
import org.robotphysicist.models.certificate.CalibrationCertificate;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.TemperedSurrogate;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * The acceptance test of a surrogate kind's calibration on Weinberg LO: the kind is trained once at
 * its default sizes ({@link TrainOptions#defaults}) over √s ∈ [40, 100] GeV with sin²θ_W ~
 * U(0.15, 0.35), certified as {@code rp train --certify-phi 58} does (200 datasets of 1000 events),
 * saved and read back (the histogram, which has no model file, is measured as built); then at √s = 58 and 81 GeV with 1000 and 5000 events per experiment its
 * expected coverage at 0.5/0.68/0.9/0.95 must lie within ±0.05 of nominal, and the certificate in
 * the model file must agree with an independent run at the certificate's setting.
 *
 * <p>Coverage is measured by {@link PairedCoverage} on {@value #DATASETS} fresh datasets per case
 * (seed {@value #COVERAGE_SEED}, not the training's or the certificate's): the surrogate's
 * credibility of θ* against the exact posterior's on the same events, whose standard error is
 * printed in every message. Why 1000: with 200 datasets a plain binomial estimate has a standard
 * error of 0.035 at level 0.5, and the largest of the sixteen deviations of a calibrated surrogate
 * is then typically 0.04–0.07, so ±0.05 could not be told from noise (at 200 datasets the MAF and
 * the NSF measured 0.055–0.075 in some cases; at 1000, 0.027–0.049). At 1000 the standard errors
 * are 0.005–0.02. The certificate (plain binomial, 200 datasets) agrees when every level is within
 * three combined standard errors of the independent paired run.
 *
 * <p>Training a kind at default sizes, certifying it and measuring four cases of 1000 datasets takes
 * 4–10 minutes per kind on two cores (benchmarks/README.md, "Surrogate coverage", for the measured
 * figures and times), longer than the whole build otherwise, so these tests run only with
 * {@code -Drp.acceptance=true}; {@code -Drp.acceptance.scoreWeight=A}, {@code -Drp.acceptance.epochs=E} and
 * {@code -Drp.acceptance.temperingNodes=T} and {@code -Drp.acceptance.temperingFit=coverage|log-score} measure a
 * variant instead of the defaults, and
 * {@code -Drp.acceptance.untempered=true} prints each case's coverage without the tempering beside it:
 * {@code mvn -B verify -pl engine/app -am -Drp.acceptance=true -Dtest='*WeinbergCoverageTest'
 * -Dsurefire.failIfNoSpecifiedTests=false}. The estimator itself is tested in every build
 * ({@code PairedCoverageTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WeinbergCoverageContract {
    /** The system property that enables these tests. */
    static final String PROPERTY = "rp.acceptance";
    /** Trains with this score weight (α of {@code --score-weight}) instead of the kind's default: a variant to measure. */
    static final String SCORE_WEIGHT_PROPERTY = "rp.acceptance.scoreWeight";
    /** Trains this many epochs instead of the kind's default: a variant to measure. */
    static final String EPOCHS_PROPERTY = "rp.acceptance.epochs";
    /** Fits the tempering at this many settings instead of the default: a variant to measure. */
    static final String TEMPERING_NODES_PROPERTY = "rp.acceptance.temperingNodes";
    /** Fits the tempering by this criterion ({@code coverage}, {@code log-score}) instead of the default. */
    static final String TEMPERING_FIT_PROPERTY = "rp.acceptance.temperingFit";
    /** Also measures (and prints) each case's coverage without the model's tempering, beside it. */
    static final String UNTEMPERED_PROPERTY = "rp.acceptance.untempered";
    static final int DATASETS = 1000;
    static final long COVERAGE_SEED = 7;
    static final Box PRIOR = Box.interval(0.15, 0.35);
    static final Box SQRT_S = Box.interval(40, 100);
    static final double CERTIFY_PHI = 58;
    static final int CERTIFY_EVENTS = 1000;
    static final double TOLERANCE = 0.05;
    static final WeinbergLoSimulator SIMULATOR = new WeinbergLoSimulator();

    private TrainedModel model;

    /** The kind under test. */
    abstract String kind();

    /**
     * The options it is trained with: {@code rp train}'s defaults — 4 000 000 rows and 2 epochs for a
     * neural kind, {@link HistogramGridConfig#defaults()} for the histogram, a classifier normalized for
     * 1000 events — on the CPU.
     */
    TrainOptions options() {
        TrainOptions defaults = TrainOptions.defaults(kind()).withHistogram(HistogramGridConfig.defaults())
                .withTraining(TrainOptions.defaults(kind()).trainingRows(),
                        Integer.getInteger(EPOCHS_PROPERTY, TrainOptions.defaults(kind()).epochs()), DeviceRequest.CPU);
        String alpha = System.getProperty(SCORE_WEIGHT_PROPERTY);
        return alpha == null ? defaults : defaults.withScoreWeight(Double.parseDouble(alpha));
    }

    @BeforeAll
    void trainCertifySaveAndReload(@TempDir Path dir) {
        Assumptions.assumeTrue(Boolean.getBoolean(PROPERTY), "the " + kind() + " coverage acceptance test trains at"
                + " default sizes and takes minutes; run it with -D" + PROPERTY + "=true");
        RobotPhysicist rp = RobotPhysicist.forSimulator(SIMULATOR).prior(PRIOR).settings(SQRT_S);
        TrainedModel trained = rp.train(options());
        CertificationConfig certification = CertificationConfig.defaults(CERTIFY_EVENTS).withDatasets(200)
                .withSeed(options().seed());
        Integer nodes = Integer.getInteger(TEMPERING_NODES_PROPERTY);
        if (nodes != null) {
            certification = certification.withTemperingNodes(nodes);
        }
        String criterion = System.getProperty(TEMPERING_FIT_PROPERTY);
        if (criterion != null) {
            certification = certification.withTemperingCriterion(TemperingFit.Criterion.parse(criterion));
        }
        TrainedModel certified = rp.certify(trained, new double[] {CERTIFY_PHI}, certification);
        if (!certified.savable()) {
            model = certified; // a histogram is rebuilt from simulations, never saved: measured as built
            return;
        }
        Path file = dir.resolve(kind() + ".rpm");
        try (trained) {
            certified.save(file);
        }
        model = rp.load(file, LoadOptions.defaults());
        System.out.printf(Locale.ROOT, "%s certificate: %s%n%s%n", kind(), model.tempering().describe(),
                model.calibration().orElseThrow().table());
    }

    @AfterAll
    void close() {
        if (model != null) {
            model.close();
        }
    }

    private final Map<String, PairedCoverage.Report> reports = new ConcurrentHashMap<>();

    /** The paired coverage at (φ, N), measured once per class. */
    private PairedCoverage.Report coverage(double phi, int events) {
        return reports.computeIfAbsent(phi + "/" + events, k -> measure(phi, events));
    }

    private PairedCoverage.Report measure(double phi, int events) {
        if (Boolean.getBoolean(UNTEMPERED_PROPERTY)) {
            measure(TemperedSurrogate.untemperedLikelihood(model.surrogate()), "untempered " + kind(), phi, events);
        }
        return measure(model.surrogate(), kind(), phi, events);
    }

    private static PairedCoverage.Report measure(SurrogateLikelihood surrogate, String label, double phi, int events) {
        PairedCoverage.Report r = PairedCoverage.measure(surrogate, SIMULATOR, new UniformBoxPrior(PRIOR),
                new double[] {phi}, PairedCoverage.Settings.of(events, DATASETS, COVERAGE_SEED));
        System.out.printf(Locale.ROOT, "%s coverage at sqrt(s) = %.0f GeV, N = %d: %s%n", label, phi, events,
                r.describe());
        return r;
    }

    @ParameterizedTest(name = "sqrt(s) = {0} GeV, {1} events")
    @CsvSource({"58, 1000", "58, 5000", "81, 1000", "81, 5000"})
    void coversAtEveryLevelWithinFivePercent(double phi, int events) {
        PairedCoverage.Report r = coverage(phi, events);
        for (int i = 0; i < r.levels().length; i++) {
            double level = r.levels()[i];
            assertTrue(Math.abs(r.coverage()[i] - level) <= TOLERANCE, String.format(Locale.ROOT,
                    "%s at sqrt(s) = %.0f GeV, N = %d: coverage %.3f at level %.2f (Monte Carlo s.e. %.3f), expected"
                    + " within %.2f; %s", kind(), phi, events, r.coverage()[i], level, r.standardErrors()[i],
                    TOLERANCE, r.describe()));
        }
    }

    @Test
    void theCertificateInTheModelFileAgreesWithAnIndependentRun() {
        CalibrationCertificate c = model.calibration().orElseThrow();
        assertEquals(CERTIFY_EVENTS, c.eventsPerExperiment());
        assertEquals(CERTIFY_PHI, c.phi().get(0));
        PairedCoverage.Report r = coverage(CERTIFY_PHI, CERTIFY_EVENTS);
        for (int i = 0; i < r.levels().length; i++) {
            double level = r.levels()[i];
            double se = Math.hypot(Math.sqrt(level * (1 - level) / c.datasets()), r.standardErrors()[i]);
            double difference = c.coverage().get(i) - r.coverage()[i];
            assertTrue(Math.abs(difference) <= 3 * se, String.format(Locale.ROOT, "%s certificate coverage %.3f at"
                    + " level %.2f against %.3f from an independent run: difference %+.3f, expected within 3 combined"
                    + " s.e. (%.3f)%n%s", kind(), c.coverage().get(i), level, r.coverage()[i], difference, 3 * se,
                    c.table()));
        }
    }
}
