package io.k8sm.local.master;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;

/**
 * The decline filters of one framework, per agent, with Mesos's subset semantics: after a
 * framework refuses resources R of an agent for {@code refuse_seconds}, the allocator does not
 * offer it that agent while what it would offer is a subset of R. Offering more than was refused
 * (say, after a task ended) is allowed at once. REVIVE clears everything.
 *
 * <p>Times are milliseconds on whatever clock the caller uses; the class never reads a clock.
 */
public final class OfferFilters {
  /** Mesos's default when {@code filters} or {@code refuse_seconds} is absent or negative. */
  public static final double DEFAULT_REFUSE_SECONDS = 5.0;
  /** Mesos caps longer filters at one year. */
  static final double MAX_REFUSE_SECONDS = 365 * 24 * 3600.0;

  private record Filter(Resources refused, long expiresAtMillis) {}

  private final Map<AgentID, List<Filter>> byAgent = new HashMap<>();

  /** How long a refusal lasts, in milliseconds (0 = no filter), given the call's {@code filters}. */
  public static long refuseMillis(Filters filters) {
    double seconds = filters != null && filters.hasRefuseSeconds() ? filters.getRefuseSeconds() : DEFAULT_REFUSE_SECONDS;
    if (Double.isNaN(seconds) || seconds < 0) {
      seconds = DEFAULT_REFUSE_SECONDS;
    }
    return Math.round(Math.min(seconds, MAX_REFUSE_SECONDS) * 1000);
  }

  /** Records that {@code refused} of {@code agent} was declined with {@code filters} at {@code now}. */
  public void refuse(AgentID agent, Resources refused, Filters filters, long nowMillis) {
    long millis = refuseMillis(filters);
    if (millis <= 0 || refused.isEmpty()) {
      return;
    }
    byAgent.computeIfAbsent(agent, a -> new ArrayList<>()).add(new Filter(refused, nowMillis + millis));
  }

  /** True when offering {@code offerable} of {@code agent} at {@code now} is filtered out. */
  public boolean filters(AgentID agent, Resources offerable, long nowMillis) {
    List<Filter> list = byAgent.get(agent);
    if (list == null) {
      return false;
    }
    list.removeIf(f -> f.expiresAtMillis() <= nowMillis);
    if (list.isEmpty()) {
      byAgent.remove(agent);
      return false;
    }
    for (Filter f : list) {
      if (f.refused().contains(offerable)) {
        return true;
      }
    }
    return false;
  }

  /** Forgets the filters of one agent (it left). */
  public void forget(AgentID agent) {
    byAgent.remove(agent);
  }

  /** REVIVE: every filter goes. */
  public void clear() {
    byAgent.clear();
  }

  public boolean isEmpty() {
    return byAgent.isEmpty();
  }
}
