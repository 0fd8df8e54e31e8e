package org.robotphysicist.data.simulator.lineshape;

import org.robotphysicist.data.InvalidInputException;

/**
 * The total Z width is smaller than the three leptonic widths its couplings imply, so the
 * hadronic-plus-invisible remainder Γ<sub>Z</sub> − 3Γ<sub>ℓℓ</sub> would be negative.
 */
public final class UnphysicalWidthException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public UnphysicalWidthException(String message) {
        super(message);
    }
}
