package io.k8sm.framework.offers;

/**
 * When the offer pool sends SUPPRESS and REVIVE. Plain state owned by the pool; it performs the
 * returned {@link Action} (and, for {@link Action#REVIVE}, arms the cooldown timer whose end it
 * reports with {@link #cooldownEnded}).
 *
 * <p>Rules: SUPPRESS once nobody needs offers; REVIVE when a pod starts waiting, at most once per
 * cooldown; a pod that starts waiting during a cooldown gets its REVIVE when the cooldown ends
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

  Action cooldownEnded(boolean someoneWaits) {
    coolingDown = false;
    boolean owed = wanted && someoneWaits;
    wanted = false;
    return owed ? podWaits() : Action.NONE;
  }

  /** After any change: SUPPRESS when nobody waits and nothing is reserved. */
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
