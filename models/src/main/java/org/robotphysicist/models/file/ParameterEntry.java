package org.robotphysicist.models.file;

import java.util.List;
import org.robotphysicist.data.InvalidInputException;

/**
 * One parameter tensor as listed in a model file's manifest; its values follow in the file's
 * data section in manifest order.
 *
 * @param name  the DJL parameter name, e.g. {@code 01Linear_weight}
 * @param shape the tensor shape, every extent ≥ 1, at most {@link ModelFile#MAX_PARAMETER_VALUES}
 *              elements in all
 * @param dtype the stored element type; only {@value #FLOAT32} (little-endian) is written
 */
public record ParameterEntry(String name, List<Long> shape, String dtype) {
    public static final String FLOAT32 = "float32";

    public ParameterEntry {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("parameter name: expected a non-blank name but found '" + name + "'");
        }
        if (shape == null) {
            throw new InvalidInputException("parameter " + name + ": expected a shape but found none");
        }
        shape = List.copyOf(shape);
        long elements = 1;
        for (long s : shape) {
            if (s < 1) {
                throw new InvalidInputException("parameter " + name + ": expected extents >= 1 but found shape "
                        + shape);
            }
            if (elements > ModelFile.MAX_PARAMETER_VALUES / s) {
                throw new InvalidInputException("parameter " + name + ": expected at most "
                        + ModelFile.MAX_PARAMETER_VALUES + " values but found shape " + shape + ", which holds more");
            }
            elements *= s;
        }
        if (!FLOAT32.equals(dtype)) {
            throw new InvalidInputException("parameter " + name + ": expected dtype " + FLOAT32 + " but found "
                    + dtype);
        }
    }

    /** Number of elements, Π shape (at most {@link ModelFile#MAX_PARAMETER_VALUES}). */
    public long size() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
