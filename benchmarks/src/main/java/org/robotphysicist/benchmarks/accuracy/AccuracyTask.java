package org.robotphysicist.benchmarks.accuracy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.dataset.EventCsv;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.prior.UniformBoxPrior;
import org.robotphysicist.data.simulator.CrescentSimulator;
import org.robotphysicist.data.simulator.NonlinearSixDimSimulator;
import org.robotphysicist.data.simulator.SlcpSimulator;
import org.robotphysicist.data.simulator.StudentTSimulator;
import org.robotphysicist.data.simulator.TractableSimulator;
import org.robotphysicist.engine.posterior.Observation;

/**
 * One accuracy-benchmark task: a simulator with an exact likelihood, its uniform prior over the
 * simulator's θ domain, and its observations: the first one event simulated at {@code trueTheta}
 * from a fixed seed, each further one an event simulated at a θ drawn from the prior (as sbibm's
 * ten observations per task are), every one from its own fixed seed. A task may also have
 * published observations ({@link #publishedObservations}): those a published benchmark scored its
 * methods on, so that its figures and ours are means over the same observed data.
 *
 * @param simulator the task's simulator (its experiments have no setting: φ is empty)
 * @param trueTheta the parameter the observation is simulated at
 * @param posterior what makes the posterior hard, for the report
 */
public record AccuracyTask(TractableSimulator simulator, double[] trueTheta, String posterior) {
    private static final long OBSERVATION_SEED = 20_210_413L;

    public AccuracyTask {
        simulator.thetaDomain().require("true theta of " + simulator.name(), trueTheta);
        trueTheta = trueTheta.clone();
    }

    @Override
    public double[] trueTheta() {
        return trueTheta.clone();
    }

    /** The four tasks: multimodal (SLCP), crescent, heavy-tailed, 6-D. */
    public static List<AccuracyTask> all() {
        return List.of(
                // θ of the SLCP example of Papamakarios et al. 2019 (sequential neural likelihood).
                new AccuracyTask(new SlcpSimulator(), new double[] {0.7, -2.9, -1.0, -0.9, 0.6},
                        "multimodal (4 symmetric modes), 5-D"),
                new AccuracyTask(new CrescentSimulator(), new double[] {1.0, 0.5}, "crescent, 2-D"),
                new AccuracyTask(new StudentTSimulator(), new double[] {1.0, -2.0}, "heavy-tailed (t3 noise), 2-D"),
                new AccuracyTask(new NonlinearSixDimSimulator(), new double[] {0.5, -1.0, 1.2, 0.3, -1.5, 0.8},
                        "curved and correlated, 6-D"));
    }

    /** The tasks named in a comma-separated list ("all" for every one). */
    public static List<AccuracyTask> named(String names) {
        if (names.equals("all")) {
            return all();
        }
        List<AccuracyTask> out = new java.util.ArrayList<>();
        for (String n : names.split(",")) {
            out.add(all().stream().filter(t -> t.name().equals(n.trim())).findFirst().orElseThrow(
                    () -> new InvalidInputException("task: expected one of " + all().stream().map(AccuracyTask::name)
                            .toList() + " but found '" + n.trim() + "'")));
        }
        return out;
    }

    public String name() {
        return simulator.name();
    }

    /** The uniform prior over the simulator's θ domain. */
    public UniformBoxPrior prior() {
        return new UniformBoxPrior(simulator.thetaDomain());
    }

    /** The first observed event, at {@link #trueTheta()}, the same in every run. */
    public Observation observation() {
        return observations(1).get(0).observation();
    }

    /**
     * One observation and the θ it was simulated at.
     *
     * @param theta       the parameter of the simulation
     * @param observation one event at it, no setting
     */
    public record Draw(double[] theta, Observation observation) {
    }

    /**
     * The first {@code count} observations: the first at {@link #trueTheta()}, observation i ≥ 1
     * at θ<sub>i</sub> ~ prior (seed {@value #OBSERVATION_SEED} + i), its event from seed
     * {@value #OBSERVATION_SEED} + 1000 + i. The same in every run, and a run of more observations
     * starts with a run of fewer's.
     */
    public List<Draw> observations(int count) {
        if (count < 1 || count > 1000) {
            throw new InvalidInputException("observations per task: expected 1 to 1000 but found " + count);
        }
        List<Draw> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] theta = i == 0 ? trueTheta
                    : prior().sample(1, new SplittableRandom(OBSERVATION_SEED + i)).row(0);
            Matrix x = simulator.simulate(theta, new double[0], 1,
                    new SplittableRandom(i == 0 ? OBSERVATION_SEED : OBSERVATION_SEED + 1000 + i));
            out.add(new Draw(theta.clone(), new Observation(x, new double[0])));
        }
        return out;
    }

    /**
     * Which observations a run scores: {@code simulated} ({@link #observations}) or
     * {@code published} ({@link #publishedObservations}).
     */
    public enum ObservationSet {
        SIMULATED, PUBLISHED;

        /** The set named {@code simulated} or {@code published}. */
        public static ObservationSet named(String name) {
            return Arrays.stream(values()).filter(s -> s.label().equals(name)).findFirst().orElseThrow(
                    () -> new InvalidInputException("observation set: expected simulated or published but found '"
                            + name + "'"));
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The first {@code count} observations of {@code set}. */
    public List<Draw> observations(ObservationSet set, int count) {
        return set == ObservationSet.SIMULATED ? observations(count) : publishedObservations(count);
    }

    /**
     * The first {@code count} observations a published benchmark scored on this task, with the θ
     * each was simulated at: for SLCP sbibm's ten (Lueckmann et al. 2021), whose mean C2ST figures
     * {@link PublishedC2st} holds. They are read from the resource
     * {@code TASK-published-observations.csv}, an events CSV ({@link EventCsv}: x and θ columns,
     * one event per line, its provenance in {@code # key=value} comments); a task without one refuses.
     */
    public List<Draw> publishedObservations(int count) {
        EventDataset events;
        try (InputStream in = publishedResource()) {
            if (in == null) {
                throw new InvalidInputException("published observations: expected a task that has them ("
                        + String.join(", ", all().stream().filter(AccuracyTask::hasPublishedObservations)
                                .map(AccuracyTask::name).toList()) + ") but found '" + name() + "'");
            }
            events = EventCsv.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                    publishedResourceName()).dataset();
        } catch (IOException e) {
            throw new UncheckedIOException("published observations of " + name() + ": could not read "
                    + publishedResourceName(), e);
        }
        String what = "published observations of " + name();
        events.schema().requireFits(what, simulator.dimensions());
        if (!events.hasTheta()) {
            throw new InvalidInputException(what + ": expected theta columns beside x but found none");
        }
        if (count < 1 || count > events.size()) {
            throw new InvalidInputException(what + ": expected 1 to " + events.size() + " but found " + count);
        }
        List<Draw> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] theta = events.theta().row(i);
            simulator.thetaDomain().require("published theta of " + name(), theta);
            out.add(new Draw(theta, new Observation(events.x().rowRange(i, i + 1), new double[0])));
        }
        return out;
    }

    /** Whether this task has published observations ({@link #publishedObservations}). */
    public boolean hasPublishedObservations() {
        return AccuracyTask.class.getResource(publishedResourceName()) != null;
    }

    private String publishedResourceName() {
        return name() + "-published-observations.csv";
    }

    private InputStream publishedResource() {
        return AccuracyTask.class.getResourceAsStream(publishedResourceName());
    }
}
