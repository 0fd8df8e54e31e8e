package org.robotphysicist.engine.surrogate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.models.ensemble.SurrogateEnsemble;
import org.robotphysicist.models.file.TrainedSurrogate;

/**
 * Builds a {@link SurrogateEnsemble} of K = {@link SurrogateTrainingConfig#ensembleMembers()} networks of
 * one trained kind (classifier, maf, nsf, or any kind that {@linkplain
 * SurrogateKindProvider#writesModelFile() writes a model file}): member k is the kind's ordinary
 * build with the seed {@link #memberSeed}(seed, k), so members differ in initialization, shuffles,
 * validation split and — from a simulator — in their simulated training rows (each member's rows
 * come from its own stream). From event files the members share the files' rows (their split,
 * shuffles and initialization still differ), so their spread then leaves out the noise of the
 * training sample. Member 0 has the request's own seed: it is the network a single build would
 * give. A time budget is shared evenly: each member may train for budget / K.
 *
 * <p>How the ensemble's posterior is formed, and why: {@link SurrogateEnsemble}. Stateless.
 */
public final class SurrogateEnsembles {
    private SurrogateEnsembles() {
    }

    /**
     * The seed of member k: the build's seed for k = 0, else the k-th draw of a {@link SplittableRandom}
     * seeded with it (well mixed, so members' streams do not overlap even though a kind uses seed + 1
     * for its simulations).
     */
    public static long memberSeed(long seed, int k) {
        if (k == 0) {
            return seed;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        long s = 0;
        for (int i = 0; i < k; i++) {
            s = rng.nextLong();
        }
        return s;
    }

    /**
     * Trains the K members of {@code kind} for {@code request} and returns them as one ensemble.
     *
     * @throws InvalidInputException for a kind that is tabulated rather than trained
     */
    public static BuiltSurrogate build(SurrogateKindProvider kind, SurrogateBuildRequest request) {
        SurrogateTrainingConfig controls = request.training();
        int k = controls.ensembleMembers();
        if (!kind.writesModelFile()) {
            throw new InvalidInputException("ensemble of " + k + ": expected a trained kind (one that writes a model"
                    + " file, such as classifier, maf or nsf) but '" + kind.name() + "' is tabulated; use"
                    + " --ensemble 1 with it");
        }
        Duration share = controls.timeBudget() == null ? null : controls.timeBudget().dividedBy(k);
        if (share != null && share.isZero()) {
            share = Duration.ofNanos(1);
        }
        List<TrainedSurrogate> members = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        String first = null;
        try {
            for (int m = 0; m < k; m++) {
                long seed = memberSeed(controls.seed(), m);
                seeds.add(seed);
                request.log().accept(String.format(Locale.ROOT, "ensemble member %d/%d (seed %d)", m + 1, k, seed));
                BuiltSurrogate built = kind.build(request.withTraining(controls.withSeed(seed).withEnsembleMembers(1)
                        .withTimeBudget(share)));
                if (!(built.surrogate() instanceof TrainedSurrogate t)) {
                    SurrogateRegistry.closeQuietly(built);
                    throw new IllegalStateException("surrogate kind '" + kind.name() + "' says it writes a model file"
                            + " but built a " + built.surrogate().getClass().getName());
                }
                members.add(t);
                first = first == null ? built.description() : first;
            }
            SurrogateEnsemble ensemble = SurrogateEnsemble.of(members);
            return BuiltSurrogate.trained(ensemble, kind.name(), String.format(Locale.ROOT, "ensemble of %d %s networks"
                    + " (seeds %s; posterior: mixture of the member posteriors); member 1: %s", k, kind.name(), seeds,
                    first));
        } catch (RuntimeException e) {
            members.forEach(TrainedSurrogate::close);
            throw e;
        }
    }
}
