package io.k8sm.framework.offers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Decides whether a pod fits an offer and what it gets. Pure functions over immutable views; the
 * offer pool calls them and acts on the answer.
 *
 * <p>A fit takes the pod's cpus, mem and disk, its fixed host ports (each from an offered range),
 * and, when the agent does not run our executor yet, the executor's own cpus and mem once.
 */
public final class OfferMatcher {
  private OfferMatcher() {}

  public static Placement place(PodShape shape, OfferView view, ExecutorCost executor) {
    boolean charge = !view.executorRunning() && (executor.cpus() > 0 || executor.mem() > 0);
    long execCpus = charge ? executor.cpus() : 0;
    long execMem = charge ? executor.mem() : 0;
    String host = " on " + view.hostname();
    if (view.total("cpus") < shape.cpus() + execCpus) {
      return new Placement.NoFit("needs " + Scalars.format(shape.cpus()) + " cpus" + plusExecutor(execCpus)
          + ", the offer" + host + " has " + Scalars.format(view.total("cpus")));
    }
    if (view.total("mem") < shape.mem() + execMem) {
      return new Placement.NoFit("needs " + Scalars.format(shape.mem()) + " MB mem" + plusExecutor(execMem)
          + ", the offer" + host + " has " + Scalars.format(view.total("mem")));
    }
    if (view.total("disk") < shape.disk()) {
      return new Placement.NoFit("needs " + Scalars.format(shape.disk()) + " MB disk, the offer" + host
          + " has " + Scalars.format(view.total("disk")));
    }
    for (int port : shape.hostPorts()) {
      if (!view.offersPort(port)) {
        return new Placement.NoFit("no offered range" + host + " contains port " + port);
      }
    }
    List<OfferView.Scalar> scalars = new ArrayList<>(view.scalars());
    List<Resource> task = new ArrayList<>();
    take(scalars, "cpus", shape.cpus(), task);
    take(scalars, "mem", shape.mem(), task);
    take(scalars, "disk", shape.disk(), task);
    take(scalars, "cpus", execCpus, new ArrayList<>());
    take(scalars, "mem", execMem, new ArrayList<>());
    List<OfferView.PortRange> ports = new ArrayList<>(view.ports());
    task.addAll(takePorts(ports, shape.hostPorts()));
    OfferView remaining = new OfferView(view.offer(), scalars, ports, view.executorRunning() || charge);
    return new Placement.Fit(task, shape.hostPorts(), charge, remaining);
  }

  /**
   * The same yes/no as {@link #place} without building the task or a reason: cheap enough to try
   * every waiting pod against every held offer.
   */
  public static boolean fits(PodShape shape, OfferView view, ExecutorCost executor) {
    boolean charge = !view.executorRunning() && (executor.cpus() > 0 || executor.mem() > 0);
    if (view.total("cpus") < shape.cpus() + (charge ? executor.cpus() : 0)) return false;
    if (view.total("mem") < shape.mem() + (charge ? executor.mem() : 0)) return false;
    if (view.total("disk") < shape.disk()) return false;
    for (int port : shape.hostPorts()) {
      if (!view.offersPort(port)) return false;
    }
    return true;
  }

  /** Why a pod fits none of {@code views}: the tightest dimension, or that no single offer has it all. */
  public static String whyNothingFits(PodShape shape, List<OfferView> views, ExecutorCost executor) {
    if (views.isEmpty()) {
      return "no offer from Mesos at the moment (no agent has free resources for us); needs " + shape.describe();
    }
    List<String> reasons = new ArrayList<>();
    long cpus = views.stream().mapToLong(v -> v.total("cpus") - cost(v, executor.cpus())).max().orElse(0);
    long mem = views.stream().mapToLong(v -> v.total("mem") - cost(v, executor.mem())).max().orElse(0);
    long disk = views.stream().mapToLong(v -> v.total("disk")).max().orElse(0);
    if (shape.cpus() > cpus) {
      reasons.add("needs " + Scalars.format(shape.cpus()) + " cpus, the largest offer has " + Scalars.format(Math.max(cpus, 0)));
    }
    if (shape.mem() > mem) {
      reasons.add("needs " + Scalars.format(shape.mem()) + " MB mem, the largest offer has " + Scalars.format(Math.max(mem, 0)));
    }
    if (shape.disk() > disk) {
      reasons.add("needs " + Scalars.format(shape.disk()) + " MB disk, the largest offer has " + Scalars.format(disk));
    }
    for (int port : shape.hostPorts()) {
      if (views.stream().noneMatch(v -> v.offersPort(port))) {
        reasons.add("no offered range contains port " + port);
      }
    }
    if (reasons.isEmpty()) {
      reasons.add("no single offer has " + shape.describe() + " together (offers from "
          + views.stream().map(OfferView::hostname).distinct().collect(Collectors.joining(", ")) + ")");
    }
    return String.join("; ", reasons);
  }

