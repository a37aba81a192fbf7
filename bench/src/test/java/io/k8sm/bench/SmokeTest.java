package io.k8sm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end on a small cluster (50 simulated agents, 200 pods): real mesos-local and
 * framework processes on 127.0.0.1, driven over HTTP. Checks that it completes and reports — every
 * pod seen Running, a table row per metric, the stamped JSON and histogram logs — never a speed.
 */
class SmokeTest {
  @TempDir Path results;

  @Test
  @Timeout(180)
  void smokeRunCompletesAndReports() throws Exception {
    Path home = Path.of(System.getProperty("k8sm.home", "..")).toAbsolutePath().normalize();
    Options o = Options.parse(new String[] {"smoke", "--agents", "50", "--pods", "200", "--concurrency", "8",
        "--results", results.toString(), "--framework-java-opts", "-Xmx512m"}, home);
    List<Result> out = Main.run(o);
    assertEquals(1, out.size(), "one smoke result");
    Result r = out.get(0);
    assertEquals(200, r.valueOf("running"), "every pod was seen Running");
    assertEquals(0, r.valueOf("delete errors"));
    assertTrue((int) r.valueOf("agents used") > 0, "placement is reported");
    List<Path> files;
    try (Stream<Path> s = Files.list(results)) {
      files = s.toList();
    }
    Path json = files.stream().filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertEquals("smoke", doc.get("scenario").asText());
    for (String k : List.of("commit", "jdk", "cores", "agents", "seed", "journal")) {
      assertTrue(doc.get("stamp").has(k), "stamp has " + k);
    }
    assertEquals("h2", doc.get("stamp").get("journal").asText(), "the framework runs on its default H2 journal");
    assertFalse(files.stream().noneMatch(p -> p.toString().endsWith(".hlog")), "latency logs are written");
    assertTrue(doc.get("values").get("post_latency").get("count").asLong() == 200, "every POST was timed");
  }

  @Test
  void optionsKeepScenarioDefaultsAndRejectUnknownScenarios() {
    Options o = Options.parse(new String[] {"p3", "--duration", "30"}, Path.of("."));
    assertEquals("P3", o.scenario());
    assertEquals(30, o.durationOr(300));
    assertEquals(20.0, o.rateOr(20));
    assertEquals(568, o.startDelayOr(568));
    assertEquals("unknown scenario 'X9'; one of " + Options.SCENARIOS,
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> Options.parse(new String[] {"X9"}, Path.of("."))).getMessage());
  }
}
