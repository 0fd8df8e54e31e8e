package org.robotphysicist.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.io.OutputTargets;
import org.robotphysicist.data.progress.TextProgressReporter;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.data.simulator.SimulatorRegistry;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.engine.posterior.diagnostics.CertificationConfig;
import org.robotphysicist.models.file.KeyFiles;
import org.robotphysicist.models.file.LoadOptions;
import org.robotphysicist.models.file.SigningKey;
import org.robotphysicist.models.file.SurrogateFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rp certify}: measures the calibration certificate of a model file that has none, or again
 * at other settings, and writes the model with it ({@link RobotPhysicist#certify}): the prior-predictive
 * datasets come from a simulator ({@code --simulator}, {@code --external}, or the one the model
 * records), θ from {@code --prior} (default: the model's trained θ range, uniform), at the model's
 * φ range. A model trained on event files, with {@code --no-certify} or sequentially gets a certificate
 * this way, and a fitted tempering that every later posterior, EIG and design applies. The previous
 * certificate and tempering, if any, are replaced; κ is fitted on the untempered surrogate.
 */
@Command(name = "certify", mixinStandardHelpOptions = true,
        description = {"Measure a model file's calibration certificate (and fit its tempering) and write the model"
                + " with it.",
            "For a model without one (trained from event files, with --no-certify or --sequential) or to measure"
                    + " it again at another --events or setting. Datasets are simulated by --simulator NAME or"
                    + " --external COMMAND (default: the simulator the model records), theta drawn uniformly from"
                    + " --prior (default: the model's trained theta range), at --certify-phi (default: the middle of"
                    + " the model's phi range); kappa is fitted across that range."})
final class CertifyCommand implements Callable<Integer> {
    private static final int DEFAULT_EVENTS = 1000;
    private static final long DEFAULT_SEED = 20261122L;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CommonOptions common;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file to certify.")
    Path model;

    @CommandLine.Mixin
    SimulatorChoice simulator;

    @Option(names = "--prior", split = ",", paramLabel = "LO,HI", description = "The uniform theta box the datasets"
            + " are drawn from (default: the model's trained theta range; it must lie inside it).")
    double[] prior;

    @Option(names = "--events", paramLabel = "N", description = "Events per experiment the model is certified for"
            + " (default ${DEFAULT-VALUE}).")
    int events = DEFAULT_EVENTS;

    @Option(names = "--seed", description = "Seed of the datasets (default ${DEFAULT-VALUE}).")
    long seed = DEFAULT_SEED;

    @CommandLine.Mixin
    CertificationOptions calibration;

    @CommandLine.Mixin
    SignatureOptions signatures;

    @CommandLine.Mixin
    RangePolicyOption rangePolicy;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where the certified model"
            + " is written (may be --model itself: it is replaced atomically).")
    Path output;

    @Option(names = "--sign-key", paramLabel = "KEY", description = "Sign the written model file with this key"
            + " (rp keygen); the model's old signature does not cover the new certificate.")
    Path signKey;

    @Option(names = {"-q", "--quiet"}, description = "Print only the model file's path.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        SigningKey key = signKey == null ? null : KeyFiles.readSigningKey(signKey);
        OutputTargets.requireWritableFile("--output", output);
        TrainedModel loaded = TrainedModel.loaded(SurrogateFiles.read(model, LoadOptions.defaults()
                .withSignatures(signatures.policy()).withRangePolicy(rangePolicy.policy())), model);
        try (TrainedModel m = loaded) {
            String recorded = PosteriorCommand.recordedSimulator(m);
            if (simulator.name == null && !simulator.isExternal() && recorded != null
                    && !SimulatorRegistry.discover().contains(recorded)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "expected --external COMMAND or"
                        + " --simulator NAME: the model was trained on '" + recorded + "', which is not a built-in"
                        + " or discovered simulator");
            }
            Simulator sim = simulator.open(spec.commandLine(), recorded != null ? recorded : SimulatorChoice.DEFAULT);
            try {
                return certify(m, sim, o, key);
            } finally {
                SimulatorChoice.close(sim);
            }
        }
    }

    private int certify(TrainedModel m, Simulator sim, PrintWriter o, SigningKey key) {
        PosteriorCommand.requireModelSimulator(m, sim);
        Box trained = m.surrogate().thetaRange();
        Box thetas = prior == null ? trained : BoxOptions.parse("--prior", prior, sim.thetaDomain());
        if (!thetas.within(trained)) {
            throw new InvalidInputException("--prior: expected a box inside the model's trained theta range " + trained
                    + " but found " + thetas);
        }
        List<Box> phiBoxes = m.surrogate().phiUnion().boxes();
        Box phis = phiBoxes.get(0);
        double[] at = calibration.at(phis, phis.middle());
        CertificationConfig settings = calibration.config(events, seed);
        RobotPhysicist rp = RobotPhysicist.forSimulator(sim).prior(thetas).settings(phiBoxes)
                .reporting(line -> { }, TextProgressReporter.forTerminal(spec.commandLine().getErr(), quiet));
        if (!quiet) {
            o.printf("%s from %s, certified on %s with theta ~ U%s%n", m.kind(), model, sim.name(), thetas);
            o.println(calibration.announcement(events, at, calibration.phi != null ? " (--certify-phi)"
                    : " (the middle of the model's phi range; --certify-phi to choose)", calibration.tempering,
                    m.surrogate(), settings));
            o.flush();
        }
        // The certified model wraps m's surrogate, which the caller closes with m.
        TrainedModel certified = rp.certify(m, at, settings);
        certified.save(output, key);
        o.println(quiet ? output.toString() : "model written to " + output);
        return calibration.report(certified, spec.commandLine(), o, quiet);
    }
}