  private static long cost(OfferView v, long executorPart) {
    return v.executorRunning() ? 0 : executorPart;
  }

  private static String plusExecutor(long part) {
    return part > 0 ? " plus " + Scalars.format(part) + " for the executor" : "";
  }

  /** Takes {@code amount} of {@code name} from the entries in order, adding what it took to {@code into}. */
  private static void take(List<OfferView.Scalar> scalars, String name, long amount, List<Resource> into) {
    long left = amount;
    for (int i = 0; i < scalars.size() && left > 0; i++) {
      OfferView.Scalar s = scalars.get(i);
      if (!s.name().equals(name) || s.available() == 0) continue;
      long got = Math.min(left, s.available());
      scalars.set(i, new OfferView.Scalar(s.template(), s.available() - got));
      into.add(s.template().toBuilder()
          .setScalar(Value.Scalar.newBuilder().setValue(Scalars.toDouble(got))).build());
      left -= got;
    }
  }

  /** Cuts each port out of its range; returns one {@code ports} resource per offered identity. */
  private static List<Resource> takePorts(List<OfferView.PortRange> ranges, List<Integer> ports) {
    Map<Resource, Value.Ranges.Builder> taken = new LinkedHashMap<>();
    for (int port : ports) {
      for (int i = 0; i < ranges.size(); i++) {
        OfferView.PortRange r = ranges.get(i);
        if (!r.contains(port)) continue;
        ranges.remove(i);
        if (r.begin() < port) ranges.add(i++, new OfferView.PortRange(r.template(), r.begin(), port - 1));
        if (port < r.end()) ranges.add(i, new OfferView.PortRange(r.template(), port + 1, r.end()));
        taken.computeIfAbsent(r.template(), t -> Value.Ranges.newBuilder())
            .addRange(Value.Range.newBuilder().setBegin(port).setEnd(port));
        break;
      }
    }
    List<Resource> out = new ArrayList<>();
    taken.forEach((template, rs) -> out.add(template.toBuilder().setRanges(rs).build()));
    return out;
  }

  /**
   * The executor's own resources as this offer would express them: copies of the first offered
   * cpus and mem (role, reservations, allocation info) with the executor's amounts. The same on
   * every offer of one agent and role, so every task names an identical ExecutorInfo.
   */
  public static List<Resource> executorResources(OfferView view, ExecutorCost cost) {
    List<Resource> out = new ArrayList<>();
    for (var part : List.of(Map.entry("cpus", cost.cpus()), Map.entry("mem", cost.mem()))) {
      if (part.getValue() == 0) continue;
      view.scalars().stream().filter(s -> s.name().equals(part.getKey())).findFirst().ifPresent(s -> out.add(
          s.template().toBuilder().setScalar(Value.Scalar.newBuilder().setValue(Scalars.toDouble(part.getValue())))
              .build()));
    }
    return out;
  }

  /** Gives a released pod's task resources back to a view (the executor's charge stays). */
  public static OfferView giveBack(OfferView view, List<Resource> resources) {
    List<OfferView.Scalar> scalars = new ArrayList<>(view.scalars());
    List<OfferView.PortRange> ports = new ArrayList<>(view.ports());
    for (Resource r : resources) {
      if (r.getType() == Value.Type.SCALAR) {
        Resource identity = r.toBuilder().clearScalar().build();
        for (int i = 0; i < scalars.size(); i++) {
          OfferView.Scalar s = scalars.get(i);
          if (s.template().toBuilder().clearScalar().build().equals(identity)) {
            scalars.set(i, new OfferView.Scalar(s.template(), s.available() + Scalars.toMillis(r.getScalar().getValue())));
            break;
          }
        }
      } else if (r.getType() == Value.Type.RANGES) {
        Resource template = ports.stream().map(OfferView.PortRange::template)
            .filter(t -> t.toBuilder().clearRanges().build().equals(r.toBuilder().clearRanges().build()))
            .findFirst().orElse(r);
        for (Value.Range range : r.getRanges().getRangeList()) {
          ports.add(new OfferView.PortRange(template, range.getBegin(), range.getEnd()));
        }
      }
    }
    return new OfferView(view.offer(), scalars, ports, view.executorRunning());
  }
}
