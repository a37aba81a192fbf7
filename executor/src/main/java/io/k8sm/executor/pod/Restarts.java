package io.k8sm.executor.pod;

import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.protocol.pod.RestartPolicy;
import io.k8sm.protocol.pod.Terminated;
import java.time.Duration;
import java.util.Map;

/**
 * One app container's restart bookkeeping across its runs, without an actor: the restart count
 * (also written into each new container's label, and read back from an adopted one), the backoff
 * step, and why the current run is being stopped. {@link #exited} turns the end of a run into
 * how it ended and what comes next ({@link RestartRules}).
 */
final class Restarts {
  /** How a run ended and what the restart policy makes of it. */
  record Exit(Terminated ended, RestartRules.Decision next) {}

  private final RestartRules rules;
  private final RestartPolicy policy;
  private int count;
  private int backoffStep = -1;
  private String livenessFailure;

  Restarts(RestartRules rules, RestartPolicy policy) {
    this.rules = rules;
    this.policy = policy;
  }

  int count() {
    return count;
  }

  /** An adopted container: go on from the count it was created with. */
  void adopt(Map<String, String> labels) {
    count = ContainerNames.restartCount(labels);
  }

  /** The liveness probe fails ({@code detail}) or passes again (null); decides the next exit's reason. */
  void unhealthy(String detail) {
    livenessFailure = detail;
  }

  Exit exited(ContainerSnapshot s) {
    Terminated ended = ContainerStatuses.ended(s, livenessFailure);
    livenessFailure = null;
    Duration ranFor = Duration.ofMillis(Math.max(0, s.finishedAtMillis() - s.startedAtMillis()));
    RestartRules.Decision next = rules.afterExit(policy, s.exitCode(), ranFor, backoffStep);
    if (next instanceof RestartRules.Restart restart) {
      backoffStep = restart.step();
    }
    return new Exit(ended, next);
  }

  /** The backoff is over: the fresh container is one more restart. */
  void restarting() {
    count++;
  }
}
