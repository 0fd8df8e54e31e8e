package org.robotphysicist.engine.design.loop;

import java.util.Arrays;
import java.util.Objects;
import org.robotphysicist.data.Require;

/**
 * The surrogate one round of a refining design run used ({@link SurrogateRefinement}), as kept in
 * the history: what it was trained on, where θ came from, how well it fitted, and the files that
 * hold its training rows and the model itself (inside the run's output directory, by name).
 *
 * @param round          the round it served, from 1
 * @param kind           the registry's kind ({@code classifier}, {@code maf}, {@code nsf}, ...)
 * @param description    what the kind reported it built
 * @param addedRows      the simulations added for this round
 * @param trainingRows   all simulations it was trained on: those of every round up to this one
 * @param proposal       where the added rows' θ came from: the uniform prior (round 1) or the posterior after
 *                       the previous round
 * @param proposalMean   the mean of the added rows' θ, length D<sub>θ</sub>
 * @param proposalSd     their standard deviation, length D<sub>θ</sub>
 * @param validationLoss the held-out loss of the kept epoch ({@code null} when the kind keeps none)
 * @param epochs         the epochs trained
 * @param seed           the training seed (simulation, initialization, shuffles)
 * @param trainingFile   the added rows, {@code training-round-NN.csv}
 * @param trainingSha256 SHA-256 of that file
 * @param modelFile      the trained model, {@code surrogate-round-NN.rpm}, with its provenance inside
 * @param modelSha256    SHA-256 of that file
 * @param seconds        wall-clock seconds spent simulating and training
 */
public record RoundSurrogate(int round, String kind, String description, int addedRows, int trainingRows,
        String proposal, double[] proposalMean, double[] proposalSd, Double validationLoss, int epochs, long seed,
        String trainingFile, String trainingSha256, String modelFile, String modelSha256, double seconds) {

    public RoundSurrogate {
        Require.positive("round", round);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trainingFile, "training file");
        Objects.requireNonNull(modelFile, "model file");
        proposalMean = proposalMean.clone();
        proposalSd = proposalSd.clone();
    }

    @Override
    public double[] proposalMean() {
        return proposalMean.clone();
    }

    @Override
    public double[] proposalSd() {
        return proposalSd.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoundSurrogate s && s.round == round && s.kind.equals(kind)
                && Objects.equals(s.description, description) && s.addedRows == addedRows
                && s.trainingRows == trainingRows && Objects.equals(s.proposal, proposal)
                && Arrays.equals(s.proposalMean, proposalMean) && Arrays.equals(s.proposalSd, proposalSd)
                && Objects.equals(s.validationLoss, validationLoss) && s.epochs == epochs && s.seed == seed
                && s.trainingFile.equals(trainingFile) && Objects.equals(s.trainingSha256, trainingSha256)
                && s.modelFile.equals(modelFile) && Objects.equals(s.modelSha256, modelSha256)
                && Double.compare(s.seconds, seconds) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(round, kind, description, addedRows, trainingRows, proposal, Arrays.hashCode(proposalMean),
                Arrays.hashCode(proposalSd), validationLoss, epochs, seed, trainingFile, trainingSha256, modelFile,
                modelSha256, seconds);
    }

    @Override
    public String toString() {
        return "RoundSurrogate[round " + round + ", " + kind + " on " + trainingRows + " rows (" + addedRows
                + " with theta from the " + proposal + ", mean " + Arrays.toString(proposalMean) + ", sd "
                + Arrays.toString(proposalSd) + "), validation loss " + validationLoss + ", " + epochs
                + " epochs, seed "
                + seed + ", " + modelFile + "]";
    }
}
