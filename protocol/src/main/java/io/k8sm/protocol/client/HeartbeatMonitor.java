package io.k8sm.protocol.client;

import akka.stream.Attributes;
import akka.stream.FlowShape;
import akka.stream.Inlet;
import akka.stream.Outlet;
import akka.stream.stage.AbstractInHandler;
import akka.stream.stage.AbstractOutHandler;
import akka.stream.stage.GraphStage;
import akka.stream.stage.GraphStageLogic;
import akka.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Passes events through and fails with {@link HeartbeatTimeoutException} when the next one takes
 * too long. The clock only runs while an event has been asked for, so a slow consumer is never
 * mistaken for a dead master. The allowed silence starts at {@code initial} (waiting for the first
 * event) and becomes {@code misses} × the interval an event announces.
 */
final class HeartbeatMonitor<E> extends GraphStage<FlowShape<E, E>> {
  private static final String SILENCE = "silence";

  private final Inlet<E> in = Inlet.create("HeartbeatMonitor.in");
  private final Outlet<E> out = Outlet.create("HeartbeatMonitor.out");
  private final FlowShape<E, E> shape = FlowShape.of(in, out);
  private final Function<E, Optional<Duration>> interval;
  private final int misses;
  private final Duration initial;
  private final String source;

  HeartbeatMonitor(Function<E, Optional<Duration>> interval, int misses, Duration initial, String source) {
    this.interval = interval;
    this.misses = misses;
    this.initial = initial;
    this.source = source;
  }

  @Override
  public FlowShape<E, E> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new TimerGraphStageLogic(shape) {
      private Duration allowed = initial;
      private boolean subscribed;

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            cancelTimer(SILENCE);
            E event = grab(in);
            interval.apply(event).ifPresent(i -> {
              allowed = i.multipliedBy(misses);
              subscribed = true;
            });
            push(out, event);
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            pull(in);
            scheduleOnce(SILENCE, allowed);
          }
        });
      }

      @Override
      public void onTimer(Object key) {
        String what = subscribed
            ? "no event (not even a HEARTBEAT) from " + source + " for " + allowed.toMillis() + " ms ("
                + misses + " heartbeat intervals)"
            : "no first event from " + source + " within " + allowed.toMillis() + " ms";
        failStage(new HeartbeatTimeoutException(what + "; the connection is presumed dead", allowed));
      }
    };
  }
}
