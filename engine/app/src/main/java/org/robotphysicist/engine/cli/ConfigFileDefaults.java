package org.robotphysicist.engine.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.robotphysicist.data.MalformedDataException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Makes a JSON or YAML file equivalent to command-line flags, for every command that mixes in
 * {@link ConfigFileOption}.
 *
 * <p>The file is one mapping whose keys are long option names without the leading dashes and
 * whose values are scalars, or lists for options that take comma-separated values:
 * <pre>
 *   # run.yaml, for: rp simulate --config run.yaml
 *   simulator: weinberg-lo
 *   theta: 0.2312
 *   phi-range: [40, 90]
 *   pairs: 20
 *   events: 5000
 * </pre>
 * Files ending in {@code .json} are read as JSON, all others as YAML (a superset of JSON).
 * Values from the file become the options' defaults (a picocli {@link CommandLine.IDefaultValueProvider}),
 * so an option given on the command line wins, and picocli converts and checks the file's values
 * exactly as it does typed ones. A key that names no option of the command is a usage error
 * naming it ({@link #validate}); an unreadable or malformed file is invalid input, and so is a key
 * given twice (no silent "last one wins") and a YAML tag such as {@code !!python/object} or
 * {@code !custom} (plain values only).
 */
final class ConfigFileDefaults implements CommandLine.IDefaultValueProvider {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
    private static final ObjectMapper JSON = org.robotphysicist.data.io.Json.mapper().copy()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private final Map<Path, Map<String, JsonNode>> cache = new ConcurrentHashMap<>();
    private volatile MalformedDataException failure;

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.longestName().equals(ConfigFileOption.NAME)) {
            return null;
        }
        Path file = configFile(arg.command());
        if (file == null) {
            return null;
        }
        try {
            JsonNode value = load(file).get(key(option));
            return value == null ? null : render(file, option, value);
        } catch (MalformedDataException e) {
            // picocli would report this as a usage error; validate() reports it as invalid input
            failure = e;
            return null;
        }
    }

    /** The key naming {@code option} in a file: its longest name without leading dashes. */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    private static Path configFile(CommandSpec command) {
        if (command == null) {
            return null;
        }
        OptionSpec config = command.findOption(ConfigFileOption.NAME);
        return config == null ? null : config.getValue();
    }

    /**
     * Refuses keys that name no option of the command that runs (a misspelt option must not be
     * silently ignored) with a {@link CommandLine.ParameterException}, a usage error; reports an
     * unreadable or malformed file as the {@link MalformedDataException} cause of a
     * {@link CommandLine.ExecutionException}, so it exits as invalid input.
     */
    void validate(ParseResult parseResult) {
        ParseResult last = parseResult;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        CommandSpec spec = last.commandSpec();
        Path file = configFile(spec);
        if (file == null) {
            return;
        }
        Map<String, JsonNode> values;
        try {
            if (failure != null) {
                throw failure;
            }
            values = load(file);
        } catch (MalformedDataException e) {
            throw new CommandLine.ExecutionException(spec.commandLine(), e.getMessage(), e);
        }
        Map<String, OptionSpec> known = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (!o.usageHelp() && !o.versionHelp() && !o.longestName().equals(ConfigFileOption.NAME)
                    && !LoggingOptions.NAMES.contains(o.longestName())) {
                known.put(key(o), o);
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!known.containsKey(k)) {
                unknown.add(k);
            }
        }
        List<String> logging = unknown.stream().filter(k -> LoggingOptions.NAMES.contains("--" + k)).toList();
        if (!logging.isEmpty()) {
            throw new CommandLine.ParameterException(last.commandSpec().commandLine(), "config file " + file
                    + ": expected no '" + String.join("', '", logging) + "' (logging is set up before the file is read;"
                    + " give " + String.join(" and ", LoggingOptions.NAMES) + " on the command line) but found it");
        }
        if (!unknown.isEmpty()) {
            throw new CommandLine.ParameterException(last.commandSpec().commandLine(), "config file " + file
                    + ": expected keys naming options of '" + spec.qualifiedName() + "' (" + String.join(", ",
                    new TreeSet<>(known.keySet())) + ") but found unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + "'" + String.join("', '", unknown) + "'");
        }
    }

    /** The file's keys and values, in file order (cached). */
    private Map<String, JsonNode> load(Path file) {
        return cache.computeIfAbsent(file.toAbsolutePath().normalize(), ConfigFileDefaults::read);
    }

    private static Map<String, JsonNode> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MalformedDataException("config file: expected a readable JSON or YAML file but found nothing at "
                    + file);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        JsonNode root;
        try {
            String text = Files.readString(file);
            if (!json) {
                refuseTags(file, text);
            }
            root = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            String duplicate = duplicateKey(e);
            if (duplicate != null) {
                throw new MalformedDataException("config file " + file + ": expected each key once but found '"
                        + duplicate + "' again" + location(e), e);
            }
            throw new MalformedDataException("config file " + file + ": expected " + (json ? "JSON" : "YAML") + " but "
                    + e.getOriginalMessage() + location(e), e);
        } catch (IOException e) {
            throw new MalformedDataException("config file " + file + ": expected a readable file but " + e, e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new MalformedDataException("config file " + file + ": expected a mapping of option names to values"
                    + " but found a " + root.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            boolean scalarList = v.isArray();
            for (JsonNode item : v) {
                scalarList &= item.isValueNode() && !item.isNull();
            }
            if (!(v.isValueNode() && !v.isNull()) && !scalarList) {
                throw new MalformedDataException("config file " + file + ", key '" + f.getKey() + "': expected a"
                        + " number, string, boolean or a list of them but found " + v);
            }
            String key = f.getKey().replaceFirst("^-+", "");
            if (values.put(key, v) != null) {
                throw new MalformedDataException("config file " + file + ": expected each key once but found '" + key
                        + "' again (as '" + f.getKey() + "')");
            }
        }
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Refuses any YAML tag: a config file holds plain scalars and lists, never typed or custom nodes. */
    private static void refuseTags(Path file, String text) throws IOException {
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            while (p.nextToken() != null) {
                Object tag = p.getTypeId();
                if (tag != null) {
                    throw new MalformedDataException("config file " + file + ": expected plain YAML values without"
                            + " tags but found the tag '" + tag + "'" + location(p.currentLocation()));
                }
            }
        }
    }

    /** The key a strict parser found twice, or null when {@code e} is about something else. */
    private static String duplicateKey(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        String prefix = "Duplicate field '";
        if (m == null || !m.startsWith(prefix) || m.indexOf('\'', prefix.length()) < 0) {
            return null;
        }
        return m.substring(prefix.length(), m.indexOf('\'', prefix.length()));
    }

    private static String location(JsonLocation l) {
        return l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    private static String location(JsonProcessingException e) {
        return location(e.getLocation());
    }

    /** The file's value as the text picocli would have read on the command line. */
    private static String render(Path file, OptionSpec option, JsonNode value) {
        if (!value.isArray()) {
            return value.asText();
        }
        String split = option.splitRegex();
        if (!option.isMultiValue() || split == null || split.isEmpty()) {
            throw new MalformedDataException("config file " + file + ", key '" + key(option) + "': expected a single"
                    + " value for " + option.longestName() + " but found the list " + value);
        }
        List<String> parts = new ArrayList<>();
        value.forEach(v -> parts.add(v.asText()));
        return String.join(split.equals("\\s+") ? " " : split, parts);
    }
}
