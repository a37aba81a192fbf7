package io.k8sm.framework.offers;

/**
 * Resources our executor takes once per agent, in thousandths. Charged to the first pod placed on
 * an offer whose agent does not run our executor yet.
 */
public record ExecutorCost(long cpus, long mem) {
  public static final ExecutorCost NONE = new ExecutorCost(0, 0);
}
