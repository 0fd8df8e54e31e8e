package org.robotphysicist.engine.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.external.SimulatorTimeoutException;

class ExchangeStatusTest {
    @Test
    void eachKindOfFailureGetsItsOwnStatus() {
        assertEquals(413, Exchange.statusOf(new HttpError(413, "body too large")));
        assertEquals(400, Exchange.statusOf(new InvalidInputException("phi: expected 1 number but found 2")));
        assertEquals(502, Exchange.statusOf(new SimulatorTimeoutException("external simulator 'sim': expected a"
                + " reply within 300 ms (read timeout) but found none")), "a failed simulator is a bad gateway");
        assertEquals(500, Exchange.statusOf(new IllegalStateException("boom")));
    }
}
