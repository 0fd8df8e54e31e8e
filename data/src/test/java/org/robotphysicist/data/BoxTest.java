package org.robotphysicist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.robotphysicist.data.io.Json;

class BoxTest {

    @Test
    void itsMiddleIsTheCentrePerDimensionAndStaysOutOfItsJson() {
        Box box = new Box(new double[] {40, -2, 0.5}, new double[] {100, 2, 0.5});
        assertArrayEquals(new double[] {70, 0, 0.5}, box.middle(), 0.0);
        assertEquals(0, Box.empty().middle().length, "a box without dimensions has the empty vector as centre");
        String json = Json.write(box);
        assertFalse(json.contains("middle"), "derived, so not part of the JSON form: " + json);
        assertEquals(box, Json.read(json, Box.class, "box"));
    }
}
