package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k8sm.local.MesosLocal;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

/**
 * Failover timers across a master restart that keeps state: off by default, as on Mesos
 * (MESOS-4659: the timeout does not survive a master failover), on when configured.
 */
class MasterRestartFailoverTest extends ConformanceBase {
  private static final double FAILOVER_SECONDS = 0.3;

  @Test
  void byDefaultAnAbandonedFrameworkOutlivesItsFailoverTimeoutAfterARestart() throws Exception {
    FrameworkInfo info = PlainScheduler.framework("abandoned").setFailoverTimeout(FAILOVER_SECONDS).build();
    Subscribed sub = runTaskThenRestartMaster(info, "orphan");
    // Waiting is the point here: several failover timeouts pass and the framework must still exist.
    Thread.sleep(Math.round(FAILOVER_SECONDS * 4000));
    assertEquals(403, revive(sub).statusCode(), "the framework is kept, disconnected");
    Subscribed again = subscribe(json, info.toBuilder().setId(sub.id()).build());
    json.call(PlainScheduler.call(Call.Type.RECONCILE, again.id()).setReconcile(Call.Reconcile.newBuilder()).build(),
        again.stream().streamId());
    Launching.awaitState(again.stream(), "orphan", TaskState.TASK_RUNNING);
  }

  @Test
  void whenConfiguredARestartStartsTheFailoverTimerOfEveryFramework() throws Exception {
    mesos.close();
    mesos = MesosLocal.start(settings().failoverTimersAfterRestart(true).build());
    json = new PlainScheduler(mesos.masterUrl(), json.encoding);
    FrameworkInfo info = PlainScheduler.framework("abandoned").setFailoverTimeout(FAILOVER_SECONDS).build();
    Subscribed sub = runTaskThenRestartMaster(info, "reaped");
    long deadline = System.nanoTime() + PlainScheduler.TIMEOUT.toNanos();
    HttpResponse<String> r = revive(sub);
    while (r.statusCode() == 403 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      r = revive(sub);
    }
    assertEquals(400, r.statusCode(), "removed after its failover timeout: " + r.body());
    assertEquals("Framework cannot be found", r.body());
    EventStream refused = track(json.subscribe(info.toBuilder().setId(sub.id()).build()));
    assertEquals("Framework has been removed",
        refused.poll(Duration.ofSeconds(5)).getError().getMessage());
  }

  /** Subscribes, runs one task, and restarts the master keeping its state; the stream has ended. */
  private Subscribed runTaskThenRestartMaster(FrameworkInfo info, String taskId) throws Exception {
    Subscribed sub = subscribe(json, info);
    Launching.launchOne(json, sub, awaitOffers(sub.stream(), 1).get(0), taskId);
    Launching.awaitRunning(json, sub, taskId);
    mesos.faults().restartMaster(false);
    sub.stream().awaitEnd();
    return sub;
  }

  private HttpResponse<String> revive(Subscribed sub) throws Exception {
    return json.call(PlainScheduler.call(Call.Type.REVIVE, sub.id()).build(), sub.stream().streamId());
  }
}
