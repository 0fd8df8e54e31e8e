package org.robotphysicist.data.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.robotphysicist.data.progress.Progress;
import org.robotphysicist.data.progress.ProgressReporter;

/**
 * A progress reporter for tests that records what was reported: each task started ("TASK TOTAL
 * UNIT"), the units advanced over all tasks, the advance calls and the closes. Thread-safe.
 */
public final class RecordingProgressReporter implements ProgressReporter {
    private final List<String> tasks = new CopyOnWriteArrayList<>();
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong advances = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();

    @Override
    public Progress start(String task, long total, String unit) {
        tasks.add(task + " " + total + " " + unit);
        return new Progress() {
            @Override
            public void advance(long n) {
                units.addAndGet(n);
                advances.incrementAndGet();
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    /** The tasks started, "TASK TOTAL UNIT", in order. */
    public List<String> tasks() {
        return List.copyOf(tasks);
    }

    /** The units advanced, over all tasks. */
    public long units() {
        return units.get();
    }

    /** The calls to advance, over all tasks. */
    public long advances() {
        return advances.get();
    }

    /** The reports closed. */
    public long closed() {
        return closed.get();
    }
}
