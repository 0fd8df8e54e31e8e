package org.robotphysicist.data.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where an artifact (a posterior, a model file, a design history) came from: what made it, when,
 * with which configuration, seeds and input data, and which software versions.
 *
 * @param producer   the command or class that made the artifact, e.g. {@code "rp demo"}
 * @param created    UTC creation time
 * @param config     the full configuration, as JSON-serializable values; entries whose value is null
 *                   (an option left at its default) are dropped
 * @param seeds      every seed used, by role
 * @param dataHashes SHA-256 of every input dataset, by role
 * @param versions   project, Java and library versions
 * @param device     the compute device a trained artifact was made on, or null where none is recorded
 *                   (artifacts that train nothing, and model files written before it was recorded: absent
 *                   from the JSON then, and such files read back with none; their {@code versions} still
 *                   name the device)
 */
public record Provenance(String producer, Instant created, Map<String, Object> config, Map<String, Long> seeds,
        Map<String, String> dataHashes, Map<String, String> versions,
        @JsonInclude(JsonInclude.Include.NON_NULL) DeviceUsed device) {

    public Provenance {
        Map<String, Object> present = new TreeMap<>();
        config.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        config = Map.copyOf(present);
        seeds = Map.copyOf(seeds);
        dataHashes = Map.copyOf(dataHashes);
        versions = Map.copyOf(versions);
    }

    /** A record stamped now, with {@link #softwareVersions()}. */
    public static Provenance capture(String producer, Map<String, Object> config, Map<String, Long> seeds,
            Map<String, String> dataHashes) {
        return new Provenance(producer, Instant.now(), config, seeds, dataHashes, softwareVersions(), null);
    }

    /** A copy with more version entries (e.g. the deep-learning engine, added by upper modules). */
    public Provenance withVersions(Map<String, String> more) {
        Map<String, String> all = new TreeMap<>(versions);
        all.putAll(more);
        return new Provenance(producer, created, config, seeds, dataHashes, all, device);
    }

    /** A copy recording the compute device it was made on. */
    public Provenance withDevice(DeviceUsed used) {
        return new Provenance(producer, created, config, seeds, dataHashes, versions, used);
    }

    /** The project version, the JVM, and the versions of the libraries on the class path. */
    public static Map<String, String> softwareVersions() {
        Map<String, String> v = new TreeMap<>();
        v.put("robot-physicist", projectVersion());
        v.put("java", System.getProperty("java.runtime.version", System.getProperty("java.version")));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        Properties p = buildProperties();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("lib.")) {
                v.put(key.substring(4), p.getProperty(key));
            }
        }
        return v;
    }

    /** This project's version, from the build. */
    public static String projectVersion() {
        return buildProperties().getProperty("project.version", "unknown");
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/org/robotphysicist/data/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // versions are informative; an unreadable resource leaves them "unknown"
        }
        return p;
    }
}
