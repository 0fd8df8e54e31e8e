package org.robotphysicist.training.data;

import java.util.SplittableRandom;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.BoxUnion;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.Require;
import org.robotphysicist.data.prior.Prior;

/**
 * Where training parameters (θ or φ) come from: draws for simulation, and the box they cover,
 * which becomes the range a trained surrogate is valid on.
 */
public interface ParameterSampler {

    /** Dimension of the parameter vector. */
    int dim();

    /** The bounded box every draw lies in. */
    Box range();

    /**
     * The boxes draws lie in: {@link #range()}, or the several boxes of a sampler over a union
     * ({@link #uniformOver}), which becomes the trained φ of a surrogate.
     */
    default BoxUnion union() {
        return BoxUnion.of(range());
    }

    /** n draws, (n, {@link #dim()}). */
    Matrix sample(int n, SplittableRandom rng);

    /** Draws from a prior with a bounded support (the support is the range). */
    static ParameterSampler of(Prior prior) {
        if (!prior.support().isBounded()) {
            throw new InvalidInputException("training parameter distribution: expected a prior with a bounded support"
                    + " (it becomes the surrogate's valid range) but found " + prior.support());
        }
        return new ParameterSampler() {
            @Override
            public int dim() {
                return prior.dim();
            }

            @Override
            public Box range() {
                return prior.support();
            }

            @Override
            public Matrix sample(int n, SplittableRandom rng) {
                return prior.sample(n, rng);
            }

            @Override
            public String toString() {
                return "sampler(" + prior + ")";
            }
        };
    }

    /** Uniform over the union of boxes {@code boxes} ({@link BoxUnion#sample}); its range is their bounding box. */
    static ParameterSampler uniformOver(BoxUnion boxes) {
        return new ParameterSampler() {
            @Override
            public int dim() {
                return boxes.dim();
            }

            @Override
            public Box range() {
                return boxes.bounds();
            }

            @Override
            public BoxUnion union() {
                return boxes;
            }

            @Override
            public Matrix sample(int n, SplittableRandom rng) {
                return boxes.sample(n, rng);
            }

            @Override
            public String toString() {
                return "uniform" + boxes;
            }
        };
    }

    /**
     * Always the same value (e.g. one beam energy); the range is that point. The empty vector is
     * the φ of a simulator without settings: draws are (n, 0).
     */
    static ParameterSampler fixed(double... value) {
        double[] v = Require.finite("fixed parameter", value.clone());
        return new ParameterSampler() {
            @Override
            public int dim() {
                return v.length;
            }

            @Override
            public Box range() {
                return new Box(v, v);
            }

            @Override
            public Matrix sample(int n, SplittableRandom rng) {
                return Matrix.repeatRow(v, n);
            }

            @Override
            public String toString() {
                return "fixed" + java.util.Arrays.toString(v);
            }
        };
    }
}
