/**
 * Where training and inference compute: a {@link DeviceRequest} ({@code auto}, {@code cpu},
 * {@code gpu}, {@code gpu:N}) is resolved by {@link Devices} against what the PyTorch engine really
 * sees, into a {@link DeviceChoice} that says why; a GPU that was required and is missing raises
 * {@link GpuUnavailableException} instead of a silent fall-back to the CPU.
 *
 * <p>Layering: depends on the data root only.
 */
package org.robotphysicist.training.device;
