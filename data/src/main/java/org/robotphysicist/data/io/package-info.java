/**
 * Files and text the project reads and writes safely: {@link AtomicFiles} (no half-written file is
 * ever seen), {@link OutputTargets} (output paths checked before any work,
 * {@link UnwritableOutputException}), {@link Json} (the one strict JSON configuration),
 * {@link Provenance} (where an artifact came from), {@link PlainDecimal} (numbers as plain decimals
 * only) and {@link VisibleText} (text made safe for one-line messages).
 *
 * <p>Layering: depends on the data root only.
 */
package org.robotphysicist.data.io;
