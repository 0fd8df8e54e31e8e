package org.robotphysicist.models.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.io.Provenance;
import org.robotphysicist.models.RangePolicy;
import org.robotphysicist.models.file.TrainedRanges;
import org.robotphysicist.models.file.TrainingCurve;
import org.robotphysicist.models.flow.ConditionalFlow;
import org.robotphysicist.models.flow.FlowEvaluator;
import org.robotphysicist.models.flow.FlowSpec;
import org.robotphysicist.models.flow.TrainedFlow;
import org.robotphysicist.models.neural.Standardizer;

/**
 * Small untrained flows for tests, shared through the models test-jar: one θ ("t"), one φ ("p")
 * and one x, trained ranges θ ∈ [0, 1], φ ∈ [1, 2], x ∈ [−6, 6], parameters drawn from a seed
 * (different seeds give different densities), the x standardizer (0.2, 1.3).
 */
public final class SmallFlows {
    /** θ "t", φ "p", x "x". */
    public static final Dimensions DIMS = new Dimensions(List.of("t"), List.of("p"), List.of("x"));
    /** θ ∈ [0, 1], φ ∈ [1, 2], x ∈ [−6, 6]. */
    public static final TrainedRanges RANGES = new TrainedRanges(Box.interval(0, 1), Box.interval(1, 2),
            Box.interval(-6, 6));

    private SmallFlows() {
    }

    /**
     * A MAF (2 layers of one hidden layer of 8) or an NSF (1 layer, 4 bins on [−3, 3]) with
     * parameters of {@code dataType} drawn from {@code seed}, refusing inputs outside {@link #RANGES};
     * close it after use.
     */
    public static TrainedFlow flow(FlowSpec.Kind kind, long seed, DataType dataType) {
        FlowSpec spec = kind == FlowSpec.Kind.MAF ? FlowSpec.maf(1, 2, 2, List.of(8))
                : FlowSpec.nsf(1, 2, 1, List.of(8), 4, 3.0);
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        ConditionalFlow flow = spec.build();
        flow.initializeParameters(manager, dataType, new SplittableRandom(seed), 0.7);
        FlowEvaluator evaluator = new FlowEvaluator(flow, new Standardizer(new double[] {0.2}, new double[] {1.3}),
                new Standardizer(new double[] {0.5, 1.5}, new double[] {0.3, 0.3}), FlowEvaluator.DEFAULT_TILE_ROWS);
        return new TrainedFlow(DIMS, manager, evaluator, RANGES, RangePolicy.FAIL,
                Provenance.capture("test", Map.of(), Map.of("init", seed), Map.of()), TrainingCurve.untrained());
    }
}
