package org.robotphysicist.models.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robotphysicist.data.testing.StatisticalAssertions.assertClose;
import static org.robotphysicist.data.testing.StatisticalAssertions.maxAbsDifference;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robotphysicist.data.DimensionMismatchException;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.MalformedDataException;
import org.robotphysicist.data.io.Json;
import org.robotphysicist.models.file.NamedParameters;

class MlpTest {
    private static final MlpSpec SPEC = MlpSpec.of(3, 16, 3, 1, ActivationFunction.SILU);

    @Test
    void specValidatesCountsAndRoundTripsThroughJson() {
        assertEquals(SPEC, Json.read(Json.write(SPEC), MlpSpec.class, "spec"));
        assertEquals(3 * 16 + 16 + 2 * (16 * 16 + 16) + 16 + 1, SPEC.parameterCount());
        assertEquals(2L * (3 * 16 + 2 * 16 * 16 + 16), SPEC.flopsPerRow());
        var e = assertThrows(InvalidInputException.class, () -> new MlpSpec(3, List.of(), 1, ActivationFunction.RELU));
        assertTrue(e.getMessage().contains("at least one hidden layer"), e.getMessage());
        var w = assertThrows(InvalidInputException.class, () -> new MlpSpec(3, List.of(8, 0), 1, ActivationFunction.RELU));
        assertTrue(w.getMessage().contains("hidden width 1") && w.getMessage().contains("found 0"), w.getMessage());
        assertThrows(InvalidInputException.class, () -> new MlpSpec(0, List.of(8), 1, ActivationFunction.RELU));
        assertThrows(InvalidInputException.class, () -> new MlpSpec(3, List.of(8), 1, null));
    }

    @Test
    void seededInitializationIsReproducibleAndParametersFollowTheBlockStructure() {
        for (ActivationFunction a : ActivationFunction.values()) {
            MlpSpec spec = MlpSpec.of(3, 8, 2, 1, a);
            try (Mlp m1 = Mlp.initialize(spec, Device.cpu(), DataType.FLOAT32, new SplittableRandom(5));
                    Mlp m2 = Mlp.initialize(spec, Device.cpu(), DataType.FLOAT32, new SplittableRandom(5));
                    Mlp m3 = Mlp.initialize(spec, Device.cpu(), DataType.FLOAT32, new SplittableRandom(6))) {
                List<NamedParameters.Tensor> t1 = m1.parameters().tensors();
                List<NamedParameters.Tensor> t2 = m2.parameters().tensors();
                assertEquals(6, t1.size());
                assertEquals("01Linear_weight", t1.get(0).name());
                assertArrayEquals(new long[] {8, 3}, t1.get(0).shape());
                for (int i = 0; i < t1.size(); i++) {
                    assertArrayEquals(t1.get(i).values(), t2.get(i).values(), a + " " + t1.get(i).name());
                }
                assertFalse(java.util.Arrays.equals(t1.get(0).values(), m3.parameters().tensors().get(0).values()));
                for (float b : t1.get(1).values()) {
                    assertEquals(0f, b, "biases start at zero");
                }
                assertTrue(m1.block().getChildren().get(0).getValue() instanceof Linear, "child 0 is the first layer");
            }
        }
    }

    /** The inference path (detached parameters) equals the DJL block's own forward pass bit for bit. */
    @Test
    void inferenceEqualsTheBlockForwardPass() {
        try (Mlp mlp = Mlp.initialize(SPEC, Device.cpu(), DataType.FLOAT32, new SplittableRandom(1));
                NDManager m = mlp.newSubManager()) {
            NDArray z = m.randomNormal(new Shape(257, 3));
            float[] viaBlock = mlp.block().forward(new ParameterStore(m, false), new NDList(z), false)
                    .singletonOrThrow().toFloatArray();
            float[] viaInference = mlp.forward(z).toFloatArray();
            assertArrayEquals(viaBlock, viaInference);
            assertTrue(mlp.forward(z).getShape().equals(new Shape(257, 1)));
        }
    }

    /**
     * The first-layer split W·z = W_a·z_a + W_b·z_b reproduces the plain forward pass: in float64 to
     * 1e-12, in float32 to 1e-5 (a few units of float32 round-off on outputs of order one).
     */
    @Test
    void firstLayerSplitReproducesTheForwardPass() {
        try (Mlp f32 = Mlp.initialize(SPEC, Device.cpu(), DataType.FLOAT32, new SplittableRandom(2));
                Mlp f64 = f32.copy(DataType.FLOAT64)) {
            for (Mlp mlp : new Mlp[] {f64, f32}) {
                double tol = mlp == f64 ? 1e-12 : 1e-5;
                try (NDManager m = mlp.newSubManager()) {
                    NDArray z = m.randomNormal(new Shape(100, 3)).toType(mlp.dataType(), false);
                    NDArray w = mlp.firstLayerWeight(m);
                    NDArray b = mlp.firstLayerBias(m);
                    NDArray za = z.get(new NDIndex(":, 0:1"));
                    NDArray zb = z.get(new NDIndex(":, 1:3"));
                    NDArray h = za.matMul(w.get(new NDIndex(":, 0:1")).transpose())
                            .add(zb.matMul(w.get(new NDIndex(":, 1:3")).transpose())).add(b);
                    double[] split = mlp.forwardAfterFirstLayer(h).toType(DataType.FLOAT64, false).toDoubleArray();
                    double[] plain = mlp.forward(z).toType(DataType.FLOAT64, false).toDoubleArray();
                    double worst = maxAbsDifference(split, plain);
                    assertClose("max |split - plain| (" + mlp.dataType() + ")", 0, worst, tol);
                }
            }
        }
    }

    @Test
    void wrongInputsAndMismatchedParametersAreRejected() {
        try (Mlp mlp = Mlp.initialize(SPEC, Device.cpu(), DataType.FLOAT32, new SplittableRandom(1));
                NDManager m = mlp.newSubManager()) {
            var e = assertThrows(DimensionMismatchException.class, () -> mlp.forward(m.zeros(new Shape(4, 2))));
            assertTrue(e.getMessage().contains("expected shape (B, 3)"), e.getMessage());
            assertThrows(InvalidInputException.class, () -> mlp.forward(m.zeros(new Shape(4, 3), DataType.FLOAT64)));
            try (Mlp narrow = Mlp.initialize(MlpSpec.of(3, 8, 3, 1, ActivationFunction.SILU), Device.cpu(), DataType.FLOAT32,
                    new SplittableRandom(1))) {
                NamedParameters other = narrow.parameters();
                var p = assertThrows(MalformedDataException.class, () -> mlp.setParameters(other));
                assertTrue(p.getMessage().contains("01Linear_weight of shape (16, 3)"), p.getMessage());
            }
        }
        assertThrows(InvalidInputException.class,
                () -> Mlp.initialize(SPEC, Device.cpu(), DataType.INT32, new SplittableRandom(1)));
    }
}
