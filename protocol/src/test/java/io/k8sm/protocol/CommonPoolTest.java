package io.k8sm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** A JVM that sees one core runs async callbacks on the common pool once {@link CommonPool} was called. */
class CommonPoolTest {

  /** Run in a child JVM: prints the pool's parallelism and the thread an async callback ran on. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0) CommonPool.atLeastTwo();
    String thread = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName()).get();
    System.out.println(ForkJoinPool.getCommonPoolParallelism() + " " + thread);
  }

  @Test
  void oneCoreGetsTwoPoolThreadsInsteadOfAThreadPerCallback() throws Exception {
    assertEquals("1 Thread-0", child(false), "the JDK's behaviour this class works around");
    String out = child(true);
    assertEquals("2", out.split(" ")[0]);
    assertEquals(true, out.split(" ")[1].startsWith("ForkJoinPool.commonPool-worker-"), out);
  }

  @Test
  void anExplicitSettingIsKept() throws Exception {
    assertEquals("3", run(List.of("-D" + CommonPool.PROPERTY + "=3"), true).split(" ")[0]);
  }

  private static String child(boolean call) throws IOException, InterruptedException {
    return run(List.of(), call);
  }

  private static String run(List<String> flags, boolean call) throws IOException, InterruptedException {
    var cmd = new java.util.ArrayList<String>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:ActiveProcessorCount=1");
    cmd.addAll(flags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CommonPoolTest.class.getName()));
    if (call) cmd.add("call");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
