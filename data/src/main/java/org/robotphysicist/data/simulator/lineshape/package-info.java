/**
 * The {@code z-lineshape} simulator: e⁺e⁻ → μ⁺μ⁻ across the Z resonance with θ = (M<sub>Z</sub>,
 * Γ<sub>Z</sub>, sin²θ<sub>eff</sub>) ({@link LineshapeParameters}). The hard process in the
 * improved Born approximation ({@link ImprovedBornCrossSection}), initial-state radiation
 * ({@link IsrRadiator}), beam-energy spread and detector ({@link BeamAndDetector}) make the
 * generator ({@link DimuonGenerator}) and the observables ({@link DimuonObservables}) of
 * {@link ZLineshapeSimulator}; {@link LineshapeLikelihood} is its reference likelihood by
 * quadrature ({@link AdaptiveGaussKronrod}).
 *
 * <p>Layering: depends on the data root and {@code data.simulator} only.
 */
package org.robotphysicist.data.simulator.lineshape;
