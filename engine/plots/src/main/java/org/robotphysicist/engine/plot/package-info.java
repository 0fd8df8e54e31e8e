/**
 * The project's pictures as PNG files, in one house style: one-dimensional posteriors with their
 * {@link CredibleRegion} ({@link PosteriorPlot1D}), two-dimensional ones with HPD contours
 * ({@link PosteriorPlot2D}), corner plots of D ≥ 2 dimensions ({@link CornerPlot}), EIG estimates
 * against φ with the Gaussian-process model ({@link EigPlot}) and training curves
 * ({@link TrainingCurvePlot}); {@link Curve} is one named line, {@link PlotSize} the size in pixels
 * and {@link PlotText} the labels as people read them.
 *
 * <p>Layering: the engine's plots module; depends on data and the inference module
 * ({@code engine.posterior}) only; never on training, design or the application module, which call
 * it.
 */
package org.robotphysicist.engine.plot;
