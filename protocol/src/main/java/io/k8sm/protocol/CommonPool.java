package io.k8sm.protocol;

/**
 * Keeps {@code CompletableFuture} callbacks off freshly started threads.
 *
 * <p>Akka hands out {@code CompletionStage}s (ask, the HTTP client, stream materialisation) whose
 * plain {@code thenApply}/{@code whenComplete} run as the {@code ...Async} variants on the JDK's
 * default executor. That executor is the common fork-join pool only when its parallelism is above
 * one; on a machine of two cores or fewer it is 1, and the JDK then starts a new thread for every
 * callback (about 8,000 threads in 40 s of a 3,000-pod burst). Every process of ours calls
 * {@link #atLeastTwo()} first thing in {@code main}, before anything touches the pool.
 */
public final class CommonPool {
  static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private CommonPool() {}

  /** Sets the common pool's parallelism to 2 unless it would be 2 or more anyway, or is set already. */
  public static void atLeastTwo() {
    if (System.getProperty(PROPERTY) == null && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(PROPERTY, "2");
    }
  }
}
