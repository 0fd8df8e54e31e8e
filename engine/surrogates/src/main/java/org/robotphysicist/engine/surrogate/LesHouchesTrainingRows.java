package org.robotphysicist.engine.surrogate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.SystematicResampling;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.lhe.EventRecordObservables;
import org.robotphysicist.data.lhe.LesHouchesEvent;
import org.robotphysicist.data.lhe.LesHouchesFile;
import org.robotphysicist.data.lhe.LesHouchesParameterPoints;
import org.robotphysicist.data.lhe.LesHouchesReader;
import org.robotphysicist.data.simulator.Simulator;

/**
 * One Les Houches event file as labelled training rows (x, θ, φ).
 *
 * <p>x: each event's particle records through the simulator's own
 * {@link Simulator#eventRecordObservables()}. θ₀ and φ: the {@code <robotphysicist>} block of the
 * header ({@link LesHouchesParameterPoints}) or {@link LesHouchesLabels}; φ also from the
 * {@code <init>} beams where the simulator reads it there.
 *
 * <p>Weights as importance weights. The events, of weights w<sub>i</sub> = XWGTUP, represent
 * p(x | θ₀, φ) ∝ Σ<sub>i</sub> w<sub>i</sub> δ(x − x<sub>i</sub>); the {@code <wgt id="j">} weights
 * w<sub>ij</sub> of a declared point θ<sub>j</sub> (arXiv:1405.1067) represent p(x | θ<sub>j</sub>, φ)
 * in the same way, since w<sub>ij</sub>/w<sub>i</sub> is the ratio of the two generating densities
 * up to the cross-section ratio, which self-normalization removes. Each point contributes
 * n<sub>j</sub> = round(ESS<sub>j</sub>) rows, ESS = (Σw)²/Σw² (Kish), drawn by systematic
 * resampling with probabilities w<sub>ij</sub>/Σ<sub>i</sub>w<sub>ij</sub>; a point whose weights
 * are all equal (unweighted events at θ₀) gives every event once, in order. So the training table
 * holds unweighted rows from every point, and each point weighs as much as the events it is
 * actually worth. Negative weights (NLO generators) cannot be resampled and are refused.
 */
final class LesHouchesTrainingRows {

    /** The rows of one file and one line per parameter point saying where they came from. */
    record Read(EventDataset rows, List<String> notes) {
    }

    private LesHouchesTrainingRows() {
    }

