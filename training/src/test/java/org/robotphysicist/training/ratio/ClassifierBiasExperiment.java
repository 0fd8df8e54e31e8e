package org.robotphysicist.training.ratio;

import static org.robotphysicist.training.ratio.ClassifierPosteriorAccuracyTest.moments;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.RegularGrid;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.ToyGaussianSimulator;
import org.robotphysicist.data.simulator.TractableSimulator;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.models.ExactLikelihood;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.neural.ActivationFunction;
import org.robotphysicist.models.ratio.EvidenceNormalization;
import org.robotphysicist.models.ratio.ParameterizedRatioClassifier;
import org.robotphysicist.training.LearningRateSchedule;
import org.robotphysicist.training.TrainingLoopConfig;
import org.robotphysicist.training.data.ParameterSampler;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * A fixed-seed diagnosis of where a ratio classifier's posterior goes wrong as the number of
 * events N grows (not a test; docs/classifier-normalization.md quotes its output). On the toy
 * Gaussian x ~ N(θ, 1), θ ~ U(−1, 1) ({@code toy}), or Weinberg LO at √s = 58 GeV with
 * sin²θ<sub>W</sub> ~ U(0.15, 0.35) ({@code weinberg}), it trains one likelihood-to-evidence
 * classifier and, for several datasets of N events each (θ* in the middle 60% of the prior), compares
 * the posterior on a local θ grid (flat prior, exact mean ± 6 exact sd) with the exact one under
 * four normalizations of the same network:
 * <ol>
 *   <li>none;</li>
 *   <li>the trainer's table (65 nodes, K reference events from the configuration);</li>
 *   <li>a 65-node table of the exact log Z (quadrature over x, no Monte Carlo error: its
 *       difference from the next one is the interpolation error);</li>
 *   <li>the exact log Z at every grid θ by quadrature: Z(θ) = ∫ p(x) r̂(x, θ) dx with the evidence
 *       p(x) = ∫ p(x | θ') p(θ') dθ' itself by quadrature over the prior.</li>
 * </ol>
 * Arguments (all optional): simulator ({@code toy} or {@code weinberg}), training rows, epochs,
 * batch size, validation fraction, K, datasets, patience; with {@code -Dexperiment.model=FILE} the
 * trained classifier is saved there, or loaded from there when the file exists.
 * Prints, per N and normalization, the mean and spread over datasets of (mean − exact mean)/exact
 * sd and of the sd ratio.
 */
public final class ClassifierBiasExperiment {
    private static double[] PHI = {1.0};
    private static TractableSimulator sim;
    private static double thetaLo;
    private static double thetaHi;

    private ClassifierBiasExperiment() {
    }

