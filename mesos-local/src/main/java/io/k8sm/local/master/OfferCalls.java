package io.k8sm.local.master;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACCEPT, DECLINE, REVIVE, SUPPRESS and UPDATE_FRAMEWORK. An ACCEPT is decided by
 * {@link AcceptValidator}; here its outcome is applied: offers consumed, tasks recorded as
 * TASK_STAGING and charged to the agent, launches handed to the agent grouped by executor,
 * rejections sent as master-generated updates (no uuid), unused resources declined with the
 * call's filters.
 */
final class OfferCalls {
  private static final Logger log = LoggerFactory.getLogger(OfferCalls.class);

  private final MasterState s;

  OfferCalls(MasterState s) {
    this.s = s;
  }

  void accept(FrameworkState fw, Call.Accept accept) {
    AgentState agentState = null;
    if (accept.getOfferIdsCount() > 0 && s.offers.containsKey(accept.getOfferIds(0))) {
      agentState = s.agents.get(s.offers.get(accept.getOfferIds(0)).agent());
    }
    var ctx = new AcceptValidator.Context(fw.id, fw.partitionAware(), s.offers, fw.tasks::containsKey,
        agentState == null ? Map.of() : agentState.executorsOf(fw.id), s.nowSeconds());
    AcceptValidator.Result r = AcceptValidator.validate(accept, ctx);
    for (OfferRecord o : r.usedOffers()) {
      s.offers.remove(o.id());
      s.returnOffer(o);
    }
    r.invalidOffers().ifPresent(why -> log.info("{}: invalid ACCEPT: {}", fw.name(), why));
    r.agent().ifPresent(agentId -> {
      AgentState a = s.agents.get(agentId);
      launch(fw, a, r.launches());
      fw.filters.refuse(agentId, r.unused(), accept.hasFilters() ? accept.getFilters() : null, s.clockMillis.getAsLong());
    });
    for (TaskStatus rejected : r.rejections()) {
      log.info("{}: task {} -> {}: {}", fw.name(), rejected.getTaskId().getValue(), rejected.getState(),
          rejected.getMessage());
      s.sendUpdate(fw, rejected);
    }
    s.effects.allocateSoon();
  }

  private void launch(FrameworkState fw, AgentState a, List<AcceptValidator.Launch> launches) {
    Map<ExecutorID, List<TaskInfo>> byExecutor = new LinkedHashMap<>();
    Map<ExecutorID, ExecutorInfo> executors = new LinkedHashMap<>();
    for (AcceptValidator.Launch l : launches) {
      ExecutorInfo e = l.executor();
      if (l.newExecutor()) {
        a.executors.computeIfAbsent(fw.id, f -> new LinkedHashMap<>()).put(e.getExecutorId(), e);
        a.used = a.used.plus(Resources.of(e.getResourcesList()));
      }
      Resources taskResources = Resources.of(l.task().getResourcesList());
      a.used = a.used.plus(taskResources);
      TaskStatus staging = TaskStatus.newBuilder()
          .setTaskId(l.task().getTaskId())
          .setState(TaskState.TASK_STAGING)
          .setSource(TaskStatus.Source.SOURCE_MASTER)
          .setAgentId(a.info.getId())
          .setExecutorId(e.getExecutorId())
          .setTimestamp(s.nowSeconds())
          .build();
      fw.tasks.put(l.task().getTaskId(),
          new TaskRecord(l.task(), e.getExecutorId(), taskResources, l.commandExecutor(), staging));
      byExecutor.computeIfAbsent(e.getExecutorId(), x -> new ArrayList<>()).add(l.task());
      executors.put(e.getExecutorId(), e);
    }
    byExecutor.forEach((id, tasks) -> {
      log.info("{}: launching {} task(s) on agent {} under executor {}", fw.name(), tasks.size(),
          a.info.getId().getValue(), id.getValue());
      a.agent.launch(fw.info, executors.get(id), tasks);
    });
  }

  /** Each listed offer of this framework goes back, filtered; unknown ids are ignored, as Mesos does. */
  void decline(FrameworkState fw, Call.Decline decline) {
    long now = s.clockMillis.getAsLong();
    for (var id : decline.getOfferIdsList()) {
      OfferRecord o = s.offers.get(id);
      if (o == null || !o.framework().equals(fw.id)) {
        log.debug("{}: DECLINE of unknown offer {} ignored", fw.name(), id.getValue());
        continue;
      }
      s.offers.remove(id);
      s.returnOffer(o);
      fw.filters.refuse(o.agent(), o.resources(), decline.hasFilters() ? decline.getFilters() : null, now);
    }
    s.effects.allocateSoon();
  }

  void revive(FrameworkState fw, List<String> roles) {
    if (roles.isEmpty()) {
      fw.suppressedRoles.clear();
    } else {
      roles.forEach(fw.suppressedRoles::remove);
    }
    fw.filters.clear();
    s.effects.allocateSoon();
  }

  void suppress(FrameworkState fw, List<String> roles) {
    fw.suppressedRoles.addAll(roles.isEmpty() ? FrameworkRoles.of(fw.info) : roles);
  }

  HttpReply updateFramework(FrameworkState fw, Call.UpdateFramework update) {
    var info = update.getFrameworkInfo();
    if (!info.getId().equals(fw.id)) {
      return HttpReply.badRequest("'framework_info.id' differs from 'framework_id'");
    }
    if (!info.getUser().equals(fw.info.getUser()) || info.getCheckpoint() != fw.info.getCheckpoint()
        || !info.getPrincipal().equals(fw.info.getPrincipal())) {
      return HttpReply.badRequest("Updating 'user', 'checkpoint' or 'principal' is not supported");
    }
    fw.info = info;
    fw.suppressedRoles.clear();
    fw.suppressedRoles.addAll(update.getSuppressedRolesList());
    s.dropOffersOfRemovedRoles(fw);
    s.effects.allocateSoon();
    return HttpReply.OK;
  }
}
