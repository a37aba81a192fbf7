package io.k8sm.protocol.client;

/**
 * What an {@link Outbox} needs to know about one API's calls: a name for reasons and logs, which
 * calls may be sent again when they may already have been acted on, and which calls all set one
 * switch (so only the newest of them counts). The scheduler and the executor each supply theirs.
 *
 * @param <C> the API's call message
 */
public interface CallRules<C> {
  /** The call's type, as reasons and logs name it ({@code ACCEPT}, {@code UPDATE}). */
  String name(C call);

  /** True when acting on {@code call} twice is harmless, so a call that may have arrived is sent again. */
  boolean idempotent(C call);

  /** True for the calls that set the one switch (e.g. SUPPRESS and REVIVE): only the newest counts. */
  boolean setsSwitch(C call);
}
