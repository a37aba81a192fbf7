package io.k8sm.local.master;

import java.util.List;
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

  public static boolean has(FrameworkInfo info, FrameworkInfo.Capability.Type capability) {
    return info.getCapabilitiesList().stream().anyMatch(c -> c.getType() == capability);
  }
}
