package org.robotphysicist.engine.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.WeinbergLoSimulator;
import org.robotphysicist.engine.api.RobotPhysicist;
import org.robotphysicist.engine.api.TrainOptions;
import org.robotphysicist.engine.api.TrainedModel;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * A small trained Weinberg classifier saved once per test JVM for the server tests that need a
 * model but do not test the model itself (its normalization table sized for the 300 events they post),
 * and 300 events observed at φ = 58 GeV.
 */
final class ServedModel {
    static final WeinbergLoSimulator SIM = new WeinbergLoSimulator();
    private static Path model;

    private ServedModel() {
    }

    static synchronized Path path() {
        if (model == null) {
            try {
                Path dir = Files.createTempDirectory("rp-served-model");
                dir.toFile().deleteOnExit();
                Path file = dir.resolve("w.rpm");
                RobotPhysicist rp = RobotPhysicist.forSimulator(SIM).prior(Box.interval(0.15, 0.35))
                        .settings(Box.interval(50, 70));
                try (TrainedModel m = rp.train(TrainOptions.defaults("classifier").withTraining(20_000, 1,
                        DeviceRequest.CPU).withEventsPerExperiment(300))) {
                    m.save(file);
                }
                file.toFile().deleteOnExit();
                model = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }

    /** 300 events at θ = 0.2312, φ = 58, as a JSON array of numbers. */
    static double[] events() {
        Matrix x = SIM.simulate(new double[] {0.2312}, new double[] {58}, 300, new SplittableRandom(9));
        return x.column(0);
    }
}
