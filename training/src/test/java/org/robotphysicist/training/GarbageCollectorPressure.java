package org.robotphysicist.training;

/**
 * A daemon thread that forces a garbage collection every 5 ms while it runs, for tests of
 * native-memory lifetimes: an NDArray whose Java owner the collector may free mid-computation
 * shows up as gradients that vary from run to run or turn NaN.
 */
public final class GarbageCollectorPressure implements AutoCloseable {
    private final Thread thread;

    private GarbageCollectorPressure() {
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-pressure");
        thread.setDaemon(true);
    }

    /** Starts the thread; {@link #close()} stops it. */
    public static GarbageCollectorPressure start() {
        GarbageCollectorPressure p = new GarbageCollectorPressure();
        p.thread.start();
        return p;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
