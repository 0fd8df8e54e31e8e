package org.robotphysicist.data.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.robotphysicist.data.InvalidInputException;
import org.robotphysicist.data.simulator.lineshape.ZLineshapeSimulator;

/**
 * Simulators by name: the built-in ones ({@code toy-gaussian}, {@code weinberg-lo},
 * {@code active-sciencing-toy}, {@code z-lineshape}, and the benchmark tasks {@code slcp},
 * {@code crescent}, {@code student-t} and {@code nonlinear-6d}) and every {@link SimulatorProvider} found by
 * {@link ServiceLoader} on a class loader. Immutable once built; safe to share.
 */
public final class SimulatorRegistry {
    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]*";

    /** A registered simulator: its name, a one-line description, where it came from, and a factory. */
    public record Entry(String name, String description, String origin, Supplier<Simulator> factory) {
    }

    private final Map<String, Entry> entries;

    private SimulatorRegistry(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** The built-in simulators only. */
    public static SimulatorRegistry builtIns() {
        return new SimulatorRegistry(builtInEntries());
    }

    /** Built-ins plus providers discovered through the thread's context class loader. */
    public static SimulatorRegistry discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : SimulatorRegistry.class.getClassLoader());
    }

    /**
     * Built-ins plus every {@link SimulatorProvider} {@code loader} can see.
     *
     * @throws InvalidInputException when a provider cannot be loaded, has an invalid name, or
     *                               takes a name already registered (two providers may not
     *                               silently shadow each other)
     */
    public static SimulatorRegistry discover(ClassLoader loader) {
        Map<String, Entry> entries = builtInEntries();
        ServiceLoader<SimulatorProvider> services = ServiceLoader.load(SimulatorProvider.class, loader);
        try {
            for (SimulatorProvider provider : services) {
                String name = provider.name();
                String origin = provider.getClass().getName();
                if (name == null || !name.matches(NAME_PATTERN)) {
                    throw new InvalidInputException("simulator provider " + origin + ": expected a name of lower-case"
                            + " letters, digits and '-' but found '" + name + "'");
                }
                Entry previous = entries.get(name);
                if (previous != null) {
                    throw new InvalidInputException("simulator provider " + origin + ": expected a new name but '"
                            + name + "' is already provided by " + previous.origin());
                }
                entries.put(name, new Entry(name, provider.description(), origin, provider::create));
            }
        } catch (ServiceConfigurationError e) {
            throw new InvalidInputException("simulator providers: expected every class listed in META-INF/services/"
                    + SimulatorProvider.class.getName() + " to load but " + e.getMessage(), e);
        }
        return new SimulatorRegistry(entries);
    }

    private static Map<String, Entry> builtInEntries() {
        Map<String, Entry> m = new LinkedHashMap<>();
        add(m, "toy-gaussian", "x ~ N(theta, phi), phi the variance; analytic likelihood", ToyGaussianSimulator::new);
        add(m, "weinberg-lo", "e+e- -> mu+mu- at leading order: theta = sin^2(theta_W), phi = sqrt(s) in GeV,"
                + " x = cos(theta)", WeinbergLoSimulator::new);
        add(m, "active-sciencing-toy", "the 'active sciencing' Weinberg toy: theta = g_f ratio, phi = sqrt(s)/2,"
                + " x = cos(theta)", ActiveSciencingToySimulator::new);
        add(m, "z-lineshape", "e+e- -> mu+mu- across the Z with ISR, beam spread and a detector: theta = (M_Z [GeV],"
                + " Gamma_Z [GeV], sin^2(theta_eff)), phi = sqrt(s) in GeV, x = (cos(theta*), acollinearity [rad],"
                + " m_mumu/sqrt(s))", ZLineshapeSimulator::new);
        add(m, "slcp", "SLCP benchmark: theta in [-3,3]^5, x = 4 draws of a 2-D Gaussian (8 values); multimodal"
                + " posterior; no phi (experiments have no setting)", SlcpSimulator::new);
        add(m, "crescent", "crescent posterior: theta in [-3,3]^2, x = (theta1, theta2 + b(theta1^2 - 1)) + Gaussian"
                + " noise; no phi (experiments have no setting)", CrescentSimulator::new);
        add(m, "student-t", "heavy tails: theta in [-5,5]^2, x = 2 measurements of theta with Student-t3 noise;"
                + " no phi (experiments have no setting)", StudentTSimulator::new);
        add(m, "nonlinear-6d", "6-D theta in [-2,2]^6, x_i = theta_i + 0.5 sin(2 theta_{i+1}) + N(0, 0.3^2);"
                + " no phi (experiments have no setting)", NonlinearSixDimSimulator::new);
        return m;
    }

    private static void add(Map<String, Entry> m, String name, String description, Supplier<Simulator> factory) {
        m.put(name, new Entry(name, description, "built-in", factory));
    }

    /** Registered names: built-ins first, then discovered ones in discovery order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** Every entry, in {@link #names()} order. */
    public List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * A new instance of the simulator called {@code name}.
     *
     * @throws InvalidInputException for an unknown name, listing the known ones
     */
    public Simulator create(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new InvalidInputException("simulator: expected one of " + String.join(", ", entries.keySet())
                    + " but found '" + name + "'");
        }
        Simulator simulator = e.factory().get();
        if (simulator == null) {
            throw new InvalidInputException("simulator provider " + e.origin() + ": expected a simulator from create()"
                    + " but found null");
        }
        return simulator;
    }
}
