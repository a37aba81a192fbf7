package io.k8sm.local.master;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Id rules Mesos applies to task and executor ids, and the shapes of the ids a Mesos master hands
 * out ({@code <master-id>-0000} frameworks, {@code <master-id>-S3} agents, {@code <master-id>-O7}
 * offers). Master ids are UUIDs, like a Mesos master's, but derived from the simulation seed so
 * that two runs with the same seed hand out the same ids (events can then be compared run to run).
 */
public final class Ids {
  private Ids() {}

  /** Why {@code id} is not a valid task/executor id, or empty when it is. */
  public static Optional<String> invalid(String kind, String id) {
    if (id.isEmpty()) {
      return Optional.of(kind + " id must not be empty");
    }
    if (id.length() > 255) {
      return Optional.of(kind + " id '" + id.substring(0, 20) + "...' is longer than 255 characters");
    }
    if (id.equals(".") || id.equals("..")) {
      return Optional.of(kind + " id '" + id + "' is not allowed");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '/' || c == '\\' || Character.isISOControl(c)) {
        return Optional.of(kind + " id '" + id + "' contains a '/', '\\' or control character");
      }
    }
    return Optional.empty();
  }

  /** The id of the first master of a run with {@code seed}. */
  public static String master(long seed) {
    return nameUuid("mesos-local master, seed " + seed);
  }

  /** The id a master takes after a restart that wiped its state: new, yet reproducible. */
  public static String nextMaster(String previousMasterId) {
    return nameUuid("mesos-local master after " + previousMasterId);
  }

  private static String nameUuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  public static String framework(String masterId, long n) {
    return String.format("%s-%04d", masterId, n);
  }

  public static String agent(String masterId, long n) {
    return masterId + "-S" + n;
  }

  public static String offer(String masterId, long n) {
    return masterId + "-O" + n;
  }
}
