package org.robotphysicist.data.simulator.external;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.simulator.Simulator;

/**
 * A {@link Simulator} served by an external program speaking the line protocol of
 * {@code docs/simulator-protocol.md} on its standard input and output, so a Python or C++
 * simulator plugs in without Java code.
 *
 * <p><b>Randomness.</b> Each {@link #draw} takes one {@code rng.nextLong()} as the request's seed,
 * so results are reproducible from the caller's {@link SplittableRandom} when the program honours
 * the protocol's rule that equal requests give equal events.
 *
 * <p><b>Threads.</b> Thread-safe. Each program copy serves one request at a time; up to
 * {@link ExternalSimulatorConfig#processes()} copies run at once, started on demand. Every copy must
 * announce the handshake of the first. {@link #simulateBatch} runs pairs in parallel, so it uses
 * the whole pool.
 *
 * <p><b>Failures.</b> Every read waits at most the configured timeout. A copy that times out,
 * crashes or breaks the protocol is killed with its child processes and replaced at the next
 * request; the failing call throws a subclass of {@link ExternalSimulatorException}. An
 * {@code error} reply throws {@link SimulatorReportedErrorException} and keeps the copy.
 *
 * <p><b>Lifetime.</b> {@link #close()} stops every copy (a {@code quit} line, then a kill after a
 * grace period); a JVM shutdown hook does the same for simulators never closed.
 */
public final class ExternalSimulator implements Simulator, AutoCloseable {
    private final ExternalSimulatorConfig config;
    private final Handshake handshake;
    private final Object lock = new Object();
    private final Deque<SimulatorProcess> idle = new ArrayDeque<>();
    private final Set<SimulatorProcess> live = new LinkedHashSet<>();
    private final Thread shutdownHook;
    private int starting;
    private boolean closed;

    private ExternalSimulator(ExternalSimulatorConfig config, SimulatorProcess first) {
        this.config = config;
        this.handshake = first.handshake();
        this.live.add(first);
        this.idle.add(first);
        this.shutdownHook = new Thread(this::killAll, "rp-external-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts one copy of the program and reads its handshake.
     *
     * @throws ExternalSimulatorException when the program cannot start, times out, or sends an
     *                                    invalid handshake (the process is cleaned up)
     */
    public static ExternalSimulator start(ExternalSimulatorConfig config) {
        return new ExternalSimulator(config, SimulatorProcess.start(config));
    }

    public ExternalSimulatorConfig config() {
        return config;
    }

    /** The protocol version the program announced. */
    public int protocolVersion() {
        return handshake.version();
    }

    @Override
    public String name() {
        return handshake.name();
    }

    @Override
    public Dimensions dimensions() {
        return handshake.dimensions();
    }

    /** From the handshake's optional {@code label} lines; the names, without units, where there are none. */
    @Override
    public org.robotphysicist.data.DisplayNames displayNames() {
        return handshake.displayNames();
    }

    /** The θ units of the {@code label} lines. */
    @Override
    public List<String> thetaUnits() {
        return handshake.displayNames().thetaUnits();
    }

    @Override
    public Box thetaDomain() {
        return handshake.thetaDomain();
    }

    @Override
    public Box phiDomain() {
        return handshake.phiDomain();
    }

    @Override
    public Box xSupport() {
        return handshake.xSupport();
    }

    @Override
    public void draw(double[] theta, double[] phi, int n, SplittableRandom rng, double[] out) {
        long seed = rng.nextLong();
        SimulatorProcess p = acquire();
        boolean keep = false;
        try {
            p.simulate(theta, phi, n, seed, out);
            keep = true;
        } catch (SimulatorReportedErrorException e) {
            keep = true;
            throw e;
        } finally {
            release(p, keep);
        }
    }

    /** Process ids of the copies now running (for diagnostics). */
    public List<Long> pids() {
        synchronized (lock) {
            return live.stream().map(SimulatorProcess::pid).toList();
        }
    }

    private SimulatorProcess acquire() {
        synchronized (lock) {
            while (true) {
                requireOpen();
                SimulatorProcess p = idle.pollFirst();
                if (p != null) {
                    if (p.isAlive()) {
                        return p;
                    }
                    live.remove(p);
                    p.kill();
                    continue;
                }
                if (live.size() + starting < config.processes()) {
                    starting++;
                    break;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ExternalSimulatorException("external simulator '" + config.commandLine() + "': expected to"
                            + " get a free process but the waiting thread was interrupted");
                }
            }
        }
        SimulatorProcess fresh = null;
        try {
            fresh = SimulatorProcess.start(config);
            if (!fresh.handshake().equals(handshake)) {
                fresh.kill();
                throw new SimulatorProtocolException("external simulator '" + config.commandLine() + "': expected"
                        + " every copy to announce the handshake of the first (" + handshake.describe() + ") but a new"
                        + " copy announced " + fresh.handshake().describe());
            }
        } finally {
            synchronized (lock) {
                starting--;
                if (fresh != null && fresh.isAlive() && !closed) {
                    live.add(fresh);
                } else {
                    lock.notifyAll();
                }
            }
        }
        if (!fresh.isAlive()) {
            throw new SimulatorCrashedException("external simulator '" + config.commandLine() + "': expected a new copy"
                    + " to keep running after its handshake but it exited");
        }
        synchronized (lock) {
            if (closed) {
                fresh.kill();
                requireOpen();
            }
        }
        return fresh;
    }

    private void release(SimulatorProcess p, boolean keep) {
        boolean discard;
        synchronized (lock) {
            discard = !keep || closed || !live.contains(p);
            if (discard) {
                live.remove(p);
            } else {
                idle.addFirst(p);
            }
            lock.notifyAll();
        }
        if (discard) {
            p.kill();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new ExternalSimulatorException("external simulator '" + config.commandLine() + "': expected an open"
                    + " simulator but it was closed");
        }
    }

    /**
     * Stops every copy: {@code quit}, a grace period, then a kill of each and of every process it
     * started, including children left running after it exited.
     *
     * @throws SimulatorProtocolException when a copy wrote output after its last reply (detected
     *                                    at {@code quit}); every copy is stopped all the same
     */
    @Override
    public void close() {
        List<SimulatorProcess> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(live);
            live.clear();
            idle.clear();
            lock.notifyAll();
        }
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        all.parallelStream().forEach(p -> {
            try {
                p.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook runs anyway
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void killAll() {
        List<SimulatorProcess> all;
        synchronized (lock) {
            closed = true;
            all = List.copyOf(live);
        }
        all.forEach(SimulatorProcess::kill);
    }

    @Override
    public String toString() {
        return "ExternalSimulator(" + name() + ", '" + config.commandLine() + "')";
    }
}
