package org.robotphysicist.engine.api;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Require;
import org.robotphysicist.engine.surrogate.HistogramSettings;
import org.robotphysicist.training.device.DeviceRequest;

/**
 * How {@link RobotPhysicist#train} builds a surrogate. Immutable, validated, round-trips to JSON.
 *
 * @param surrogate           the kind by name ({@link SurrogateCatalog#kinds()}: {@code histogram},
 *                            {@code exact}, {@code classifier} and every registered builder)
 * @param trainingRows        simulated rows a neural surrogate trains on, ≥ 1000
 * @param epochs              training epochs of a neural surrogate, ≥ 1
 * @param device              where a neural surrogate trains ({@code auto}, {@code cpu}, {@code gpu:N})
 * @param histogram           cells, events per cell and bins of the histogram surrogate
 * @param eventsPerExperiment events one observed experiment holds; a ratio classifier is normalized
 *                            per θ with 100 reference events per event, so that this many per-event
 *                            ratios can be multiplied
 * @param seed                the surrogate's seed (every random draw follows from it)
 */
public record TrainOptions(String surrogate, int trainingRows, int epochs, DeviceRequest device,
        HistogramSettings histogram, int eventsPerExperiment, long seed) {

    public TrainOptions {
        if (surrogate == null || !surrogate.matches("[a-z][a-z0-9-]*")) {
            throw new InvalidInputException("surrogate: expected a name such as 'histogram' or 'classifier' but found '"
                    + surrogate + "'");
        }
        if (trainingRows < 1000) {
            throw new InvalidInputException("training rows: expected at least 1000 but found " + trainingRows);
        }
        Require.positive("training epochs", epochs);
        Require.positive("events per experiment", eventsPerExperiment);
        if (device == null || histogram == null) {
            throw new InvalidInputException("train options: expected a device and histogram settings but found "
                    + device + " and " + histogram);
        }
    }

    /**
     * {@code surrogate} with 200 000 training rows, 6 epochs, device auto, histograms of 41 θ × 9 φ
     * cells with 20 000 events in 20 bins, experiments of 1 000 events, seed 20261122.
     */
    public static TrainOptions defaults(String surrogate) {
        return new TrainOptions(surrogate, 200_000, 6, DeviceRequest.AUTO, new HistogramSettings(41, 9, 20_000, 20),
                1_000, 20261122L);
    }

    public TrainOptions withSurrogate(String name) {
        return new TrainOptions(name, trainingRows, epochs, device, histogram, eventsPerExperiment, seed);
    }

    public TrainOptions withTraining(int rows, int epochCount, DeviceRequest d) {
        return new TrainOptions(surrogate, rows, epochCount, d, histogram, eventsPerExperiment, seed);
    }

    public TrainOptions withHistogram(HistogramSettings h) {
        return new TrainOptions(surrogate, trainingRows, epochs, device, h, eventsPerExperiment, seed);
    }

    public TrainOptions withEventsPerExperiment(int events) {
        return new TrainOptions(surrogate, trainingRows, epochs, device, histogram, events, seed);
    }

    public TrainOptions withSeed(long s) {
        return new TrainOptions(surrogate, trainingRows, epochs, device, histogram, eventsPerExperiment, s);
    }
}
