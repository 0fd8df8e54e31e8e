/**
 * The vocabulary every other module speaks: validated value types for the three kinds of vector of
 * the problem (parameters of nature θ, experiment settings φ, events x), and the errors raised when
 * a caller hands the engine something it cannot use. {@link Matrix} holds event blocks, parameter
 * grids and batches of settings; {@link Box}, {@link BoxUnion} and {@link RegularGrid} describe
 * supports, domains and grids; {@link Dimensions} and {@link DisplayNames} name the components.
 * {@link Require} checks arguments at public boundaries and throws the subtypes of
 * {@link InvalidInputException} (shape, non-finite value, support, malformed data);
 * {@link LogSumExp}, {@link SystematicResampling} and {@link SplittableRandomAdapter} are small
 * numerical helpers.
 *
 * <p>Layering: the root of the data module, the bottom of the project; it depends on no other
 * package of the project.
 */
package org.robotphysicist.data;
