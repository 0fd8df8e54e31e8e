package org.robotphysicist.data.io;

import org.robotphysicist.data.InvalidInputException;

/**
 * The compute device an artifact was made on, as recorded in its {@link Provenance}: what was asked
 * for, what was used, and whether a GPU request fell back to the CPU.
 *
 * @param requested the parsed request, e.g. {@code auto}, {@code cpu}, {@code gpu:0}
 * @param actual    the device computed on, as the deep-learning engine names it, e.g. {@code cpu()}, {@code gpu(0)}
 * @param fellBack  true when a GPU was requested and the CPU was used instead
 */
public record DeviceUsed(String requested, String actual, boolean fellBack) {

    public DeviceUsed {
        if (requested == null || requested.isBlank() || actual == null || actual.isBlank()) {
            throw new InvalidInputException("device used: expected the requested and the actual device but found '"
                    + requested + "' and '" + actual + "'");
        }
    }
}
