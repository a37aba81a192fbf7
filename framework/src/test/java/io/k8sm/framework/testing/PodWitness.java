package io.k8sm.framework.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8sm.framework.pods.TaskIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * The ground truth of a set of pods seen from outside the scheduler: their tasks as the Mesos
 * master lists them ({@code /master/tasks} of a {@link MesosLocalProcess}, live and completed) and
 * their app containers on the Docker engine, counted by the pod label {@code io.k8sm.pod.name}.
 * While {@link #watch started}, a sampler looks every {@code period} and records every moment a pod
 * had two live tasks or two running app containers.
 */
public final class PodWitness implements AutoCloseable {
  private static final Set<String> TERMINAL = Set.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR",
      "TASK_LOST", "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR");

  /** One app container of a pod: its Docker id, the task id on its label, whether it runs. */
  public record Container(String id, String taskId, boolean running) {}

  private final MesosLocalProcess mesos;
  private final Set<String> pods;
  private final List<String> violations = new ArrayList<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pod-witness");
    t.setDaemon(true);
    return t;
  });

  /** {@code pods}: the pod names to watch (the set may grow while watching). */
  public PodWitness(MesosLocalProcess mesos, Set<String> pods) {
    this.mesos = mesos;
    this.pods = pods;
  }

  public void watch(long periodMillis) {
    sampler.scheduleWithFixedDelay(this::sample, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Every task id the master lists for each pod (live and completed), in the master's order. */
  public Map<String, List<String>> tasks(boolean liveOnly) {
    Map<String, List<String>> out = new HashMap<>();
    for (JsonNode t : mesos.tasks("limit=100000&order=asc").get("tasks")) {
      if (liveOnly && TERMINAL.contains(t.get("state").asText())) continue;
      String id = t.get("id").asText();
      TaskIds.podKey(TaskID.newBuilder().setValue(id).build()).map(k -> k.substring(k.indexOf('/') + 1))
          .filter(this::watched).ifPresent(pod -> out.computeIfAbsent(pod, k -> new ArrayList<>()).add(id));
    }
    return out;
  }

  /** The app containers of each watched pod, running or not. */
  public Map<String, List<Container>> appContainers() {
    String out = Docker.run("ps", "-a", "--filter", "label=io.k8sm.role=app", "--format",
        "{{.ID}} {{.Label \"io.k8sm.pod.name\"}} {{.Label \"io.k8sm.task-id\"}} {{.State}}");
    Map<String, List<Container>> byPod = new HashMap<>();
    Arrays.stream(out.split("\n")).map(String::trim).filter(l -> !l.isEmpty()).map(l -> l.split(" "))
        .filter(f -> f.length == 4 && watched(f[1]))
        .forEach(f -> byPod.computeIfAbsent(f[1], k -> new ArrayList<>())
            .add(new Container(f[0], f[2], f[3].equals("running"))));
    return byPod;
  }

  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** Removes every container of the watched pods (any role). */
  public void removeContainers() {
    synchronized (pods) {
      for (String pod : pods) {
        for (String id : Docker.run("ps", "-aq", "--filter", "label=io.k8sm.pod.name=" + pod).split("\\s+")) {
          if (!id.isBlank()) Docker.run("rm", "-f", id);
        }
      }
    }
  }

  private boolean watched(String pod) {
    synchronized (pods) {
      return pods.contains(pod);
    }
  }

  private void sample() {
    try {
      tasks(true).forEach((pod, ids) -> {
        if (ids.size() > 1) violation("pod " + pod + " has " + ids.size() + " live tasks " + ids);
      });
      appContainers().forEach((pod, cs) -> {
        List<Container> running = cs.stream().filter(Container::running).toList();
        if (running.size() > 1) violation("pod " + pod + " has " + running.size() + " running app containers " + running);
      });
    } catch (RuntimeException | AssertionError e) {
      // mesos-local stopping or Docker busy: the next sample looks again
    }
  }

  private synchronized void violation(String what) {
    violations.add(what);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
