package io.k8sm.framework.mesos;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The bridge's {@link BridgeSnapshot}, changed by the bridge (connection) and its current
 * {@link Session} (events, acknowledgements): every change is applied in one place and published
 * in the order it was made.
 */
final class SnapshotBoard {
  private final Consumer<BridgeSnapshot> publish;
  private BridgeSnapshot current = BridgeSnapshot.INITIAL;

  SnapshotBoard(Consumer<BridgeSnapshot> publish) {
    this.publish = publish;
    publish.accept(current);
  }

  synchronized void update(UnaryOperator<BridgeSnapshot> change) {
    current = change.apply(current);
    publish.accept(current);
  }
}