    public static void main(String[] args) {
        boolean weinberg = args.length > 0 && args[0].equals("weinberg");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
        double validation = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        int k = args.length > 5 ? Integer.parseInt(args[5]) : 40_000;
        int datasets = args.length > 6 ? Integer.parseInt(args[6]) : 6;
        int patience = args.length > 7 ? Integer.parseInt(args[7]) : 0;
        sim = weinberg ? new WeinbergLoSimulator() : new ToyGaussianSimulator();
        PHI = weinberg ? new double[] {58} : new double[] {1};
        thetaLo = weinberg ? 0.15 : -1;
        thetaHi = weinberg ? 0.35 : 1;
        int[] eventCounts = {1000, 5000};
        TractableSimulator toy = sim;
        TrainingLoopConfig training = TrainingLoopConfig.defaults().withBatchSize(batch).withMaxEpochs(epochs)
                .withLearningRate(2e-3, LearningRateSchedule.cosine(0.02)).withValidation(validation, patience)
                .withSeed(5).withDevice(DeviceRequest.CPU);
        RatioTrainingConfig config = RatioTrainingConfig.defaults().withNetwork(List.of(64, 64, 64), ActivationFunction.SILU)
                .withData(rows, 1, 6).withTraining(training).withNormalization(RatioTrainingConfig.Normalization.of(k));
        System.out.printf("%s, %d rows, %d epochs, batch %d, validation %.2f, patience %d, K = %d%n", sim.name(), rows,
                epochs, batch, validation, patience, k);
        UniformBoxPrior prior = UniformBoxPrior.interval(thetaLo, thetaHi);
        long t0 = System.nanoTime();
        String cache = System.getProperty("experiment.model");
        try (ParameterizedRatioClassifier trained = cache != null && java.nio.file.Files.exists(Path.of(cache))
                ? ParameterizedRatioClassifier.load(Path.of(cache), LoadOptions.defaults())
                : new RatioClassifierTrainer(config, null).train(toy, ParameterSampler.of(prior),
                        ParameterSampler.fixed(PHI));
                ParameterizedRatioClassifier raw = trained.copyWithNormalization(null)) {
            if (cache != null && !java.nio.file.Files.exists(Path.of(cache))) {
                trained.save(Path.of(cache));
            }
            System.out.printf("trained in %.1f s, kept epoch %d of %d%n", (System.nanoTime() - t0) / 1e9,
                    trained.trainingCurve().bestEpoch(), trained.trainingCurve().epochs().size());
            RegularGrid nodes = EvidenceNormalization.nodes(raw.thetaRange(), raw.phiRange(), 65, 9);
            Matrix nodeThetas = Matrix.ofColumn(nodes.points().column(0));
            double[] quadratureAtNodes = quadratureLogZ(raw, nodeThetas);
            EvidenceNormalization quadratureTable = new EvidenceNormalization(nodes, quadratureAtNodes, 1);
            double[] table = trained.normalization().logZ();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double rms = 0;
            for (int j = 0; j < table.length; j++) {
                lo = Math.min(lo, quadratureAtNodes[j]);
                hi = Math.max(hi, quadratureAtNodes[j]);
                rms += (table[j] - quadratureAtNodes[j]) * (table[j] - quadratureAtNodes[j]) / table.length;
            }
            System.out.printf("exact log Z over the prior: [%.5f, %.5f]; trainer's table (K = %d) - exact: rms %.2e%n",
                    lo, hi, k, Math.sqrt(rms));
            String[] names = {"none", "trainer K=" + k, "exact, 65 nodes", "exact"};
            for (int n : eventCounts) {
                double[][] shift = new double[names.length][datasets];
                double[][] ratio = new double[names.length][datasets];
                SplittableRandom data = new SplittableRandom(1000 + n);
                for (int d = 0; d < datasets; d++) {
                    double truth = thetaLo + (thetaHi - thetaLo) * (0.2 + 0.6 * data.nextDouble());
                    Matrix x = toy.simulate(new double[] {truth}, PHI, n, data.split());
                    Matrix coarse = RegularGrid.of(thetaLo, thetaHi, 2001).points();
                    double[] c = moments(coarse, new ExactLikelihood(toy).summedLogLikelihood(x, coarse, PHI));
                    RegularGrid grid = RegularGrid.of(Math.max(thetaLo, c[0] - 6 * c[1]),
                            Math.min(thetaHi, c[0] + 6 * c[1]), 121);
                    Matrix thetas = grid.points();
                    double[] exact = new ExactLikelihood(toy).summedLogLikelihood(x, thetas, PHI);
                    double[] none = raw.summedLogLikelihood(x, thetas, PHI);
                    double[] exactLogZ = quadratureLogZ(raw, thetas);
                    double[][] variants = new double[names.length][];
                    variants[0] = none;
                    variants[1] = minus(none, n, thetas, trained.normalization());
                    variants[2] = minus(none, n, thetas, quadratureTable);
                    variants[3] = none.clone();
                    for (int j = 0; j < none.length; j++) {
                        variants[3][j] -= n * exactLogZ[j];
                    }
                    double[] e = moments(thetas, exact);
                    for (int v = 0; v < names.length; v++) {
                        double[] m = moments(thetas, variants[v]);
                        shift[v][d] = (m[0] - e[0]) / e[1];
                        ratio[v][d] = m[1] / e[1];
                    }
                }
                for (int v = 0; v < names.length; v++) {
                    System.out.printf("N = %5d  %-18s shift/sd %+.3f (spread %.3f, max |.| %.3f)  sd ratio %.3f"
                            + " (spread %.3f)%n", n, names[v], mean(shift[v]), spread(shift[v]), maxAbs(shift[v]),
                            mean(ratio[v]), spread(ratio[v]));
                }
            }
        }
    }

    private static double[] minus(double[] sums, int n, Matrix thetas, EvidenceNormalization norm) {
        double[] out = sums.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] -= n * norm.logZ(thetas.row(j), PHI);
        }
        return out;
    }

    /**
     * log Z(θ) = log ∫ p(x) r̂(x, θ) dx by the midpoint rule on 4000 cells of the trained x range,
     * with the evidence p(x) = ∫ p(x | θ') p(θ') dθ' by the midpoint rule on 400 cells of the prior.
     */
    static double[] quadratureLogZ(ParameterizedRatioClassifier raw, Matrix thetas) {
        int q = 4000;
        int qt = 400;
        double lo = raw.trainedRanges().x().lower(0);
        double hi = raw.trainedRanges().x().upper(0);
        double h = (hi - lo) / q;
        double[] xs = new double[q];
        double[] logW = new double[q];
        for (int i = 0; i < q; i++) {
            xs[i] = lo + (i + 0.5) * h;
            double p = 0;
            for (int t = 0; t < qt; t++) {
                double th = thetaLo + (t + 0.5) * (thetaHi - thetaLo) / qt;
                p += Math.exp(sim.logDensity(new double[] {xs[i]}, new double[] {th}, PHI)) / qt;
            }
            logW[i] = Math.log(p * h);
        }
        double[] out = new double[thetas.rows()];
        for (int j = 0; j < out.length; j++) {
            double[] lr = raw.logLikelihood(Matrix.ofColumn(xs), Matrix.repeatRow(thetas.row(j), q),
                    Matrix.repeatRow(PHI, q));
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < q; i++) {
                max = Math.max(max, lr[i] + logW[i]);
            }
            double s = 0;
            for (int i = 0; i < q; i++) {
                s += Math.exp(lr[i] + logW[i] - max);
            }
            out[j] = max + Math.log(s);
        }
        return out;
    }


    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double spread(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / Math.max(1, v.length - 1));
    }

    private static double maxAbs(double[] v) {
        double s = 0;
        for (double x : v) {
            s = Math.max(s, Math.abs(x));
        }
        return s;
    }
}
