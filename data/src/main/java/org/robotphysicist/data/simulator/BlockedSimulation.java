package org.robotphysicist.data.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.dataset.DatasetSchema;
import org.robotphysicist.data.dataset.EventDataset;
import org.robotphysicist.data.progress.Progress;

/**
 * Simulates a labelled training or test set in blocks, so that large requests run in parallel,
 * report progress as they go, and stay reproducible.
 *
 * <p>For K pairs (θ<sub>k</sub>, φ<sub>k</sub>) and n events each, pair k's events are cut into
 * blocks of at most {@value #BLOCK_EVENTS} events. Randomness: pair k takes the k-th
 * {@code rng.split()}, and block b of pair k the b-th split of that stream, so the events depend
 * only on the seed, never on thread scheduling or on how many cores ran them. All blocks run in
 * parallel; each finished block advances the progress by its event count.
 *
 * <p>The result has K·n rows, pair k's events in rows [k·n, (k+1)·n), with columns x, θ, φ.
 * {@link #pairStreams} and {@link #blockStreams} give any subset of the blocks the streams they have
 * here, so work spread over several machines reproduces this single-machine result exactly.
 */
public final class BlockedSimulation {
    /** Events per block: part of the reproducibility contract, so fixed. */
    public static final int BLOCK_EVENTS = 65_536;
    /** The largest array the JVM allocates. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private BlockedSimulation() {
    }

    /**
     * Refuses, before anything is drawn or allocated, a request whose dataset cannot be held: more
     * than {@code Integer.MAX_VALUE - 8} values (the largest array), or more than half of the
     * memory the JVM may use ({@link Runtime#maxMemory()}), since the dataset is copied once on its
     * way to a file.
     *
     * @param width columns per event (x, θ and φ)
     * @throws InvalidInputException naming the pairs, events and columns and the limit they exceed
     */
    public static void requireFits(int pairs, int eventsPerPair, int width) {
        Require.positive("pairs", pairs);
        Require.positive("events per pair", eventsPerPair);
        long values = multiplyOrMax(multiplyOrMax(pairs, eventsPerPair), width);
        String size = pairs + " pairs x " + eventsPerPair + " events x " + width + " columns make "
                + (values == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : Long.toString(values)) + " values";
        if (values > MAX_VALUES) {
            throw new InvalidInputException("simulation size: expected at most " + MAX_VALUES
                    + " values in one dataset but " + size + "; ask for fewer pairs or events per run");
        }
        long heap = Runtime.getRuntime().maxMemory();
        long bytes = values * Double.BYTES;
        if (heap != Long.MAX_VALUE && bytes > heap / 2) {
            throw new InvalidInputException("simulation size: expected a dataset within half of the "
                    + heap / (1 << 20) + " MiB the JVM may use but " + size + " (" + bytes / (1 << 20)
                    + " MiB); ask for fewer pairs or events per run, or give the JVM more memory (-Xmx)");
        }
    }

