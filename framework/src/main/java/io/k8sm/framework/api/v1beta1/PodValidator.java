package io.k8sm.framework.api.v1beta1;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a POSTed pod before anything is stored. Pure; returns every problem found, each a sentence
 * naming the field, so that one 400 answer tells the user all that is wrong.
 */
public final class PodValidator {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private PodValidator() {}

  public static List<String> validate(Pod pod) {
    List<String> problems = new ArrayList<>();
    checkName("id", pod.id(), problems);
    if (pod.labels() != null) {
      pod.labels().forEach((k, v) -> {
        if (k == null || k.isEmpty() || k.length() > 253) problems.add("label key '" + k + "' must have 1..253 characters");
        if (v != null && v.length() > 63) problems.add("label '" + k + "' has a value longer than 63 characters");
      });
    }
    Manifest m = pod.desiredState() == null ? null : pod.desiredState().manifest();
    if (m == null) {
      problems.add("desiredState.manifest is required");
      return problems;
    }
    if (m.version() != null && !m.version().isEmpty() && !m.version().equals("v1beta1")) {
      problems.add("desiredState.manifest.version must be v1beta1, not '" + m.version() + "'");
    }
    if (m.id() != null && !m.id().isEmpty() && pod.id() != null && !m.id().equals(pod.id())) {
      problems.add("desiredState.manifest.id '" + m.id() + "' differs from id '" + pod.id() + "'");
    }
    checkRestartPolicy(m.restartPolicy(), problems);
    if (m.containers() == null || m.containers().isEmpty()) {
      problems.add("desiredState.manifest.containers must hold at least one container");
      return problems;
    }
    Set<String> names = new HashSet<>();
    Set<Integer> hostPorts = new HashSet<>();
    for (int i = 0; i < m.containers().size(); i++) {
      Container c = m.containers().get(i);
      String where = "containers[" + i + "]";
      if (c == null) {
        problems.add(where + " is null");
        continue;
      }
      checkName(where + ".name", c.name(), problems);
      if (c.name() != null && !names.add(c.name())) {
        problems.add(where + ".name '" + c.name() + "' is used by another container of this pod");
      }
      if (c.image() == null || c.image().isBlank()) problems.add(where + ".image is required");
      if (c.cpu() != null && c.cpu() < 0) problems.add(where + ".cpu must not be negative");
      if (c.memory() != null && c.memory() < 0) problems.add(where + ".memory must not be negative");
      checkPorts(where, c, hostPorts, problems);
      checkProbe(where, c, problems);
    }
    return problems;
  }

  private static void checkName(String field, String value, List<String> problems) {
    if (value == null || value.isEmpty()) {
      problems.add(field + " is required");
    } else if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
      problems.add(field + " '" + value + "' is not a DNS-1123 label (at most 63 characters: a-z, 0-9 and '-',"
          + " starting and ending with a letter or digit)");
    }
  }

  private static void checkPorts(String where, Container c, Set<Integer> hostPorts, List<String> problems) {
    if (c.ports() == null) return;
    for (int j = 0; j < c.ports().size(); j++) {
      Container.Port p = c.ports().get(j);
      String at = where + ".ports[" + j + "]";
      if (p == null) {
        problems.add(at + " is null");
        continue;
      }
      if (p.containerPort() == null || p.containerPort() < 1 || p.containerPort() > 65535) {
        problems.add(at + ".containerPort must lie in 1..65535, not " + p.containerPort());
      }
      if (p.hostPort() != null && p.hostPort() != 0) {
        if (p.hostPort() < 1 || p.hostPort() > 65535) {
          problems.add(at + ".hostPort must lie in 1..65535, not " + p.hostPort());
        } else if (!hostPorts.add(p.hostPort())) {
          problems.add(at + ".hostPort " + p.hostPort() + " is used twice in this pod");
        }
      }
      if (p.protocol() != null && !p.protocol().isEmpty()
          && !p.protocol().equalsIgnoreCase("TCP") && !p.protocol().equalsIgnoreCase("UDP")) {
        problems.add(at + ".protocol must be TCP or UDP, not '" + p.protocol() + "'");
      }
    }
  }

  private static void checkProbe(String where, Container c, List<String> problems) {
    Container.LivenessProbe probe = c.livenessProbe();
    if (probe == null || Boolean.FALSE.equals(probe.enabled())) return;
    String at = where + ".livenessProbe";
    String type = probe.type() == null ? "" : probe.type();
    switch (type) {
      case "http" -> {
        if (probe.httpGet() == null) problems.add(at + ".httpGet is required for type http");
        else checkProbePort(c, at + ".httpGet.port", probe.httpGet().port(), problems);
      }
      case "tcp" -> {
        if (probe.tcpSocket() == null) problems.add(at + ".tcpSocket is required for type tcp");
        else checkProbePort(c, at + ".tcpSocket.port", probe.tcpSocket().port(), problems);
      }
      case "exec" -> {
        if (probe.exec() == null || probe.exec().command() == null || probe.exec().command().isEmpty()) {
          problems.add(at + ".exec.command is required for type exec");
        }
      }
      default -> problems.add(at + ".type must be http, tcp or exec, not '" + type + "'");
    }
    if (probe.initialDelaySeconds() != null && probe.initialDelaySeconds() < 0) {
      problems.add(at + ".initialDelaySeconds must not be negative");
    }
  }

  private static void checkProbePort(Container c, String field, String port, List<String> problems) {
    if (port == null || port.isEmpty()) {
      problems.add(field + " is required");
    } else if (port.chars().allMatch(Character::isDigit)) {
      long n = port.length() > 6 ? Long.MAX_VALUE : Long.parseLong(port);
      if (n < 1 || n > 65535) problems.add(field + " must lie in 1..65535, not " + port);
    } else if (c.ports() == null || c.ports().stream().noneMatch(p -> p != null && port.equals(p.name()))) {
      problems.add(field + " '" + port + "' names no port of this container");
    }
  }

  private static void checkRestartPolicy(Manifest.RestartPolicy policy, List<String> problems) {
    if (policy == null) return;
    int set = (policy.always() != null ? 1 : 0) + (policy.onFailure() != null ? 1 : 0) + (policy.never() != null ? 1 : 0);
    if (set != 1) {
      problems.add("desiredState.manifest.restartPolicy must hold exactly one of always, onFailure, never");
    }
  }

}
