package org.robotphysicist.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.robotphysicist.engine.cluster.LikelihoodSource;
import org.robotphysicist.engine.posterior.PosteriorEvaluator;
import org.robotphysicist.models.SurrogateLikelihood;

/**
 * The likelihoods loaded in this JVM (an executor, or the driver in local mode), one per
 * {@link LikelihoodSource#key()}: the first task that needs a source loads it ({@link
 * LikelihoodSource#open()}, which verifies a model file's SHA-256), every later task on the same
 * executor reuses it and its evaluator. This class owns them: {@link #closeAll()} releases their
 * native memory (the backend calls it when it stops its session; an executor's copies go with its
 * JVM). A source that fails to load is not cached, so every task reports the failure.
 */
final class ExecutorLikelihoods {
    /** A loaded likelihood and the evaluator that sums it. */
    record Loaded(SurrogateLikelihood likelihood, PosteriorEvaluator evaluator) {
    }

    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

    private ExecutorLikelihoods() {
    }

    /** The evaluator of {@code source}, loading it on first use in this JVM. */
    static PosteriorEvaluator evaluator(LikelihoodSource source) {
        return LOADED.computeIfAbsent(source.key(), k -> {
            SurrogateLikelihood s = source.open();
            return new Loaded(s, PosteriorEvaluator.forSurrogate(s));
        }).evaluator();
    }

    /** Closes every loaded likelihood that holds resources and forgets them all. */
    static void closeAll() {
        for (String key : LOADED.keySet()) {
            Loaded l = LOADED.remove(key);
            if (l != null && l.likelihood() instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // releasing native memory at shutdown: nothing left to report it to
                }
            }
        }
    }
}