    private static long multiplyOrMax(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private record Block(int pair, int offset, int events, SplittableRandom rng) {
    }

    /**
     * The event streams of pairs [from, from + count): pair k's stream is the k-th
     * {@code events.split()}, so the first {@code from} splits are drawn and discarded. A worker
     * that simulates only some pairs (one partition of a cluster job) calls this on a fresh copy
     * of the event stream ({@link SimulationSeed#eventStream()}) and gets the very streams
     * {@link #run} gives those pairs.
     *
     * @param events the event stream, advanced by {@code from + count} splits
     * @return {@code count} streams, pair {@code from} first
     */
    public static SplittableRandom[] pairStreams(SplittableRandom events, int from, int count) {
        if (from < 0 || count < 0) {
            throw new InvalidInputException("pair streams: expected a first pair and a count of at least 0 but found "
                    + from + " and " + count);
        }
        for (int k = 0; k < from; k++) {
            events.split();
        }
        SplittableRandom[] out = new SplittableRandom[count];
        for (int k = 0; k < count; k++) {
            out[k] = events.split();
        }
        return out;
    }

    /**
     * The streams of a pair's blocks: block b (its events [b·{@value #BLOCK_EVENTS},
     * min(n, (b+1)·{@value #BLOCK_EVENTS}))) draws from the b-th split of the pair's stream.
     *
     * @return ⌈n / {@value #BLOCK_EVENTS}⌉ streams, n = {@code eventsPerPair}
     */
    public static List<SplittableRandom> blockStreams(SplittableRandom pairStream, int eventsPerPair) {
        List<SplittableRandom> out = new ArrayList<>();
        for (int offset = 0; offset < eventsPerPair; offset += BLOCK_EVENTS) {
            out.add(pairStream.split());
        }
        return out;
    }

    /**
     * @param thetas (K, D<sub>θ</sub>), each row inside the simulator's θ domain
     * @param phis   (K, D<sub>φ</sub>), each row inside its φ domain
     */
    public static EventDataset run(Simulator simulator, Matrix thetas, Matrix phis, int eventsPerPair,
            SplittableRandom rng, Progress progress) {
        return run(simulator, thetas, phis, eventsPerPair, rng, progress, false).events();
    }

    /**
     * As {@link #run} — the same events for the same stream ({@link JointScoreSimulator}'s contract)
     * — with every event's joint score.
     *
     * @param thetas (K, D<sub>θ</sub>), each row inside the simulator's θ domain
     * @param phis   (K, D<sub>φ</sub>), each row inside its φ domain
     * @return the K·n events and their (K·n, D<sub>θ</sub>) joint scores, in the same row order
     */
    public static JointScoreSimulator.ScoredEvents runWithScores(JointScoreSimulator simulator, Matrix thetas,
            Matrix phis, int eventsPerPair, SplittableRandom rng, Progress progress) {
        Drawn drawn = run(simulator, thetas, phis, eventsPerPair, rng, progress, true);
        return new JointScoreSimulator.ScoredEvents(drawn.events(), Matrix.of(drawn.events().size(),
                simulator.dimensions().thetaDim(), drawn.scores()));
    }

    /** The events and, when asked for, their joint scores row-major (K·n, D<sub>θ</sub>). */
    private record Drawn(EventDataset events, double[] scores) {
    }

    /** The blocks, with the joint scores when {@code scored} (then {@code simulator} returns them). */
    private static Drawn run(Simulator simulator, Matrix thetas, Matrix phis,
            int eventsPerPair, SplittableRandom rng, Progress progress, boolean scored) {
        Dimensions dims = simulator.dimensions();
        simulator.thetaDomain().requireRows("thetas", thetas.requireNonEmpty("thetas"));
        simulator.phiDomain().requireRows("phis", phis.requireShape("phis", thetas.rows(), dims.phiDim()));
        Require.positive("events per pair", eventsPerPair);
        int k = thetas.rows();
        DatasetSchema schema = DatasetSchema.labelled(dims);
        int width = schema.width();
        int dt = dims.thetaDim();
        requireFits(k, eventsPerPair, width + (scored ? dt : 0));
        List<Block> blocks = new ArrayList<>();
        SplittableRandom[] pairStreams = pairStreams(rng, 0, k);
        for (int pair = 0; pair < k; pair++) {
            List<SplittableRandom> streams = blockStreams(pairStreams[pair], eventsPerPair);
            for (int b = 0; b < streams.size(); b++) {
                int offset = b * BLOCK_EVENTS;
                blocks.add(new Block(pair, offset, Math.min(BLOCK_EVENTS, eventsPerPair - offset), streams.get(b)));
            }
        }
        int dx = dims.xDim();
        double[] table = new double[k * eventsPerPair * width];
        double[] scores = new double[scored ? k * eventsPerPair * dt : 0];
        IntStream.range(0, blocks.size()).parallel().forEach(i -> {
            Block b = blocks.get(i);
            double[] theta = thetas.row(b.pair());
            double[] phi = phis.row(b.pair());
            double[] x;
            if (scored) {
                x = new double[b.events() * dx];
                double[] t = new double[b.events() * dt];
                ((JointScoreSimulator) simulator).drawWithScore(theta.clone(), phi.clone(), b.events(), b.rng(), x, t);
                System.arraycopy(t, 0, scores, (b.pair() * eventsPerPair + b.offset()) * dt, t.length);
            } else {
                x = simulator.simulate(theta, phi, b.events(), b.rng()).toArray();
            }
            for (int e = 0; e < b.events(); e++) {
                int row = b.pair() * eventsPerPair + b.offset() + e;
                System.arraycopy(x, e * dx, table, row * width, dx);
                System.arraycopy(theta, 0, table, row * width + dx, theta.length);
                System.arraycopy(phi, 0, table, row * width + dx + theta.length, phi.length);
            }
            progress.advance(b.events());
        });
        return new Drawn(EventDataset.of(schema, k * eventsPerPair, table), scores);
    }
}