    /** Whether {@code file} is read as a Les Houches file (name ending in {@code .lhe}). */
    static boolean isLesHouches(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".lhe");
    }

    /**
     * @throws MalformedDataException naming the file, and the line where there is one, for anything
     *         that keeps the file from giving labelled rows
     */
    static Read read(Path file, Simulator simulator, LesHouchesLabels labels, SplittableRandom rng) {
        String source = file.toString();
        if (simulator == null) {
            throw new MalformedDataException(source + ": expected a simulator (--simulator NAME) whose observables"
                    + " function turns its particle records into x but found none");
        }
        EventRecordObservables observables = simulator.eventRecordObservables().orElseThrow(() ->
                new MalformedDataException(source + ": expected a simulator with an observables function for"
                        + " particle records (z-lineshape has one) but " + simulator.name() + " declares none"));
        LesHouchesFile lhe;
        try {
            lhe = LesHouchesReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        if (lhe.events().isEmpty()) {
            throw new MalformedDataException(source + ": expected events but the file has none");
        }
        LesHouchesParameterPoints points = LesHouchesParameterPoints.of(lhe, source);
        points.simulator().filter(s -> !s.equals(simulator.name())).ifPresent(s -> {
            throw new MalformedDataException(source + ": expected events of the simulator " + simulator.name()
                    + " but the header's <robotphysicist> block names " + s);
        });
        Dimensions dims = simulator.dimensions();
        double[] theta = label(source, "theta", "--theta", labels.theta(), points.theta(), points.thetaLine(),
                dims.thetaNames(), null);
        double[] phi = label(source, "phi", "--phi", labels.phi(), points.phi(), points.phiLine(), dims.phiNames(),
                observables.phiFromInit(lhe.init()).orElse(null));
        requireInside(source, "theta", theta, simulator.thetaDomain(), points.thetaLine());
        requireInside(source, "phi", phi, simulator.phiDomain(), points.phiLine());

        int n = lhe.events().size();
        double[][] x = new double[n][];
        double[] own = new double[n];
        for (int i = 0; i < n; i++) {
            LesHouchesEvent event = lhe.events().get(i);
            try {
                x[i] = observables.observables(lhe.init(), event);
            } catch (InvalidInputException e) {
                throw new MalformedDataException(source + " " + lhe.eventLocation(i) + ": " + e.getMessage(), e);
            }
            if (x[i].length != dims.xDim() || !simulator.xSupport().contains(x[i])) {
                throw new MalformedDataException(source + " " + lhe.eventLocation(i) + ": expected x of "
                        + dims.xDim() + " values inside the simulator's support " + simulator.xSupport()
                        + " but the records give " + Arrays.toString(x[i]));
            }
            own[i] = requireUsable(source, lhe, i, "XWGTUP", event.weight());
        }
        List<double[]> rowsX = new ArrayList<>();
        List<double[]> rowsTheta = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "%s: %d events at theta %s, phi %s%s", source, n,
                Arrays.toString(theta), Arrays.toString(phi), take(x, own, theta, rowsX, rowsTheta, rng)));
        for (LesHouchesParameterPoints.DeclaredWeight point : points.parameterPoints(dims.thetaNames())) {
            String what = "<weight id='" + point.id() + "'>";
            double[] other = LesHouchesParameterPoints.vector(point.values(), dims.thetaNames(), source, point.line(),
                    what);
            requireInside(source, "theta of " + what, other, simulator.thetaDomain(), point.line());
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                Double value = lhe.events().get(i).reweights().get(point.id());
                if (value == null) {
                    throw new MalformedDataException(source + " " + lhe.eventLocation(i) + ": expected a <wgt id='"
                            + point.id() + "'> weight (declared on line " + point.line() + ") but the event has none");
                }
                w[i] = requireUsable(source, lhe, i, "weight '" + point.id() + "'", value);
            }
            notes.add(String.format(Locale.ROOT, "%s: weight '%s' at theta %s%s", source, point.id(),
                    Arrays.toString(other), take(x, w, other, rowsX, rowsTheta, rng)));
        }
        int rows = rowsX.size();
        return new Read(EventDataset.ofLabelled(dims, Matrix.ofRows(rowsX.toArray(new double[0][])),
                Matrix.ofRows(rowsTheta.toArray(new double[0][])), Matrix.repeatRow(phi, rows)), notes);
    }

    /**
     * Appends the rows of one parameter point: every event when the weights are equal, otherwise
     * round(ESS) events resampled systematically; returns the note's tail.
     */
    private static String take(double[][] x, double[] weights, double[] theta, List<double[]> rowsX,
            List<double[]> rowsTheta, SplittableRandom rng) {
        boolean equal = Arrays.stream(weights).allMatch(w -> w == weights[0]);
        if (!(Arrays.stream(weights).sum() > 0)) {
            throw new InvalidInputException("weights at theta " + Arrays.toString(theta) + ": expected some positive"
                    + " weights but all " + weights.length + " are zero");
        }
        if (equal) {
            for (double[] row : x) {
                rowsX.add(row);
                rowsTheta.add(theta);
            }
            return ", equal weights: " + x.length + " rows";
        }
        double ess = SystematicResampling.effectiveSampleSize(weights);
        int n = (int) Math.max(1, Math.round(ess));
        for (int i : SystematicResampling.indices(weights, n, rng.split())) {
            rowsX.add(x[i]);
            rowsTheta.add(theta);
        }
        return String.format(Locale.ROOT, ", effective sample size %.1f of %d: %d resampled rows", ess, x.length, n);
    }

    private static double requireUsable(String source, LesHouchesFile lhe, int i, String what, double w) {
        if (!(w >= 0)) {
            throw new MalformedDataException(source + " " + lhe.eventLocation(i) + ": expected " + what + " >= 0"
                    + " (weights are used as importance weights, and negative ones cannot be resampled) but found "
                    + w);
        }
        return w;
    }

    /** The command-line value, else the header's, else {@code fallback}; a header and a command line must agree. */
    private static double[] label(String source, String role, String option, double[] given,
            java.util.Map<String, Double> header, int line, List<String> names, double[] fallback) {
        double[] stated = line == 0 ? null
                : LesHouchesParameterPoints.vector(header, names, source, line, "<" + role + ">");
        if (given != null && given.length != names.size()) {
            throw new InvalidInputException(option + ": expected " + names.size() + " values " + names + " but found "
                    + given.length);
        }
        if (given != null && stated != null && !Arrays.equals(given, stated)) {
            throw new MalformedDataException(source + " line " + line + ": the header's " + role + " "
                    + Arrays.toString(stated) + " differs from " + option + " " + Arrays.toString(given)
                    + " (drop " + option + " to use the header's)");
        }
        double[] value = given != null ? given : stated != null ? stated : fallback;
        if (value == null) {
            throw new MalformedDataException(source + ": expected the generating " + role + " " + names + " in the"
                    + " header (<robotphysicist><" + role + " .../></robotphysicist>) or from " + option
                    + " but found neither");
        }
        return value;
    }

    private static void requireInside(String source, String role, double[] value, Box domain, int line) {
        if (!domain.contains(value)) {
            throw new MalformedDataException(source + (line == 0 ? "" : " line " + line) + ": expected " + role
                    + " inside the simulator's domain " + domain + " but found " + Arrays.toString(value));
        }
    }
}
