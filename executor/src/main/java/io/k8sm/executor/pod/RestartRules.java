package io.k8sm.executor.pod;

import io.k8sm.executor.ExecutorSettings.Backoff;
import io.k8sm.protocol.pod.RestartPolicy;
import java.time.Duration;

/**
 * Kubelet's restart decision for one exited container, as a pure function: the pod's restart
 * policy says whether it comes back, and an exponential backoff says when. The backoff grows by
 * one step per restart and starts over once a run lasted at least {@code resetAfter}.
 */
public final class RestartRules {
  private final Backoff backoff;
  private final Duration resetAfter;

  public RestartRules(Backoff backoff, Duration resetAfter) {
    this.backoff = backoff;
    this.resetAfter = resetAfter;
  }

  /** What to do after an exit: stay down, or restart after {@code delay} at backoff {@code step}. */
  public sealed interface Decision {}

  public record StayDown(String reason) implements Decision {}

  /** @param step the backoff step this restart used; pass it back as {@code previousStep} next time */
  public record Restart(Duration delay, int step) implements Decision {}

  /**
   * @param previousStep the step of the previous restart, -1 when it never restarted
   * @param ranFor how long the run that just ended lasted
   */
  public Decision afterExit(RestartPolicy policy, int exitCode, Duration ranFor, int previousStep) {
    if (policy == RestartPolicy.RESTART_NEVER) {
      return new StayDown("restartPolicy is Never");
    }
    if (policy == RestartPolicy.RESTART_ON_FAILURE && exitCode == 0) {
      return new StayDown("restartPolicy is OnFailure and the container exited 0");
    }
    int step = ranFor.compareTo(resetAfter) >= 0 ? 0 : previousStep + 1;
    return new Restart(backoff.delay(step), step);
  }
}
