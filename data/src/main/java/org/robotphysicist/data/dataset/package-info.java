/**
 * Tables of events in memory and on disk: {@link EventDataset}, an immutable (N, C) table whose
 * columns follow a {@link DatasetSchema} (x, then θ, then φ; see {@link ColumnRole}), and
 * {@link EventCsv}, its CSV format with provenance comment lines, as {@code rp simulate} writes it
 * and training and {@code rp posterior} read it.
 *
 * <p>Layering: depends on the data root and {@code data.io} only.
 */
package org.robotphysicist.data.dataset;
