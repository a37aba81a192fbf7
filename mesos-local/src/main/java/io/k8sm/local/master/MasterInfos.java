package io.k8sm.local.master;

import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.MasterInfo;

/** Builds the MasterInfo a Mesos master reports in SUBSCRIBED. */
final class MasterInfos {
  /** The Mesos version whose v1 API mesos-local follows. */
  static final String VERSION = "1.11.0";

  private MasterInfos() {}

  static MasterInfo of(String id, String hostname, String ip, int port) {
    return MasterInfo.newBuilder()
        .setId(id)
        .setIp(ipv4NetworkOrder(ip))
        .setPort(port)
        .setHostname(hostname)
        .setVersion(VERSION)
        .setAddress(Address.newBuilder().setHostname(hostname).setIp(ip).setPort(port))
        .build();
  }

  /** Mesos stores the IPv4 address as the in-memory (network byte order) uint32, read little-endian. */
  static int ipv4NetworkOrder(String ip) {
    String[] parts = ip.split("\\.");
    if (parts.length != 4) {
      return 0;
    }
    int v = 0;
    for (int i = 3; i >= 0; i--) {
      v = (v << 8) | (Integer.parseInt(parts[i]) & 0xff);
    }
    return v;
  }
}
