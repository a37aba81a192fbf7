package io.k8sm.local.master;

/**
 * Whether this master leads. A standby answers every scheduler call with 307 and a protocol-relative
 * {@code Location: //<redirectTo>/api/v1/scheduler}; with no leader it answers 503.
 */
public record Leadership(Mode mode, String redirectTo) {
  public enum Mode { LEADER, STANDBY, NO_LEADER }

  public static final Leadership LEADER = new Leadership(Mode.LEADER, "");
}
