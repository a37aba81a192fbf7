package io.k8sm.executor.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeAddressTest {
  /** Literals resolve as themselves; the only name known here is "agent-7" (no DNS in a table test). */
  static final NodeAddress.Resolver RESOLVER = name -> {
    try {
      if (name.equals("agent-7")) {
        return Optional.of(InetAddress.getByAddress(name, new byte[] {10, 0, 0, 7}));
      }
      return name.matches("[0-9.]+|[0-9a-fA-F:]+") ? Optional.of(InetAddress.getByName(name)) : Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  };

  static String choose(String endpoint, String publishIp) {
    return NodeAddress.choose(Optional.ofNullable(endpoint).map(URI::create), publishIp, RESOLVER, () -> "192.0.2.99");
  }

  @Test
  void theAgentsOwnAddressWinsOverThePublishAddress() {
    Map<String, String[]> table = Map.of(
        "10.1.2.3", new String[] {"http://10.1.2.3:5051", "0.0.0.0"},
        "10.1.2.4", new String[] {"http://10.1.2.4:5051", "127.0.0.1"},
        "10.0.0.7", new String[] {"http://agent-7:5051", "0.0.0.0"},
        "0:0:0:0:0:0:0:1", new String[] {"http://[::1]:5051", "0.0.0.0"});
    table.forEach((expected, in) -> assertEquals(expected, choose(in[0], in[1]), String.join(" ", in)));
  }

  @Test
  void withoutAUsableAgentAddressASpecificPublishAddressThenTheMachinesOwn() {
    assertEquals("127.0.0.1", choose("http://0.0.0.0:5051", "127.0.0.1"), "a wildcard agent address says nothing");
    assertEquals("127.0.0.1", choose("http://unknown-host:5051", "127.0.0.1"), "an unresolvable name neither");
    assertEquals("192.0.2.99", choose("http://0.0.0.0:5051", "0.0.0.0"), "the wildcard is no node address");
    assertEquals("192.0.2.99", choose(null, ""));
  }
}
