package io.k8sm.executor.docker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's container naming and the labels a restarted executor finds its containers by.
 *
 * <p>Names: {@code k8s--net--<pod>--<hash>} for a pod's infra container and
 * {@code k8s--<container>--<pod>--<hash>} for its app containers. {@code <hash>} is the first 8
 * hex digits of SHA-256 over the Mesos task id: stable across executor restarts (the same task
 * always maps to the same names, so a re-delivered LAUNCH finds rather than duplicates), and
 * different for a new launch of the same pod (a new task id), so a lingering old container never
 * collides with a new one. Characters Docker does not allow in names become {@code _}.
 *
 * <p>Names are for people; the executor itself only trusts labels ({@link #LABEL_EXECUTOR_ID}
 * and friends), which carry the unmodified values.
 */
public final class ContainerNames {
  public static final String LABEL_NAMESPACE = "io.k8sm.pod.namespace";
  public static final String LABEL_POD = "io.k8sm.pod.name";
  public static final String LABEL_UID = "io.k8sm.pod.uid";
  /** The app container's name in the pod spec; {@value #INFRA_ROLE} never collides with one here. */
  public static final String LABEL_CONTAINER = "io.k8sm.container";
  /** {@value #INFRA_ROLE} for the infra container, {@value #APP_ROLE} for the others. */
  public static final String LABEL_ROLE = "io.k8sm.role";
  public static final String LABEL_TASK_ID = "io.k8sm.task-id";
  public static final String LABEL_EXECUTOR_ID = "io.k8sm.executor-id";
  public static final String LABEL_FRAMEWORK_ID = "io.k8sm.framework-id";
  /**
   * How many times the app container had been restarted when this container was created (kubelet
   * keeps the count the same way): a restarted executor that adopts the container reads it back.
   */
  public static final String LABEL_RESTART_COUNT = "io.k8sm.restart-count";
  public static final String INFRA_ROLE = "infra";
  public static final String APP_ROLE = "app";

  private ContainerNames() {}

  /** Who owns a container: one executor of one framework. */
  public record Owner(String frameworkId, String executorId) {
    /** The label filter that selects every container this executor owns. */
    public Map<String, String> filter() {
      return Map.of(LABEL_FRAMEWORK_ID, frameworkId, LABEL_EXECUTOR_ID, executorId);
    }
  }

  /** The identity of one pod launch. */
  public record PodKey(String namespace, String name, String uid, String taskId) {}

  public static String infraName(PodKey pod) {
    return "k8s--net--" + safe(pod.name()) + "--" + hash(pod.taskId());
  }

  public static String appName(PodKey pod, String container) {
    return "k8s--" + safe(container) + "--" + safe(pod.name()) + "--" + hash(pod.taskId());
  }

  public static Map<String, String> infraLabels(Owner owner, PodKey pod) {
    Map<String, String> labels = podLabels(owner, pod);
    labels.put(LABEL_ROLE, INFRA_ROLE);
    return labels;
  }

  public static Map<String, String> appLabels(Owner owner, PodKey pod, String container, int restartCount) {
    Map<String, String> labels = podLabels(owner, pod);
    labels.put(LABEL_ROLE, APP_ROLE);
    labels.put(LABEL_CONTAINER, container);
    labels.put(LABEL_RESTART_COUNT, Integer.toString(restartCount));
    return labels;
  }

  /** The restart count a container was created with; 0 when the label is missing or malformed. */
  public static int restartCount(Map<String, String> labels) {
    try {
      return Math.max(0, Integer.parseInt(labels.getOrDefault(LABEL_RESTART_COUNT, "0")));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The label filter selecting every container of one task of this executor. */
  public static Map<String, String> taskFilter(Owner owner, String taskId) {
    Map<String, String> filter = new LinkedHashMap<>(owner.filter());
    filter.put(LABEL_TASK_ID, taskId);
    return filter;
  }

  private static Map<String, String> podLabels(Owner owner, PodKey pod) {
    Map<String, String> labels = new LinkedHashMap<>(owner.filter());
    labels.put(LABEL_NAMESPACE, pod.namespace());
    labels.put(LABEL_POD, pod.name());
    labels.put(LABEL_UID, pod.uid());
    labels.put(LABEL_TASK_ID, pod.taskId());
    return labels;
  }

  /** First 8 hex digits of SHA-256 over {@code value}. */
  static String hash(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** Docker names allow [a-zA-Z0-9_.-]; anything else becomes '_' (and an empty name "_"). */
  static String safe(String part) {
    String cleaned = part.replaceAll("[^a-zA-Z0-9_.-]", "_");
    return cleaned.isEmpty() ? "_" : cleaned;
  }
}
