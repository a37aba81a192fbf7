package io.k8sm.framework.offers;

/**
 * When the offer pool sends SUPPRESS and REVIVE. Plain state owned by the pool; it performs the
 * returned {@link Action} (and, for {@link Action#REVIVE}, arms the cooldown timer whose end it
 * reports with {@link #cooldownEnded}).
 *
 * <p>Rules: SUPPRESS once nobody needs offers (nobody waits, nothing is reserved, and no pod has
 * asked for a while); REVIVE when a pod starts waiting, at most once per cooldown, and when a pod
 * takes a held offer while suppressed (else what its ACCEPT leaves on the agent never comes back
 * and the next pods spread over fresh agents); a pod that starts waiting during a cooldown gets its REVIVE when the cooldown ends
 * (else it would wait for declined agents' filters to run out, seconds). After a new subscription
 * the master's state is unknown, so the next call is forced either way.
 */
final class Revival {

  enum Action { NONE, REVIVE, SUPPRESS }

  private boolean suppressed;
  private boolean coolingDown;
  /** A pod started waiting during the cooldown. */
  private boolean wanted;

  boolean suppressed() {
    return suppressed;
  }

  /** A pod fits nothing held and starts waiting. */
  Action podWaits() {
    if (suppressed || !coolingDown) {
      suppressed = false;
      coolingDown = true;
      wanted = false;
      return Action.REVIVE;
    }
    wanted = true;
    return Action.NONE;
  }

  /** A pod took a held offer. */
  Action podPlaced() {
    return suppressed ? podWaits() : Action.NONE;
  }

  Action cooldownEnded(boolean someoneWaits) {
    coolingDown = false;
    boolean owed = wanted && someoneWaits;
    wanted = false;
    return owed ? podWaits() : Action.NONE;
  }

  /** After any change: SUPPRESS when nobody needs offers any more. */
  Action settle(boolean nobodyNeedsOffers) {
    if (!suppressed && nobodyNeedsOffers) {
      suppressed = true;
      return Action.SUPPRESS;
    }
    return Action.NONE;
  }

  /** A new subscription: REVIVE at once for waiters, else SUPPRESS unless something is reserved. */
  Action resubscribed(boolean someoneWaits, boolean nothingReserved) {
    if (someoneWaits) {
      suppressed = true;
      coolingDown = false;
      return podWaits();
    }
    suppressed = false;
    return settle(nothingReserved);
  }
}
