package org.robotphysicist.engine.design.loop;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.engine.plot.EigPlot;
import org.robotphysicist.engine.plot.PlotSize;
import org.robotphysicist.engine.posterior.GridPosterior;

/**
 * What a design run writes into its output directory after every round, each file atomically:
 * <ul>
 *   <li>{@value #HISTORY} — the {@link DesignHistory} so far (what {@code --resume} reads);</li>
 *   <li>{@code events-round-NN.csv} — the round's events (x only; φ, round and hash in the comments),
 *       skipped when the experiment recorded none;</li>
 *   <li>with plots: {@code eig-round-NN.png} (EIG estimates, GP mean ± 2 sd, the chosen φ; 1-D φ),
 *       {@code posterior-round-NN.png} (posterior beside its prior; 1-D or 2-D θ) and
 *       {@value #ALL_ROUNDS} (every round's posterior; 1-D θ), and {@code corner-round-NN.png}
 *       (1-D and 2-D marginals with 68% and 95% HPD regions; θ of 2 or more dimensions).</li>
 * </ul>
 * With refinement, {@link SurrogateRefinement} writes {@code training-round-NN.csv} and
 * {@code surrogate-round-NN.rpm} beside them.
 */
final class DesignFiles {
    /** The history's file name. */
    static final String HISTORY = "history.json";
    static final String ALL_ROUNDS = "posteriors.png";
    private final Path directory;
    private final boolean plots;

    DesignFiles(Path directory, boolean plots) {
        this.directory = directory;
        this.plots = plots;
    }

    static String roundFile(String stem, int round, String extension) {
        return String.format(Locale.ROOT, "%s-round-%02d.%s", stem, round, extension);
    }

    void write(ExperimentDesigner designer, DesignRound round, Matrix events, GridPosterior posterior) {
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
        if (plots) {
            plot(designer, history, round, posterior);
        }
        Json.writeFile(directory.resolve(HISTORY), history);
    }

    private void plot(ExperimentDesigner designer, DesignHistory history, DesignRound round, GridPosterior posterior) {
        DesignPlots.Labels labels = DesignPlots.Labels.of(designer.displayNames(), history.dimensions(),
                posterior.parameterNames(), designer.likelihoodName());
        EigPlot eig = DesignPlots.eig(round, labels);
        if (eig != null) {
            eig.writePng(directory.resolve(roundFile("eig", round.round(), "png")), PlotSize.DEFAULT);
        }
        double[] truth = history.hiddenTheta();
        Path posteriorPng = directory.resolve(roundFile("posterior", round.round(), "png"));
        List<GridPosterior> all = designer.posteriors();
        if (posterior.dim() == 1) {
            GridPosterior prior = designer.expectedInformationGain().priorOnGrid(all.size() > 1
                    ? all.get(all.size() - 2).asPrior() : designer.initialPrior());
            DesignPlots.posterior(round, posterior, prior, labels, truth).writePng(posteriorPng, PlotSize.DEFAULT);
            DesignPlots.allRounds(all, labels, truth).writePng(directory.resolve(ALL_ROUNDS), PlotSize.DEFAULT);
        } else if (posterior.dim() == 2) {
            DesignPlots.posterior2D(round, posterior, labels, truth).writePng(posteriorPng, PlotSize.DEFAULT);
        }
        if (posterior.dim() >= 2) {
            DesignPlots.corner(round, posterior, labels, truth)
                    .writePng(directory.resolve(roundFile("corner", round.round(), "png")));
        }
    }
}
