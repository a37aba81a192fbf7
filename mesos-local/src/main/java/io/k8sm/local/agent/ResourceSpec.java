package io.k8sm.local.agent;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Agent resources written the way the Mesos agent's {@code --resources} flag takes them:
 * {@code cpus:4;mem:8192;disk:20000;ports:[31000-32000,32005-32010]}. Each entry is
 * {@code name[(role)]:value} where the value is a scalar ({@code 2.5}), ranges ({@code [a-b,c-d]},
 * inclusive) or a set ({@code {a,b}}). Only the unreserved role {@code *} is accepted: static
 * reservations are not modelled here. Scalars keep Mesos' three decimal digits.
 *
 * <p>{@link #defaults(Path)} follows the Mesos agent's own defaults: all cores, memory minus 1 GB
 * (half when the machine has less than 2 GB), the disk holding the work directory minus 10 GB (half
 * when it is smaller than 20 GB), and ports {@code [31000-32000]}.
 */
public final class ResourceSpec {
  private static final long MB = 1024L * 1024L;
  private static final long GB = 1024L * MB;

  private ResourceSpec() {}

  /** Parses a Mesos-style resource string; throws with a message naming the bad entry. */
  public static List<Resource> parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("resources: empty; expected e.g. cpus:4;mem:8192;ports:[31000-32000]");
    }
    List<Resource> resources = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String entry : spec.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      Resource resource = parseEntry(entry.trim());
      if (!seen.add(resource.getName())) {
        throw new IllegalArgumentException("resources: '" + resource.getName() + "' is given twice");
      }
      resources.add(resource);
    }
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("resources: no entries in '" + spec + "'");
    }
    return List.copyOf(resources);
  }

  /** The machine's resources, measured as the Mesos agent does; disk is that of {@code workDir}. */
  public static List<Resource> defaults(Path workDir) {
    int cores = Runtime.getRuntime().availableProcessors();
    long memory = totalMemoryBytes();
    long memMb = (memory >= 2 * GB ? memory - GB : memory / 2) / MB;
    long disk = totalDiskBytes(workDir);
    long diskMb = (disk >= 20 * GB ? disk - 10 * GB : disk / 2) / MB;
    return parse("cpus:" + cores + ";mem:" + memMb + ";disk:" + diskMb + ";ports:[31000-32000]");
  }

  /** {@link #defaults(Path)} for the file system of the current directory. */
  public static List<Resource> defaults() {
    return defaults(Path.of("").toAbsolutePath());
  }

  private static Resource parseEntry(String entry) {
    int colon = entry.indexOf(':');
    if (colon <= 0 || colon == entry.length() - 1) {
      throw new IllegalArgumentException(
          "resources: '" + entry + "' is not name:value (e.g. cpus:4 or ports:[31000-32000])");
    }
    String name = entry.substring(0, colon).trim();
    String value = entry.substring(colon + 1).trim();
    int paren = name.indexOf('(');
    if (paren >= 0) {
      if (!name.endsWith(")")) {
        throw new IllegalArgumentException("resources: '" + entry + "' has an unclosed role");
      }
      String role = name.substring(paren + 1, name.length() - 1).trim();
      if (!role.equals("*")) {
        throw new IllegalArgumentException("resources: '" + entry + "' reserves for role '" + role
            + "'; only the unreserved role '*' is supported");
      }
      name = name.substring(0, paren).trim();
    }
    if (name.isEmpty() || !name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("resources: '" + entry + "' has an invalid name '" + name + "'");
    }
    Resource.Builder resource = Resource.newBuilder().setName(name).setRole("*");
    if (value.startsWith("[")) {
      resource.setType(Value.Type.RANGES).setRanges(parseRanges(entry, value));
    } else if (value.startsWith("{")) {
      resource.setType(Value.Type.SET).setSet(parseSet(entry, value));
    } else {
      resource.setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(parseScalar(entry, value)));
    }
    return resource.build();
  }

  private static double parseScalar(String entry, String value) {
    double parsed;
    try {
      parsed = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("resources: '" + entry + "': '" + value
          + "' is neither a number, [ranges] nor {set}");
    }
    if (Double.isNaN(parsed) || Double.isInfinite(parsed) || parsed < 0) {
      throw new IllegalArgumentException("resources: '" + entry + "': a scalar must be a finite number >= 0");
    }
    return Math.round(parsed * 1000) / 1000.0;
  }

  private static Value.Ranges parseRanges(String entry, String value) {
    if (!value.endsWith("]")) {
      throw new IllegalArgumentException("resources: '" + entry + "': ranges must end with ']'");
    }
    List<long[]> ranges = new ArrayList<>();
    for (String part : value.substring(1, value.length() - 1).split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      String[] bounds = p.split("-", -1);
      if (bounds.length != 2) {
        throw new IllegalArgumentException("resources: '" + entry + "': '" + p + "' is not begin-end");
      }
      long begin = parseBound(entry, bounds[0]);
      long end = parseBound(entry, bounds[1]);
      if (begin > end) {
        throw new IllegalArgumentException("resources: '" + entry + "': range " + p + " ends before it begins");
      }
      ranges.add(new long[] {begin, end});
    }
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("resources: '" + entry + "': no ranges between [ and ]");
    }
    ranges.sort(Comparator.comparingLong(r -> r[0]));
    Value.Ranges.Builder out = Value.Ranges.newBuilder();
    long[] current = ranges.get(0);
    for (long[] next : ranges.subList(1, ranges.size())) {
      if (next[0] <= current[1] + 1) {
        current = new long[] {current[0], Math.max(current[1], next[1])};
      } else {
        out.addRange(Value.Range.newBuilder().setBegin(current[0]).setEnd(current[1]));
        current = next;
      }
    }
    out.addRange(Value.Range.newBuilder().setBegin(current[0]).setEnd(current[1]));
    return out.build();
  }

  private static long parseBound(String entry, String bound) {
    try {
      long value = Long.parseLong(bound.trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("resources: '" + entry + "': '" + bound.trim()
          + "' is not a non-negative integer");
    }
  }

  private static Value.Set parseSet(String entry, String value) {
    if (!value.endsWith("}")) {
      throw new IllegalArgumentException("resources: '" + entry + "': a set must end with '}'");
    }
    Set<String> items = new LinkedHashSet<>();
    for (String item : value.substring(1, value.length() - 1).split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException("resources: '" + entry + "': empty set");
    }
    return Value.Set.newBuilder().addAllItem(items).build();
  }

  private static long totalMemoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory();
  }

  private static long totalDiskBytes(Path workDir) {
    Path existing = workDir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      return Files.getFileStore(existing == null ? Path.of("/") : existing).getTotalSpace();
    } catch (IOException e) {
      throw new IllegalStateException("cannot measure the disk of " + workDir + ": " + e.getMessage(), e);
    }
  }
}
