/**
 * Where training and inference compute: a {@link DeviceRequest} ({@code auto}, {@code cpu},
 * {@code gpu}, {@code gpu:N}) is resolved by {@link Devices} against what the PyTorch engine really
 * sees, into a {@link DeviceChoice} that says why: a GPU request that cannot be met falls back to
 * the CPU visibly (logged, and reported), or, in strict mode, raises
 * {@link GpuUnavailableException}.
 *
 * <p>Layering: depends on the data root only.
 */
package org.robotphysicist.training.device;
