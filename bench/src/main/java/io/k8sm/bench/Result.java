package io.k8sm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * One scenario's outcome: its parameters, measured values (each optionally next to the issue's
 * goal), latency histograms and notes. {@link #write} stores {@code <id>.json} (stamped with commit,
 * JDK, cores, agents, seed, journal) and one HdrHistogram log per histogram; {@link #print} the table.
 */
public final class Result {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A measured value; {@code goal} is the target in words (empty when there is none). */
  public record Row(String metric, String value, String goal, String verdict) {}

  private final String scenario;
  private final Map<String, Object> params = new LinkedHashMap<>();
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Histogram> histograms = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  public Result(String scenario) {
    this.scenario = scenario;
  }

  private Map<String, Object> stamp;

  public String scenario() { return scenario; }

  public Map<String, Object> stamp() { return stamp; }

  /** Stamps the result with its run's facts (first stamp wins). */
  public Result stamp(Map<String, Object> s) { if (stamp == null) stamp = s; return this; }

  public Result param(String k, Object v) { params.put(k, v); return this; }

  /** A value with no goal. */
  public Result value(String metric, Object v, String shown) {
    values.put(metric, v);
    rows.add(new Row(metric, shown, "", ""));
    return this;
  }

  /** A value next to a goal; {@code met} is null when the comparison does not apply. */
  public Result goal(String metric, Object v, String shown, String goal, Boolean met) {
    values.put(metric, v);
    rows.add(new Row(metric, shown, goal, met == null ? "" : met ? "met" : "MISSED"));
    return this;
  }

  public Result histogram(String name, Histogram h) {
    histograms.put(name, h);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("count", h.getTotalCount());
    s.put("p50_ms", h.getValueAtPercentile(50) / 1000.0);
    s.put("p99_ms", h.getValueAtPercentile(99) / 1000.0);
    s.put("p999_ms", h.getValueAtPercentile(99.9) / 1000.0);
    s.put("max_ms", h.getMaxValue() / 1000.0);
    values.put(name, s);
    return this;
  }

  public Result note(String text) { notes.add(text); return this; }

  public Object valueOf(String metric) { return values.get(metric); }

  public List<Row> rows() { return rows; }

  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    String base = scenario + "-" + stamp.get("agents") + "-" + params.getOrDefault("pods", params.get("rate"))
        + "-" + stamp.get("started").toString().replace(':', '-');
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("scenario", scenario);
    doc.put("stamp", stamp);
    doc.put("params", params);
    doc.put("values", values);
    doc.put("notes", notes);
    Map<String, String> logs = new LinkedHashMap<>();
    for (var e : histograms.entrySet()) {
      Path log = dir.resolve(base + "-" + e.getKey() + ".hlog");
      try (PrintStream out = new PrintStream(Files.newOutputStream(log))) {
        HistogramLogWriter w = new HistogramLogWriter(out);
        w.outputComment("k8sm bench " + scenario + " " + e.getKey() + " (microseconds)");
        w.outputLogFormatVersion();
        w.outputStartTime(Instant.now().toEpochMilli());
        w.outputLegend();
        w.outputIntervalHistogram(e.getValue());
      }
      logs.put(e.getKey(), log.getFileName().toString());
    }
    doc.put("histogram_logs", logs);
    Path json = dir.resolve(base + ".json");
    JSON.writeValue(json.toFile(), doc);
    return json;
  }

  public static void print(List<Result> results, PrintStream out) {
    String fmt = "%-6s %-34s %-24s %-34s %s%n";
    out.printf(fmt, "id", "metric", "value", "goal", "");
    for (Result r : results) {
      for (Row row : r.rows) out.printf(fmt, r.scenario, row.metric(), row.value(), row.goal(), row.verdict());
      for (String n : r.notes) out.printf("%-6s note: %s%n", r.scenario, n);
    }
  }

  /** Latencies are recorded in microseconds, from 1 us to 10 minutes, 3 significant digits. */
  public static Histogram newHistogram() {
    return new Histogram(1, 600_000_000L, 3);
  }

  public static String ms(Histogram h, double pct) {
    return String.format("%.1f ms", h.getValueAtPercentile(pct) / 1000.0);
  }
}
