package org.robotphysicist.models.file;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.models.neural.AlignedArrays;

/**
 * The parameters of a DJL {@link Block} as plain Java values, in the block's own parameter order
 * (the order DJL initializes them in), so they can be written to and read from a {@link ModelFile}
 * and loaded into a freshly built block of the same architecture. Values are float32.
 */
public final class NamedParameters {

    /**
     * One tensor.
     *
     * @param name   the DJL parameter name
     * @param shape  the tensor shape
     * @param values row-major values, length Π shape
     */
    public record Tensor(String name, long[] shape, float[] values) {
        public Tensor {
            long size = 1;
            for (long s : shape) {
                size = Math.multiplyExact(size, s);
            }
            if (size != values.length) {
                throw new InvalidInputException("parameter " + name + ": expected " + size + " values for shape "
                        + java.util.Arrays.toString(shape) + " but found " + values.length);
            }
        }

        ParameterEntry entry() {
            List<Long> s = new ArrayList<>();
            for (long v : shape) {
                s.add(v);
            }
            return new ParameterEntry(name, s, ParameterEntry.FLOAT32);
        }
    }

    private final List<Tensor> tensors;

    public NamedParameters(List<Tensor> tensors) {
        this.tensors = List.copyOf(tensors);
    }

    /** Copies every parameter of an initialized block (converted to float32). */
    public static NamedParameters of(Block block) {
        List<Tensor> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] values = a.getDataType() == DataType.FLOAT32 ? a.toFloatArray() : toFloats(a.toDoubleArray());
            out.add(new Tensor(p.getKey(), a.getShape().getShape(), values));
        }
        return new NamedParameters(out);
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    public List<Tensor> tensors() {
        return tensors;
    }

    /** The manifest entries, in order. */
    public List<ParameterEntry> entries() {
        return tensors.stream().map(Tensor::entry).toList();
    }

    /** Total number of values. */
    public long size() {
        long n = 0;
        for (Tensor t : tensors) {
            n += t.values().length;
        }
        return n;
    }

    /**
     * Writes the values into an initialized block of the same architecture. Names, order and
     * shapes must match exactly; otherwise {@link MalformedDataException} says which entry differs.
     * Parameters of type float32 or float64 are supported.
     */
    public void loadInto(Block block) {
        var params = block.getParameters();
        if (params.size() != tensors.size()) {
            throw new MalformedDataException("model parameters: expected " + params.size() + " tensors for this"
                    + " architecture but found " + tensors.size() + " (" + names() + ")");
        }
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            String name = params.get(i).getKey();
            NDArray a = params.get(i).getValue().getArray();
            if (!name.equals(t.name()) || !a.getShape().equals(new Shape(t.shape()))) {
                throw new MalformedDataException("model parameter " + i + ": expected " + name + " of shape "
                        + a.getShape() + " but found " + t.name() + " of shape " + new Shape(t.shape()));
            }
            if (a.getDataType() != DataType.FLOAT32 && a.getDataType() != DataType.FLOAT64) {
                throw new InvalidInputException("parameter " + name + ": expected a float32 or float64 array but found "
                        + a.getDataType());
            }
            copyInto(a, t.values());
        }
    }

    /**
     * Overwrites {@code target}'s values in place, in its own storage. (DJL's {@code NDArray.set(Buffer)}
     * is not used: on PyTorch it re-points the tensor at the Java buffer's memory, which the JVM may
     * free or move.) Gradient recording is switched off for the copy so that it is legal on a leaf
     * that requires gradients, whatever the thread's grad mode.
     */
    private static void copyInto(NDArray target, float[] values) {
        boolean requiresGradient = target.hasGradient();
        try (NDManager scratch = target.getManager().newSubManager()) {
            NDArray source = AlignedArrays.of(scratch, values, target.getShape(), target.getDataType());
            if (requiresGradient) {
                target.setRequiresGradient(false);
            }
            target.set(new NDIndex("..."), source);
        } finally {
            if (requiresGradient) {
                target.setRequiresGradient(true);
            }
        }
    }

    private List<String> names() {
        return tensors.stream().map(Tensor::name).toList();
    }

    /** The values as float32 little-endian bytes, in order (the data section of a model file). */
    public byte[] toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(Math.multiplyExact(size(), 4L))).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors) {
            buf.asFloatBuffer().put(t.values());
            buf.position(buf.position() + 4 * t.values().length);
        }
        return buf.array();
    }

    /**
     * SHA-256 over the names, shapes and float32 bits of every tensor, in order (the bits hashed in
     * chunks, without a copy of the whole data section).
     */
    public String sha256() {
        MessageDigest md = Hashing.sha256();
        for (Tensor t : tensors) {
            md.update(t.name().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            ByteBuffer shape = ByteBuffer.allocate(8 * t.shape().length).order(ByteOrder.LITTLE_ENDIAN);
            for (long s : t.shape()) {
                shape.putLong(s);
            }
            md.update(shape.array());
        }
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors) {
            float[] v = t.values();
            for (int done = 0; done < v.length;) {
                int n = Math.min(v.length - done, chunk.capacity() / 4);
                chunk.clear();
                chunk.asFloatBuffer().put(v, done, n);
                md.update(chunk.array(), 0, 4 * n);
                done += n;
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
