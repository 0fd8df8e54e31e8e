package org.robotphysicist.models.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.Box;
import org.robotphysicist.data.BoxUnion;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.Matrix;
import org.robotphysicist.data.OutOfSupportException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.models.RangePolicy;

/** {@link TrainedRanges}: several φ boxes in the JSON, one box (and older files) as before, no φ at all. */
class TrainedRangesTest {
    private static final Box THETA = Box.interval(0, 1);
    private static final Box X = Box.interval(-1, 1);

    @Test
    void severalPhiBoxesRoundTripAndRefuseTheGapBetweenThem() {
        TrainedRanges r = TrainedRanges.of(THETA, new BoxUnion(List.of(Box.interval(40, 60), Box.interval(85, 95))),
                X);
        assertEquals(Box.interval(40, 95), r.phi());
        TrainedRanges back = Json.read(Json.write(r), TrainedRanges.class, "ranges");
        assertEquals(r.phiUnion(), back.phiUnion());
        back.enforcePhi(RangePolicy.FAIL, "maf", "phi", Matrix.ofColumn(45, 90));
        var e = assertThrows(OutOfSupportException.class, () -> back.enforceGrid(RangePolicy.FAIL, "maf",
                Matrix.ofColumn(0.5), Matrix.ofColumn(0.5), new double[] {70}));
        assertEquals("phi row 0 = [70.0]: expected a value inside one of the phi boxes Box[[40.0, 60.0]] u"
                + " Box[[85.0, 95.0]] that the maf was trained on (it lies between them); load it with RangePolicy.WARN"
                + " to extrapolate anyway", e.getMessage());
        back.enforcePhi(RangePolicy.WARN, "maf", "phi", Matrix.ofColumn(70));
        var notBounding = assertThrows(InvalidInputException.class, () -> new TrainedRanges(THETA,
                Box.interval(0, 100), X, List.of(Box.interval(40, 60), Box.interval(85, 95))));
        assertTrue(notBounding.getMessage().contains("to be the bounding box"), notBounding.getMessage());
    }

    @Test
    void oneBoxWritesNoBoxListAndOlderJsonReads() {
        TrainedRanges one = new TrainedRanges(THETA, Box.interval(40, 60), X);
        String json = Json.write(one);
        assertFalse(json.contains("phiBoxes"), json);
        String older = "{\"theta\":{\"lower\":[0.0],\"upper\":[1.0]},\"phi\":{\"lower\":[40.0],\"upper\":[60.0]},"
                + "\"x\":{\"lower\":[-1.0],\"upper\":[1.0]}}";
        TrainedRanges read = Json.read(older, TrainedRanges.class, "older ranges");
        assertEquals(one, read);
        assertEquals(BoxUnion.of(Box.interval(40, 60)), read.phiUnion());
    }

    @Test
    void experimentsWithoutSettingHaveAnEmptyPhiBox() {
        TrainedRanges none = new TrainedRanges(THETA, Box.empty(), X);
        TrainedRanges back = Json.read(Json.write(none), TrainedRanges.class, "ranges");
        assertEquals(0, back.phi().dim());
        back.enforce(RangePolicy.FAIL, "maf", Matrix.ofColumn(0.5), Matrix.ofColumn(0.5), Matrix.of(1, 0,
                new double[0]));
    }
}
