package io.k8sm.bench;

/**
 * The benchmark's pod, as the issue fixes it: one container asking 0.1 cpu and 64 MB with one host
 * port, and five labels. Host ports cycle through the simulated agents' range 31000-31999, so an
 * agent can hold many pods (a shared host port would allow one pod per agent). Pure.
 */
public final class PodJson {
  private PodJson() {}

  public static String of(String id, int index) {
    int hostPort = 31000 + Math.floorMod(index, 1000);
    return "{\"id\":\"" + id + "\",\"labels\":{\"app\":\"bench\",\"tier\":\"t" + (index % 3) + "\",\"shard\":\"s"
        + (index % 16) + "\",\"run\":\"bench\",\"index\":\"i" + index + "\"},"
        + "\"desiredState\":{\"manifest\":{\"version\":\"v1beta1\",\"id\":\"" + id + "\",\"containers\":[{"
        + "\"name\":\"c\",\"image\":\"k8sm/pause:1\",\"cpu\":100,\"memory\":67108864,"
        + "\"ports\":[{\"hostPort\":" + hostPort + ",\"containerPort\":8080}]}]}}}";
  }
}
