package org.robotphysicist.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.simulator.Simulator;
import org.robotphysicist.engine.posterior.Observation;

/**
 * The experiments of {@code rp posterior}: event files ({@code --events}, repeatable) and their
 * settings. With {@code --phi} given once per file, file i was recorded at the i-th φ; without
 * {@code --phi}, each file's φ column says where, and a file whose φ column holds several values is
 * split into one experiment per distinct φ (in order of first appearance). A simulator whose
 * experiments have no setting takes no {@code --phi}: each file is one experiment.
 */
final class ObservedExperiments {
    private ObservedExperiments() {
    }

    /**
     * One observation per experiment, φ inside the simulator's φ domain, x columns matching it.
     *
     * @param files the event files, at least one
     * @param csvs  their contents, in the same order
     * @param phis  D<sub>φ</sub> values per file, file after file (as repeated {@code --phi}), or
     *              null to read the φ columns
     */
    static List<Observation> of(List<Path> files, List<EventCsv.Contents> csvs, double[] phis, Simulator sim) {
        return of(files, csvs, phis, sim, "--events", "--phi");
    }

    /**
     * As {@link #of(List, List, double[], Simulator)}, the files named by the option {@code filesOption}
     * and their settings by {@code phiOption} (for messages).
     */
    static List<Observation> of(List<Path> files, List<EventCsv.Contents> csvs, double[] phis, Simulator sim,
            String filesOption, String phiOption) {
        int dPhi = sim.dimensions().phiDim();
        BoxOptions.requireNone(sim.phiDomain(), phiOption, phis);
        if (phis != null && phis.length != dPhi * files.size()) {
            throw new InvalidInputException(phiOption + ": expected one value per " + filesOption + " file ("
                    + files.size() + " x " + dPhi + " number(s)) or none (read the files' phi columns) but found "
                    + phis.length + " number(s)");
        }
        List<Observation> out = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            EventDataset data = csvs.get(f).dataset();
            Path file = files.get(f);
            if (data.x().cols() != sim.dimensions().xDim()) {
                throw new DimensionMismatchException("events " + file + ": expected " + sim.dimensions().xDim()
                        + " x column(s) " + sim.dimensions().xNames() + " but found " + data.schema().xNames());
            }
            if (phis != null) {
                out.add(new Observation(data.x(), sim.phiDomain().require(files.size() == 1 ? phiOption
                        : phiOption + " for " + file, Arrays.copyOfRange(phis, f * dPhi, (f + 1) * dPhi))));
            } else {
                out.addAll(byPhiColumn(file, data, sim, phiOption));
            }
        }
        return out;
    }

    private static List<Observation> byPhiColumn(Path file, EventDataset data, Simulator sim, String phiOption) {
        if (!sim.dimensions().hasPhi()) {
            return List.of(new Observation(data.x(), new double[0]));
        }
        if (!data.hasPhi()) {
            throw new InvalidInputException(phiOption + ": expected a value for " + file + " (it has no phi column) but"
                    + " found none");
        }
        Matrix p = data.phi();
        Matrix x = data.x();
        Map<String, double[]> settings = new LinkedHashMap<>();
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        for (int i = 0; i < p.rows(); i++) {
            double[] phi = p.row(i);
            String key = Arrays.toString(phi);
            settings.putIfAbsent(key, phi);
            rows.computeIfAbsent(key, k -> new ArrayList<>()).add(x.row(i));
        }
        List<Observation> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : settings.entrySet()) {
            List<double[]> r = rows.get(e.getKey());
            double[] flat = new double[r.size() * x.cols()];
            for (int i = 0; i < r.size(); i++) {
                System.arraycopy(r.get(i), 0, flat, i * x.cols(), x.cols());
            }
            out.add(new Observation(Matrix.of(r.size(), x.cols(), flat),
                    sim.phiDomain().require("phi column of " + file, e.getValue())));
        }
        return out;
    }
}
