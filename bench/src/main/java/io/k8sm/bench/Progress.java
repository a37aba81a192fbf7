package io.k8sm.bench;

import java.util.function.Supplier;

/**
 * Prints one progress line per second on stderr (overwritten in place on a terminal) while a
 * scenario runs, from whatever text the scenario supplies.
 */
public final class Progress implements AutoCloseable {
  private final Thread thread;
  private volatile boolean stop;

  public Progress(String scenario, Supplier<String> line) {
    long start = System.nanoTime();
    boolean tty = System.console() != null;
    thread = new Thread(() -> {
      while (!stop) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
        String text = String.format("[%s %5.0fs] %s", scenario, (System.nanoTime() - start) / 1e9, line.get());
        System.err.print(tty ? "\r" + text + "    " : text + "\n");
        System.err.flush();
      }
    }, "progress");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.interrupt();
    thread.join(2000);
    if (System.console() != null) System.err.println();
  }
}
