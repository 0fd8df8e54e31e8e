package org.robotphysicist.engine.design.loop;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * The record of a design run in its output directory, written after every round, each file
 * atomically ({@link DesignOptions#withOutput} installs it):
 * <ul>
 *   <li>{@code events-round-NN.csv} — the round's events (x only; φ, round and hash in the comments),
 *       skipped when the experiment recorded none;</li>
 *   <li>{@value #HISTORY} — the {@link DesignHistory} so far (what {@code --resume} reads), whose
 *       provenance records whether the run draws plots ({@value #PLOTS_KEY}, {@link #recordedPlots}).</li>
 * </ul>
 * The plots of the same directory are {@link DesignPlots}'; installed before this listener, they are
 * drawn before the history is written, so that a round is in the history only once all its files are.
 * With refinement, {@link SurrogateRefinement} writes {@code training-round-NN.csv} and
 * {@code surrogate-round-NN.rpm} beside them and reads the events back on resume.
 */
public final class DesignFiles implements RoundListener {
    /** The provenance key recording whether the run drew plots. */
    public static final String PLOTS_KEY = "plots";
    /** The history's file name. */
    static final String HISTORY = "history.json";
    private final Path directory;
    private final boolean plots;

    /**
     * @param directory where the files go
     * @param plots     whether the run draws plots into it, for the history's provenance
     */
    DesignFiles(Path directory, boolean plots) {
        this.directory = directory;
        this.plots = plots;
    }

    /**
     * The name of a round's file: {@code stem-round-NN.extension}.
     *
     * @param stem      what the file holds, e.g. {@code training}
     * @param round     the 1-based round
     * @param extension without the dot, e.g. {@code csv}
     * @return the file name
     */
    public static String roundFile(String stem, int round, String extension) {
        return String.format(Locale.ROOT, "%s-round-%02d.%s", stem, round, extension);
    }

    /** Where the files go. */
    Path directory() {
        return directory;
    }

    @Override
    public void recorded(ExperimentDesigner designer, DesignRound round, Matrix events, GridPosterior posterior) {
        DesignHistory history = designer.history();
        if (events.rows() > 0) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("producer", ExperimentDesigner.PRODUCER);
            meta.put("simulator", history.simulator());
            meta.put("round", Integer.toString(round.round()));
            meta.put("phi", Arrays.toString(round.phi()));
            meta.put("runner", history.runner());
            meta.put("data_sha256", round.eventsSha256());
            EventCsv.write(EventDataset.ofEvents(history.dimensions(), events), meta,
                    directory.resolve(roundFile("events", round.round(), "csv")));
        }
        Json.writeFile(directory.resolve(HISTORY), history);
    }

    /** {@value #PLOTS_KEY}: whether the run draws plots, so that a resumed run draws (or not) as this one did. */
    @Override
    public Map<String, Object> provenance() {
        return Map.of(PLOTS_KEY, plots);
    }

    /** Whether the run that wrote {@code history} drew plots; empty when the history does not say. */
    public static Optional<Boolean> recordedPlots(DesignHistory history) {
        Object v = history.provenance() == null ? null : history.provenance().config().get(PLOTS_KEY);
        return v instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }
}
