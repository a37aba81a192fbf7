package io.k8sm.local.master;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the master knows, owned by the master actor (single-threaded access): frameworks,
 * frameworks orphaned by a wiping restart, removed framework ids, agents, outstanding offers. The
 * handlers ({@link FrameworkLifecycle}, {@link CallHandler}, {@link AgentEvents}, {@link Allocator})
 * work on it; side effects that need time go through {@link Effects}.
 */
final class MasterState {
  private static final Logger log = LoggerFactory.getLogger(MasterState.class);
  static final int MAX_COMPLETED_FRAMEWORKS = 50;

  /** Timers and wake-ups the actor provides. */
  interface Effects {
    void heartbeats(FrameworkID framework, boolean on);

    void failoverTimer(FrameworkID framework, Duration after);

    void cancelFailoverTimer(FrameworkID framework);

    void allocateSoon();
  }

  final MasterConfig config;
  final Effects effects;
  final LongSupplier clockMillis;
  MasterInfo masterInfo;
  final double startTime;
  long frameworkCounter;
  long offerCounter;
  final Map<FrameworkID, FrameworkState> frameworks = new LinkedHashMap<>();
  final Map<FrameworkID, FrameworkState> orphans = new HashMap<>();
  final Set<FrameworkID> removed = new HashSet<>();
  /** Removed frameworks as the state endpoints show them, the latest 50 (Mesos's --max_completed_frameworks). */
  final Map<FrameworkID, FrameworkState> completedFrameworks = new LinkedHashMap<>();
  final Map<AgentID, AgentState> agents = new LinkedHashMap<>();
  final Set<AgentID> lostAgents = new HashSet<>();
  final Map<OfferID, OfferRecord> offers = new LinkedHashMap<>();

  MasterState(MasterConfig config, MasterInfo masterInfo, Effects effects, LongSupplier clockMillis) {
    this.config = config;
    this.masterInfo = masterInfo;
    this.effects = effects;
    this.clockMillis = clockMillis;
    this.startTime = nowSeconds();
  }

  String masterId() {
    return masterInfo.getId();
  }

  double nowSeconds() {
    return System.currentTimeMillis() / 1000.0;
  }

  /** Sends an event to a framework if it is subscribed; events for a disconnected one are dropped. */
  void send(FrameworkState fw, Event event) {
    if (fw.connected()) {
      fw.stream.send(event);
    }
  }

  void sendUpdate(FrameworkState fw, TaskStatus status) {
    send(fw, Event.newBuilder().setType(Event.Type.UPDATE)
        .setUpdate(Event.Update.newBuilder().setStatus(status)).build());
  }

  /** Takes back every outstanding offer of a framework without telling it (it lost its stream). */
  void dropOffers(FrameworkState fw) {
    boolean any = false;
    for (Iterator<OfferRecord> it = offers.values().iterator(); it.hasNext(); ) {
      OfferRecord o = it.next();
      if (o.framework().equals(fw.id)) {
        it.remove();
        returnOffer(o);
        any = true;
      }
    }
    if (any) {
      effects.allocateSoon();
    }
  }

  /** Rescinds offers made to roles the framework no longer has (UPDATE_FRAMEWORK). */
  void dropOffersOfRemovedRoles(FrameworkState fw) {
    List<String> roles = FrameworkRoles.of(fw.info);
    for (OfferRecord o : new ArrayList<>(offers.values())) {
      if (o.framework().equals(fw.id) && !roles.contains(o.role())) {
        rescind(o);
      }
    }
  }

  /** Withdraws an outstanding offer and tells its framework (RESCIND). */
  void rescind(OfferRecord o) {
    offers.remove(o.id());
    returnOffer(o);
    FrameworkState fw = frameworks.get(o.framework());
    if (fw != null) {
      send(fw, Event.newBuilder().setType(Event.Type.RESCIND)
          .setRescind(Event.Rescind.newBuilder().setOfferId(o.id())).build());
    }
  }

  /** Puts an offer's resources back into its agent's free pool (the offer must be removed already). */
  void returnOffer(OfferRecord o) {
    AgentState a = agents.get(o.agent());
    if (a != null) {
      a.offered = a.offered.minus(o.resources());
    }
  }

  /** Frees a task's resources once (terminal state reached or agent gone). */
  void release(FrameworkState fw, TaskRecord t) {
    if (t.released) {
      return;
    }
    t.released = true;
    AgentState a = agents.get(t.agent);
    if (a != null) {
      a.used = a.used.minus(t.resources);
      if (t.commandExecutor) {
        a.removeExecutor(fw.id, t.executor);
      }
    }
    effects.allocateSoon();
  }

  /** Tasks whose record may go: terminal and with no update left to acknowledge. */
  void forgetIfDone(FrameworkState fw, TaskRecord t) {
    if (t.terminal() && !fw.updates.hasPending(t.task.getTaskId())) {
      fw.tasks.remove(t.task.getTaskId());
      fw.complete(t);
    }
  }

  /**
   * Removes a framework for good (teardown, failover timeout): its executors are shut down on every
   * agent, its tasks and offers released (live tasks recorded as TASK_KILLED,
   * REASON_FRAMEWORK_REMOVED, and moved to its completed tasks), its id burned; it stays listed
   * among the completed frameworks.
   */
  void removeFramework(FrameworkState fw, String why) {
    log.info("removing framework {}: {}", fw.name(), why);
    Set<AgentID> onAgents = new HashSet<>();
    for (TaskRecord t : fw.tasks.values()) {
      onAgents.add(t.agent);
      release(fw, t);
    }
    for (AgentState a : agents.values()) {
      if (a.executors.containsKey(fw.id)) {
        onAgents.add(a.info.getId());
        for (var e : new ArrayList<>(a.executorsOf(fw.id).keySet())) {
          a.removeExecutor(fw.id, e);
        }
      }
    }
    for (AgentID id : onAgents) {
      AgentState a = agents.get(id);
      if (a != null) {
        a.agent.shutdownFramework(fw.id);
      }
    }
    for (TaskRecord t : fw.tasks.values()) {
      if (!t.terminal()) {
        // as a Mesos master does: implicitly killed, recorded without an update to anyone
        t.record(TaskStatus.newBuilder().setTaskId(t.task.getTaskId()).setAgentId(t.agent)
            .setExecutorId(t.executor).setState(TaskState.TASK_KILLED).setSource(TaskStatus.Source.SOURCE_MASTER)
            .setReason(TaskStatus.Reason.REASON_FRAMEWORK_REMOVED).setMessage("Framework " + fw.id.getValue()
                + " removed").setTimestamp(nowSeconds()).build());
      }
      fw.complete(t);
    }
    fw.tasks.clear();
    dropOffers(fw);
    if (fw.stream != null) {
      fw.stream.close();
      fw.stream = null;
    }
    effects.heartbeats(fw.id, false);
    effects.cancelFailoverTimer(fw.id);
    frameworks.remove(fw.id);
    removed.add(fw.id);
    if (completedFrameworks.size() == MAX_COMPLETED_FRAMEWORKS) {
      completedFrameworks.remove(completedFrameworks.keySet().iterator().next());
    }
    completedFrameworks.put(fw.id, fw);
    effects.allocateSoon();
  }

  /** The framework whose current stream has this id, if any. */
  FrameworkState byStream(String streamId) {
    for (FrameworkState fw : frameworks.values()) {
      if (fw.stream != null && fw.stream.streamId().equals(streamId)) {
        return fw;
      }
    }
    return null;
  }

  List<FrameworkState> connected() {
    return frameworks.values().stream().filter(FrameworkState::connected).toList();
  }
}
