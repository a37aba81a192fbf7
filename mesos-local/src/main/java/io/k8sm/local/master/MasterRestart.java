package io.k8sm.local.master;

import java.util.UUID;

/**
 * A simulated master restart. Every subscription stream breaks and outstanding offers vanish (no
 * RESCIND: offers die with the master). With state kept the frameworks wait, disconnected, for
 * their schedulers to re-subscribe. With state wiped the master comes back with a new id, knows
 * nothing of frameworks (calls get "Framework cannot be found"), and re-learns a framework's tasks
 * from the agents when its scheduler re-subscribes with the old id.
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
    }
    for (OfferRecord o : s.offers.values()) {
      s.returnOffer(o);
    }
    s.offers.clear();
    if (wipe) {
      s.orphans.putAll(s.frameworks);
      s.frameworks.clear();
      s.removed.clear();
      s.frameworkCounter = 0;
      s.masterInfo = s.masterInfo.toBuilder().setId(UUID.randomUUID().toString()).build();
    }
    s.effects.allocateSoon();
  }
}
