package org.robotphysicist.training.data;

import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.simulator.JointScoreSimulator;
import org.robotphysicist.data.simulator.Simulator;

/**
 * The training rows of a score-regressing objective
 * ({@link org.robotphysicist.training.ScoreRegressionObjective}): the checks that the scores exist,
 * and the standardized table with the joint scores appended in standardized θ units.
 */
public final class JointScoreRows {
    private JointScoreRows() {
    }

    /**
     * {@code simulator} as a simulator that returns joint scores.
     *
     * @param what    the training that needs them, for the message (e.g. "flow training")
     * @param weight  the score weight asked for, for the message
     * @throws InvalidInputException naming the simulator where it returns none
     */
    public static JointScoreSimulator require(Simulator simulator, String what, double weight) {
        if (!(simulator instanceof JointScoreSimulator scored)) {
            throw new InvalidInputException(what + " with score weight " + weight + ": expected a simulator that"
                    + " returns joint scores but found '" + simulator.name() + "', which does not (set the score"
                    + " weight to 0)");
        }
        return scored;
    }

    /** Events read block by block carry no joint scores: refuses a score weight above 0 for training on them. */
    public static void refuseForStreamedEvents(String what, double weight) {
        if (weight > 0) {
            throw new InvalidInputException(what + " from events read block by block: expected score weight 0 (joint"
                    + " scores are read only from event files held in memory) but found " + weight);
        }
    }

    /**
     * The joint scores a training on given events (for example read from event files) uses: null
     * where the score weight is 0, else {@code scores}, checked.
     *
     * @param what   the training, for the message (e.g. "flow training")
     * @param weight the score weight asked for
     * @param scores (N, D<sub>θ</sub>) the events' joint scores in their row order, or null where they have none
     * @param events N, the number of events
     * @param thetaDim D<sub>θ</sub>
     * @throws InvalidInputException where the weight is above 0 and there are no scores
     * @throws org.robotphysicist.data.DimensionMismatchException where the scores do not fit the events
     */
    public static Matrix forGivenEvents(String what, double weight, Matrix scores, int events, int thetaDim) {
        if (!(weight > 0)) {
            return null;
        }
        if (scores == null) {
            throw new InvalidInputException(what + " from given events with score weight " + weight + ": expected"
                    + " each event's joint score beside it (score: columns in every event file, as rp simulate"
                    + " --joint-scores writes them) but found none (set the score weight to 0)");
        }
        return scores.requireShape("joint scores", events, thetaDim);
    }

    /**
     * [z | τ]: the standardized rows z (N, W) with the joint scores t (N, D<sub>θ</sub>) appended as
     * τ<sub>k</sub> = s<sub>θ,k</sub> t<sub>k</sub>, the score with respect to the standardized
     * θ<sub>k</sub> = (θ<sub>k</sub> − m<sub>k</sub>)/s<sub>θ,k</sub> (∂/∂z = s ∂/∂θ). Maps of x and x's
     * scaling do not depend on θ and leave the score unchanged.
     *
     * @param scales      the standardizer's scales of z's W columns
     * @param thetaOffset the first θ column of z (D<sub>x</sub>)
     */
    public static Matrix appendScaled(Matrix z, Matrix scores, double[] scales, int thetaOffset) {
        int width = z.cols();
        int dt = scores.cols();
        scores.requireShape("joint scores", z.rows(), dt);
        double[] out = new double[z.rows() * (width + dt)];
        double[] zv = z.toArray();
        double[] tv = scores.toArray();
        for (int r = 0; r < z.rows(); r++) {
            System.arraycopy(zv, r * width, out, r * (width + dt), width);
            for (int k = 0; k < dt; k++) {
                out[r * (width + dt) + width + k] = tv[r * dt + k] * scales[thetaOffset + k];
            }
        }
        return Matrix.of(z.rows(), width + dt, out);
    }
}
