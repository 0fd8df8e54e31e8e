package org.robotphysicist.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robotphysicist.data.dataset.EventCsv;

/** A JSON or YAML file is equivalent to the flags; the command line wins; mistakes are named. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aYamlFileGivesTheSameRunAsTheFlags() throws Exception {
        Path flagsOut = dir.resolve("flags.csv");
        CliRun flags = CliRun.of("simulate", "-q", "--simulator", "weinberg-lo", "--prior", "0.2,0.25", "--phi-range",
                "40,90", "--pairs", "3", "--events", "50", "--seed", "11", "--out", flagsOut.toString());
        assertEquals(0, flags.exit(), flags.err());
        Path yamlOut = dir.resolve("yaml.csv");
        Path yaml = file("run.yaml", "# the same run as a file\nsimulator: weinberg-lo\nprior: [0.2, 0.25]\n"
                + "phi-range: 40,90\npairs: 3\nevents: 50\nseed: 11\nquiet: true\nout: " + yamlOut + "\n");
        CliRun fromFile = CliRun.of("simulate", "--config", yaml.toString());
        assertEquals(0, fromFile.exit(), fromFile.err());
        assertEquals(yamlOut.toString(), fromFile.out().trim());
        assertEquals(EventCsv.read(flagsOut).dataset().sha256(), EventCsv.read(yamlOut).dataset().sha256());

        Path jsonOut = dir.resolve("json.csv");
        Path json = file("run.json", "{\"simulator\": \"weinberg-lo\", \"prior\": [0.2, 0.25], \"phi-range\": [40, 90],"
                + " \"pairs\": 3, \"events\": 50, \"seed\": 11, \"quiet\": true, \"out\": \"" + jsonOut + "\"}");
        assertEquals(0, CliRun.of("simulate", "--config", json.toString()).exit());
        assertEquals(EventCsv.read(flagsOut).dataset().sha256(), EventCsv.read(jsonOut).dataset().sha256());
    }

    @Test
    void optionsOnTheCommandLineWinOverTheFile() throws Exception {
        Path out = dir.resolve("o.csv");
        Path yaml = file("run.yaml", "simulator: toy-gaussian\ntheta: 1\nphi: 1\nevents: 50\nout: " + out + "\n");
        CliRun r = CliRun.of("simulate", "--config", yaml.toString(), "--events", "7", "--theta", "2");
        assertEquals(0, r.exit(), r.err());
        EventCsv.Contents c = EventCsv.read(out);
        assertEquals(7, c.dataset().size());
        assertEquals(2.0, c.dataset().theta().get(0, 0));
    }

    @Test
    void unknownKeysAreUsageErrorsNamingThem() throws Exception {
        Path yaml = file("bad.yaml", "simulator: toy-gaussian\nevnets: 3\nbogus: 1\n");
        CliRun r = CliRun.of("simulate", "--config", yaml.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("found unknown keys 'evnets', 'bogus'"), r.err());
        assertTrue(r.err().contains("expected keys naming options of 'rp simulate' (events, external,"), r.err());
        CliRun demo = CliRun.of("demo", "--config", file("d.yaml", "simulator: toy-gaussian\n").toString());
        assertEquals(2, demo.exit());
        assertTrue(demo.err().contains("unknown key 'simulator'"), demo.err());
    }

    @Test
    void malformedFilesAndValuesAreInvalidInput() throws Exception {
        CliRun broken = CliRun.of("simulate", "--config", file("broken.yaml", "simulator: [weinberg-lo\n").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, broken.exit());
        assertTrue(broken.err().contains("broken.yaml: expected YAML but"), broken.err());
        CliRun brokenJson = CliRun.of("simulate", "--config", file("b.json", "{\"events\": }").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, brokenJson.exit());
        assertTrue(brokenJson.err().contains("b.json: expected JSON but"), brokenJson.err());
        CliRun missing = CliRun.of("demo", "--config", dir.resolve("none.yaml").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, missing.exit());
        assertTrue(missing.err().contains("expected a readable JSON or YAML file but found nothing at"), missing.err());
        CliRun nested = CliRun.of("simulate", "--config", file("n.yaml", "theta: {a: 1}\n").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, nested.exit());
        assertTrue(nested.err().contains("key 'theta': expected a number, string, boolean or a list of them"),
                nested.err());
        CliRun list = CliRun.of("simulate", "--config", file("l.yaml", "events: [1, 2]\n").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, list.exit());
        assertTrue(list.err().contains("expected a single value for --events but found the list [1,2]"), list.err());
        CliRun notInt = CliRun.of("simulate", "--config", file("i.yaml", "simulator: toy-gaussian\nevents: many\n")
                .toString());
        assertEquals(2, notInt.exit());
        assertTrue(notInt.err().contains("'many' is not an int"), notInt.err());
    }

    @Test
    void keysGivenTwiceAndYamlTagsAreInvalidInput() throws Exception {
        CliRun yaml = CliRun.of("simulate", "--config", file("twice.yaml", "simulator: toy-gaussian\nevents: 5\n"
                + "theta: 1\nevents: 7\n").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, yaml.exit(), yaml.err());
        assertTrue(yaml.err().contains("twice.yaml: expected each key once but found 'events' again (line 4"),
                yaml.err());
        CliRun json = CliRun.of("simulate", "--config", file("twice.json", "{\"events\": 5, \"events\": 7}")
                .toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, json.exit(), json.err());
        assertTrue(json.err().contains("twice.json: expected each key once but found 'events' again"), json.err());
        CliRun dashed = CliRun.of("simulate", "--config", file("dashed.yaml", "events: 5\n--events: 7\n").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, dashed.exit(), dashed.err());
        assertTrue(dashed.err().contains("expected each key once but found 'events' again (as '--events')"),
                dashed.err());
        CliRun custom = CliRun.of("simulate", "--config", file("tag.yaml", "simulator: toy-gaussian\n"
                + "events: !custom 5\n").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, custom.exit(), custom.err());
        assertTrue(custom.err().contains("tag.yaml: expected plain YAML values without tags but found the tag"
                + " 'custom'"), custom.err());
        CliRun python = CliRun.of("simulate", "--config", file("py.yaml", "simulator: !!python/object:os.system"
                + " toy-gaussian\n").toString());
        assertEquals(Rp.EXIT_INVALID_INPUT, python.exit(), python.err());
        assertTrue(python.err().contains("without tags but found the tag"), python.err());
    }

    @Test
    void theDemoTakesAConfigFileIncludingNegatedFlags() throws Exception {
        Path out = dir.resolve("demo.json");
        Path yaml = file("demo.yaml", "surrogate: histogram\nhistogram-events: 20000\ngrid: 101\nplot: false\nquiet: true\nout: " + out + "\n");
        CliRun r = CliRun.of("demo", "--config", yaml.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(out) && !Files.exists(dir.resolve("demo.png")), "plot: false writes no PNG");
        CliRun plotted = CliRun.of("demo", "--config", yaml.toString(), "--plot");
        assertEquals(0, plotted.exit(), plotted.err());
        assertTrue(Files.exists(dir.resolve("demo.png")), "--plot on the command line wins over the file");
        CliRun help = CliRun.of("info", "--help");
        assertTrue(help.out().contains("--config=FILE"), help.out());
    }
}
