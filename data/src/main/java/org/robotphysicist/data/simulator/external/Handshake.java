package org.robotphysicist.data.simulator.external;

import org.robotphysicist.data.Box;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.DisplayNames;

/**
 * What a program announced in its handshake: its name, the names of θ, φ and x, and their
 * intervals (docs/simulator-protocol.md, section 1).
 *
 * @param version     the protocol version it speaks
 * @param name        its name
 * @param dimensions  the names of θ, φ and x
 * @param thetaDomain where θ may lie
 * @param phiDomain   where φ may lie
 * @param xSupport    where events fall
 * @param displayNames display names and units from the optional {@code label} lines (the names where none)
 */
record Handshake(int version, String name, Dimensions dimensions, Box thetaDomain, Box phiDomain, Box xSupport,
        DisplayNames displayNames) {

    /** The handshake as the program would write it, for messages. */
    String describe() {
        return "name " + name + ", theta " + dimensions.thetaNames() + " in " + thetaDomain + ", phi "
                + dimensions.phiNames() + " in " + phiDomain + ", x " + dimensions.xNames() + " in " + xSupport;
    }
}
