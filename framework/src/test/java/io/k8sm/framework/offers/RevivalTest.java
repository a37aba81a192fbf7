package io.k8sm.framework.offers;

import static io.k8sm.framework.offers.Revival.Action.NONE;
import static io.k8sm.framework.offers.Revival.Action.REVIVE;
import static io.k8sm.framework.offers.Revival.Action.SUPPRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RevivalTest {

  @Test
  void revivesOncePerCooldownAndOwesTheSecondWaiterItsRevive() {
    Revival r = new Revival();
    assertEquals(REVIVE, r.podWaits());
    assertEquals(NONE, r.podWaits());
    assertEquals(REVIVE, r.cooldownEnded(true));
    assertEquals(NONE, r.cooldownEnded(true)); // nobody arrived during the second cooldown
  }

  @Test
  void aWaiterGoneBeforeTheCooldownEndedIsOwedNothing() {
    Revival r = new Revival();
    r.podWaits();
    r.podWaits();
    assertEquals(NONE, r.cooldownEnded(false));
  }

  @Test
  void suppressesOnceWhenNobodyNeedsOffersAndRevivesEvenDuringACooldownAfterThat() {
    Revival r = new Revival();
    assertEquals(REVIVE, r.podWaits());
    assertEquals(SUPPRESS, r.settle(true));
    assertEquals(NONE, r.settle(true));
    assertEquals(REVIVE, r.podWaits()); // suppressed: the master sends nothing until revived
  }

  @Test
  void aPodPlacedOnAHeldOfferRevivesOnlyWhenSuppressed() {
    Revival r = new Revival();
    assertEquals(SUPPRESS, r.settle(true));
    assertEquals(REVIVE, r.podPlaced());
    assertEquals(NONE, r.podPlaced(), "not suppressed any more");
  }

  @Test
  void aNewSubscriptionForcesTheCallForWhatIsTrueNow() {
    Revival r = new Revival();
    r.settle(true);
    assertEquals(REVIVE, r.resubscribed(true, true));
    assertEquals(SUPPRESS, r.resubscribed(false, true));
    assertEquals(NONE, new Revival().resubscribed(false, false));
  }
}
