package org.robotphysicist.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.robotphysicist.data.Dimensions;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.dataset.ColumnRole;
import org.robotphysicist.data.dataset.DatasetSchema;

/**
 * The column names of event datasets in Parquet: those of the CSV header, {@code x:NAME},
 * {@code theta:NAME}, {@code phi:NAME} ({@link ColumnRole#prefix()}), each a required float64.
 */
public final class EventColumns {
    private EventColumns() {
    }

    /** The columns of a labelled dataset (x, θ, φ), in storage order. */
    public static List<String> labelled(Dimensions dims) {
        return names(DatasetSchema.labelled(dims));
    }

    /** {@code role:name} for every column of {@code schema}, in storage order. */
    public static List<String> names(DatasetSchema schema) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < schema.width(); j++) {
            out.add(schema.role(j).prefix() + ":" + schema.columnNames().get(j));
        }
        return out;
    }

    /** The x columns, then the φ columns when {@code withPhi}: what a posterior reads. */
    public static List<String> observed(Dimensions dims, boolean withPhi) {
        List<String> out = new ArrayList<>();
        dims.xNames().forEach(n -> out.add(ColumnRole.X.prefix() + ":" + n));
        if (withPhi) {
            dims.phiNames().forEach(n -> out.add(ColumnRole.PHI.prefix() + ":" + n));
        }
        return out;
    }

    /** The Parquet message type of {@code columns}: required doubles. */
    static MessageType parquetType(List<String> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String c : columns) {
            b.required(PrimitiveType.PrimitiveTypeName.DOUBLE).named(c);
        }
        return b.named("events");
    }

    /**
     * Requires {@code schema} to hold every one of {@code expected} as a double column.
     *
     * @param source names the dataset in the message
     * @throws MalformedDataException naming the expected and the found columns
     */
    static void requireColumns(String source, StructType schema, List<String> expected) {
        List<String> missing = new ArrayList<>();
        for (String name : expected) {
            StructField f = Arrays.stream(schema.fields()).filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (f == null) {
                missing.add(name);
            } else if (!f.dataType().equals(DataTypes.DoubleType)) {
                throw new MalformedDataException(source + " column '" + name + "': expected double values but found "
                        + f.dataType().simpleString());
            }
        }
        if (!missing.isEmpty()) {
            throw new MalformedDataException(source + ": expected the columns " + expected + " (double) but found "
                    + Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList()
                    + "; missing " + missing);
        }
    }
}
