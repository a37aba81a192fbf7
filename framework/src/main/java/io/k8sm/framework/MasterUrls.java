package io.k8sm.framework;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Turns {@code --mesos_master} entries (host:port, host, or http(s) URLs) into base URLs. Pure. */
public final class MasterUrls {
  private MasterUrls() {}

  public static List<URI> parse(List<String> masters) {
    List<URI> out = new ArrayList<>();
    for (String m : masters) {
      String s = m.trim();
      if (s.startsWith("zk://")) {
        throw new IllegalArgumentException("ZooKeeper master detection (" + s + ") is not supported; list the masters"
            + " as host:port,host:port");
      }
      if (!s.startsWith("http://") && !s.startsWith("https://")) {
        s = "http://" + (s.contains(":") ? s : s + ":5050");
      }
      URI uri = URI.create(s);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("not a master address: " + m);
      }
      out.add(URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5050 : uri.getPort())));
    }
    return out;
  }
}
