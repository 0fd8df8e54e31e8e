package org.robotphysicist.engine.design.bo;

/**
 * How q &gt; 1 points are proposed at once without evaluating them: each chosen point is added to
 * the GP as a fantasy observation (hyperparameters kept), and the acquisition is maximized again
 * (Ginsbourger, Le Riche &amp; Carraro 2010, "Kriging is well-suited to parallelize optimization").
 */
public enum BatchStrategy {
    /** The fantasy value is the GP posterior mean at the chosen point. */
    KRIGING_BELIEVER,
    /** The fantasy value is the worst value observed so far ("constant liar, pessimistic"). */
    CONSTANT_LIAR
}
