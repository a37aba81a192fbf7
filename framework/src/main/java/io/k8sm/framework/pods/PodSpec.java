package io.k8sm.framework.pods;

import io.k8sm.framework.api.v1beta1.Manifest;
import io.k8sm.framework.offers.PodShape;
import java.time.Instant;
import java.util.Map;

/**
 * One pod as the scheduler keeps it: identity, labels, the user's manifest (as submitted, for
 * echoing back), the resource shape derived from it, and the restart policy. Immutable.
 */
public record PodSpec(
    String namespace,
    String name,
    String uid,
    Map<String, String> labels,
    Instant created,
    Manifest manifest,
    PodShape shape,
    RestartPolicy restartPolicy) {

  public enum RestartPolicy { ALWAYS, ON_FAILURE, NEVER }

  public PodSpec {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /**
   * {@code namespace/name}, unique among live pods. Interned: the supervisor's maps, the object
   * store, JMX and the task notes each keep a pod's key for its whole life, and one String serves
   * them all.
   */
  public String key() {
    return (namespace + "/" + name).intern();
  }
}
