/**
 * Throughput of the project's training loop ({@code benchmarks/training-throughput.sh}):
 * {@link TrainingThroughputBenchmark} times {@link org.robotphysicist.training.TrainingLoop} on an MLP
 * beside the same model, data layout and optimizer in a PyTorch peer script, per epoch after a
 * warm-up ({@link EpochRates}).
 *
 * <p>Layering: the benchmarks module sits on top of the engine's application module and may use
 * every module below it (data, {@code models.neural} and training here); nothing depends on it.
 */
package org.robotphysicist.benchmarks.training;
