package org.robotphysicist.benchmarks.accuracy;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Published C2ST figures of neural likelihood and ratio estimators on the tasks of this benchmark,
 * for comparison. Only SLCP has them: Lueckmann et al. (2021), "Benchmarking simulation-based
 * inference", AISTATS, PMLR 130 — the mean C2ST over the task's 10 observations in the paper's
 * results table ({@code main_paper.csv} of the authors' results repository,
 * github.com/sbi-benchmark/results), for NLE and SNLE (MAF likelihood estimators) and NRE and SNRE
 * (ratio estimators) at 10³, 10⁴ and 10⁵ simulations. The other tasks are this project's own and
 * have no published figures.
 */
public final class PublishedC2st {
    /** SLCP: method → {C2ST at 10³, 10⁴, 10⁵}. */
    private static final Map<String, double[]> SLCP = Map.of(
            "NLE", new double[] {0.946, 0.771, 0.699},
            "SNLE", new double[] {0.921, 0.713, 0.578},
            "NRE", new double[] {0.972, 0.947, 0.919},
            "SNRE", new double[] {0.968, 0.917, 0.721});

    private PublishedC2st() {
    }

    /** The published figure of {@code method} on {@code task} at {@code simulations}, if any. */
    public static OptionalDouble of(String task, String method, int simulations) {
        int column = simulations == 1_000 ? 0 : simulations == 10_000 ? 1 : simulations == 100_000 ? 2 : -1;
        if (!task.equals("slcp") || column < 0 || !SLCP.containsKey(method)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(SLCP.get(method)[column]);
    }

    /** The figure of the same family and form: NLE for a flow likelihood, NRE for the classifier. */
    public static OptionalDouble sameFamily(String task, SurrogateKinds.Kind kind, int simulations) {
        return of(task, kind == SurrogateKinds.Kind.CLASSIFIER ? "NRE" : "NLE", simulations);
    }

    /** The figure of the same family trained sequentially: SNLE for a flow likelihood, SNRE for the classifier. */
    public static OptionalDouble sequentialFamily(String task, SurrogateKinds.Kind kind, int simulations) {
        return of(task, kind == SurrogateKinds.Kind.CLASSIFIER ? "SNRE" : "SNLE", simulations);
    }

    /** The best (lowest) published neural likelihood or ratio estimator figure, sequential ones included. */
    public static OptionalDouble best(String task, int simulations) {
        return SLCP.keySet().stream().map(m -> of(task, m, simulations)).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).min();
    }
}
