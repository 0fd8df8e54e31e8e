import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.api.EigOptions;
import org.robotphysicist.engine.api.PosteriorOptions;
import org.robotphysicist.engine.api.PosteriorResult;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.Suggestion;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.posterior.CredibleInterval;
import org.robotphysicist.engine.posterior.Observation;
import org.robotphysicist.engine.surrogate.HistogramGridConfig;

/**
 * The Java API from start to finish: a histogram surrogate of e+e- -> mu+mu- at leading order over
 * sin^2(theta_W) in [0.15, 0.35] and sqrt(s) in [40, 100] GeV, the posterior of 500 events recorded
 * at sqrt(s) = 58 GeV (simulated here at a hidden sin^2(theta_W) = 0.2312), and the sqrt(s) the next
 * experiment should run at, chosen by expected information gain under that posterior.
 *
 * Build and run it with Maven after {@code mvn install} of the engine (see README.md of examples/java-api):
 *   mvn -q compile exec:exec -Dexample.args=--quick
 * --quick makes the run smaller and faster.
 */
public final class ApiExample {
    public static void main(String[] args) {
        run(args.length > 0 && args[0].equals("--quick"), System.out);
    }

    /** Runs the example, printing to {@code out}; returns the suggested sqrt(s). */
    public static double run(boolean quick, PrintStream out) {
        WeinbergLoSimulator simulator = new WeinbergLoSimulator();
        RobotPhysicist rp = RobotPhysicist.forSimulator(simulator)
                .prior(Box.interval(0.15, 0.35))
                .settings(Box.interval(40, 100));

        TrainOptions train = TrainOptions.defaults("histogram")
                .withHistogram(quick ? new HistogramGridConfig(21, 13, 4_000, 20) : new HistogramGridConfig(41, 25, 40_000, 20));
        try (TrainedModel model = rp.train(train)) {
            out.println("surrogate: " + model.description());

            // The "real" experiment: 500 events at sqrt(s) = 58 GeV.
            Matrix events = simulator.simulate(new double[] {0.2312}, new double[] {58.0}, 500, new SplittableRandom(7));
            PosteriorResult posterior = rp.posterior(model.surrogate(), new Observation(events, new double[] {58.0}),
                    PosteriorOptions.defaults().withGridPoints(quick ? 101 : 401));
            CredibleInterval c68 = posterior.summary().interval("sin2_theta_w", 0.68);
            out.println(String.format(Locale.ROOT, "posterior: sin2_theta_w = %.4f +- %.4f; 68%% [%.4f, %.4f]",
                    posterior.summary().mean()[0], posterior.summary().standardDeviation()[0], c68.lower(),
                    c68.upper()));

            // The next experiment, with this posterior as the prior.
            EigOptions eig = EigOptions.defaults().withDatasets(quick ? 16 : 64).withGridPoints(quick ? 81 : 201)
                    .withEvaluations(quick ? 6 : 12, quick ? 3 : 5);
            Suggestion next = rp.prior(posterior.posterior().asPrior()).suggestNext(model.surrogate(), eig);
            out.println(String.format(Locale.ROOT, "next experiment: sqrt(s) = %.2f GeV (EIG %.4f +- %.4f nats)",
                    next.phi()[0], next.estimate().value(), next.estimate().standardError()));
            return next.phi()[0];
        }
    }
}
