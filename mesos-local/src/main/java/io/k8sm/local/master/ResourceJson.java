package io.k8sm.local.master;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Resources and attributes as the Mesos master's JSON endpoints summarise them: one number per
 * scalar (cpus, gpus, mem and disk always present, 0 when absent; revocable ones suffixed
 * {@code _revocable}), ranges coalesced and written {@code "[31000-31004, 31010-31010]"}, sets
 * {@code "{a,b}"}.
 */
final class ResourceJson {
  private ResourceJson() {}

  static JsonObject resources(List<Resource> resources) {
    Map<String, Double> scalars = new LinkedHashMap<>(Map.of("cpus", 0.0, "gpus", 0.0, "mem", 0.0, "disk", 0.0));
    Map<String, List<Value.Range>> ranges = new LinkedHashMap<>();
    Map<String, TreeSet<String>> sets = new LinkedHashMap<>();
    for (Resource r : resources) {
      String name = r.getName() + (r.hasRevocable() ? "_revocable" : "");
      switch (r.getType()) {
        case SCALAR -> scalars.merge(name, r.getScalar().getValue(), Double::sum);
        case RANGES -> ranges.computeIfAbsent(name, n -> new ArrayList<>()).addAll(r.getRanges().getRangeList());
        case SET -> sets.computeIfAbsent(name, n -> new TreeSet<>()).addAll(r.getSet().getItemList());
        default -> { }
      }
    }
    JsonObject o = new JsonObject();
    scalars.forEach(o::addProperty);
    ranges.forEach((name, list) -> o.addProperty(name, rangesText(list)));
    sets.forEach((name, items) -> o.addProperty(name, "{" + String.join(",", items) + "}"));
    return o;
  }

  /** Agent attributes by name: scalars as numbers, text as strings, ranges and sets as their text. */
  static JsonObject attributes(List<Attribute> attributes) {
    JsonObject o = new JsonObject();
    for (var a : attributes) {
      switch (a.getType()) {
        case SCALAR -> o.addProperty(a.getName(), a.getScalar().getValue());
        case RANGES -> o.addProperty(a.getName(), rangesText(a.getRanges().getRangeList()));
        case SET -> o.addProperty(a.getName(), "{" + String.join(",", a.getSet().getItemList()) + "}");
        case TEXT -> o.addProperty(a.getName(), a.getText().getValue());
        default -> { }
      }
    }
    return o;
  }

  /** Mesos's text of a Value.Ranges after coalescing: {@code [a-b, c-d]}. */
  static String rangesText(List<Value.Range> ranges) {
    List<Value.Range> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingLong(Value.Range::getBegin));
    List<long[]> merged = new ArrayList<>();
    for (Value.Range r : sorted) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r.getBegin() <= last[1] + 1) {
        last[1] = Math.max(last[1], r.getEnd());
      } else {
        merged.add(new long[] {r.getBegin(), r.getEnd()});
      }
    }
    List<String> parts = merged.stream().map(m -> m[0] + "-" + m[1]).toList();
    return "[" + String.join(", ", parts) + "]";
  }

}
