package io.k8sm.local.master;

import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/** The roles a framework subscribes with: {@code roles} for MULTI_ROLE frameworks, else {@code role} ("*"). */
public final class FrameworkRoles {
  private FrameworkRoles() {}

  public static List<String> of(FrameworkInfo info) {
    boolean multiRole = info.getCapabilitiesList().stream()
        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
    if (multiRole && info.getRolesCount() > 0) {
      return List.copyOf(info.getRolesList());
    }
    return List.of(info.hasRole() ? info.getRole() : "*");
  }

  /** Why the framework's roles are not acceptable (Mesos's role name rules), or empty. */
  public static Optional<String> invalid(FrameworkInfo info) {
    for (String role : of(info)) {
      if (role.isEmpty() || role.equals(".") || role.equals("..") || role.startsWith("-")) {
        return Optional.of("Role '" + role + "' is invalid: it must not be empty, '.', '..' or start with '-'");
      }
      for (int i = 0; i < role.length(); i++) {
        char c = role.charAt(i);
        if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\\') {
          return Optional.of("Role '" + role + "' is invalid: it contains whitespace, a backslash or a control character");
        }
      }
      if (role.startsWith("/") || role.endsWith("/") || role.contains("//") || role.contains("/./")
          || role.contains("/../") || role.endsWith("/.") || role.endsWith("/..")) {
        return Optional.of("Role '" + role + "' is invalid: its path components must be valid roles");
      }
    }
    return Optional.empty();
  }

  public static boolean has(FrameworkInfo info, FrameworkInfo.Capability.Type capability) {
    return info.getCapabilitiesList().stream().anyMatch(c -> c.getType() == capability);
  }
}
