package io.k8sm.local.master;

/**
 * A simulated master restart. Every subscription stream breaks and outstanding offers vanish (no
 * RESCIND: offers die with the master). With state kept the frameworks wait, disconnected, for
 * their schedulers to re-subscribe. With state wiped the master comes back with a new id (derived from the old one, so runs stay reproducible), knows
 * nothing of frameworks (calls get "Framework cannot be found"), and re-learns a framework's tasks
 * from the agents when its scheduler re-subscribes with the old id.
 *
 * <p>Failover timers: a Mesos master that fails over does not carry a framework's failover_timeout
 * over (documented in the high-availability guide, MESOS-4659); frameworks recovered from the agents
 * wait, disconnected, with no timer, and a scheduler that never returns leaves its tasks running.
 * That is the default here too. With {@link MasterConfig#failoverTimersAfterRestart()} a restart
 * that keeps state starts every framework's whole failover_timeout instead, as if each had just
 * disconnected.
 */
final class MasterRestart {
  private final MasterState s;

  MasterRestart(MasterState s) {
    this.s = s;
  }

  void restart(boolean wipe) {
    for (FrameworkState fw : s.frameworks.values()) {
      if (fw.stream != null) {
        fw.stream.fail("master restarted");
        fw.stream = null;
      }
      s.effects.heartbeats(fw.id, false);
      s.effects.cancelFailoverTimer(fw.id);
      fw.filters.clear();
      if (!wipe && s.config.failoverTimersAfterRestart()) {
        s.effects.failoverTimer(fw.id, FrameworkLifecycle.failoverTimeout(fw.info));
      }
    }
    for (OfferRecord o : s.offers.values()) {
      s.returnOffer(o);
    }
    s.offers.clear();
    if (wipe) {
      s.frameworks.values().forEach(fw -> fw.completed.clear());
      s.completedFrameworks.clear();
      s.orphans.putAll(s.frameworks);
      s.frameworks.clear();
      s.removed.clear();
      s.frameworkCounter = 0;
      s.masterInfo = s.masterInfo.toBuilder().setId(Ids.nextMaster(s.masterId())).build();
    }
    s.effects.allocateSoon();
  }
}
