package io.k8sm.executor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The executor's only door to the Docker engine: a small facade over docker-java. Every blocking
 * call runs on the {@code executor} it is given (the dedicated docker dispatcher), never on the
 * caller's thread, and returns a {@link CompletionStage}. Failures to reach the engine at all
 * surface as {@link DockerUnavailableException}, whose message names the Docker host.
 *
 * <p>Streams (events, followed logs) run on docker-java's own reader threads and are ended by
 * closing the returned {@link Closeable}.
 */
public final class DockerRuntime implements AutoCloseable {
  private final String dockerHost;
  private final DockerClient client;
  private final Executor executor;

  public DockerRuntime(String dockerHost, Executor executor) {
    this.dockerHost = dockerHost;
    this.executor = executor;
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(64)
        .connectionTimeout(Duration.ofSeconds(5))
        .build();
    this.client = DockerClientImpl.getInstance(config, http);
  }

  public String dockerHost() {
    return dockerHost;
  }

  public CompletionStage<Void> ping() {
    return run(() -> client.pingCmd().exec());
  }

  public CompletionStage<Boolean> imagePresent(String image) {
    return call(() -> {
      try {
        client.inspectImageCmd(image).exec();
        return true;
      } catch (NotFoundException e) {
        return false;
      }
    });
  }

  /** Pulls {@code image}; fails with Docker's own message when the pull fails. */
  public CompletionStage<Void> pull(String image) {
    ImageRef ref = ImageRef.parse(image);
    return run(() -> {
      try {
        client.pullImageCmd(ref.repository()).withTag(ref.tag()).start().awaitCompletion();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pulling " + image, e);
      }
    });
  }

  /** Creates the container and returns its id. */
  public CompletionStage<String> create(ContainerPlan plan) {
    return call(() -> DockerModels.toCommand(client, plan).exec().getId());
  }

  /** Starts a container; starting a running one is not an error. */
  public CompletionStage<Void> start(String id) {
    return run(() -> {
      try {
        client.startContainerCmd(id).exec();
      } catch (NotModifiedException alreadyRunning) {
        // Idempotent by design: a re-delivered start must not fail the pod.
      }
    });
  }

  /** SIGTERM, then SIGKILL after {@code grace}; stopping a stopped one is not an error. */
  public CompletionStage<Void> stop(String id, Duration grace) {
    return run(() -> {
      try {
        client.stopContainerCmd(id).withTimeout((int) Math.max(0, grace.toSeconds())).exec();
      } catch (NotModifiedException | NotFoundException alreadyStopped) {
        // Nothing left to stop.
      }
    });
  }

  /** Force-removes a container; a missing one is not an error. */
  public CompletionStage<Void> remove(String id) {
    return run(() -> {
      try {
        client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      } catch (NotFoundException gone) {
        // Already removed.
      }
    });
  }

  /** Force-removes all of {@code ids}; completes when every removal has. */
  public CompletableFuture<Void> removeAll(List<String> ids) {
    return CompletableFuture.allOf(ids.stream().map(id -> remove(id).toCompletableFuture())
        .toArray(CompletableFuture[]::new));
  }

  /** The container's current state; empty when it does not exist. */
  public CompletionStage<Optional<ContainerSnapshot>> inspect(String id) {
    return call(() -> {
      try {
        return Optional.of(DockerModels.snapshot(client.inspectContainerCmd(id).exec()));
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    });
  }

  /** The container's address on its Docker network ("" when it has none, e.g. joined to another's). */
  public CompletionStage<String> ipAddress(String id) {
    return call(() -> {
      var network = client.inspectContainerCmd(id).exec().getNetworkSettings();
      return network == null || network.getIpAddress() == null ? "" : network.getIpAddress();
    });
  }

  /** Every container (running or not) carrying all of {@code labels}. */
  public CompletionStage<List<ContainerSnapshot>> list(Map<String, String> labels) {
    return call(() -> client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()
        .stream().map(DockerModels::snapshot).toList());
  }

  /** Runs {@code command} inside container {@code id}; a run longer than {@code timeout} fails. */
  public CompletionStage<ExecResult> exec(String id, List<String> command, Duration timeout) {
    return call(() -> {
      String execId = client.execCreateCmd(id).withCmd(command.toArray(String[]::new))
          .withAttachStdout(true).withAttachStderr(true).exec().getId();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      try (ResultCallback.Adapter<Frame> callback = client.execStartCmd(execId)
          .exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
              output.writeBytes(frame.getPayload());
            }
          })) {
        if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return new ExecResult(-1, "timed out after " + timeout.toMillis() + " ms");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ExecResult(-1, "interrupted");
      } catch (IOException e) {
        // Closing a finished callback; the result is already complete.
      }
      Long code = client.inspectExecCmd(execId).exec().getExitCodeLong();
      return new ExecResult(code == null ? -1 : code.intValue(), output.toString());
    });
  }

  /** Result of {@link #exec}: the command's exit code (-1 when it did not finish) and its output. */
  public record ExecResult(int exitCode, String output) {}

  /**
   * Streams container events of containers carrying {@code labels}, replaying those since
   * {@code sinceEpochSeconds}. {@code onEnd} gets null on a clean end, else the failure.
   */
  public Closeable events(Map<String, String> labels, long sinceEpochSeconds,
      Consumer<Event> onEvent, Consumer<Throwable> onEnd) {
    return client.eventsCmd().withEventTypeFilter(EventType.CONTAINER).withLabelFilter(labels)
        .withSince(Long.toString(sinceEpochSeconds))
        .exec(new StreamCallback<>(onEvent, onEnd));
  }

  /** Streams the logs of container {@code id}; {@code tail} < 0 means all lines. */
  public Closeable logs(String id, int tail, boolean follow, boolean timestamps,
      Consumer<Frame> onFrame, Consumer<Throwable> onEnd) {
    var cmd = client.logContainerCmd(id).withStdOut(true).withStdErr(true)
        .withFollowStream(follow).withTimestamps(timestamps);
    if (tail >= 0) {
      cmd = cmd.withTail(tail);
    }
    return cmd.exec(new StreamCallback<>(onFrame, onEnd));
  }

  @Override
  public void close() throws IOException {
    client.close();
  }

  private CompletionStage<Void> run(Runnable work) {
    return call(() -> {
      work.run();
      return null;
    });
  }

  private <T> CompletionStage<T> call(Supplier<T> work) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return work.get();
      } catch (DockerException e) {
        throw e; // The engine answered: its status and message are the error.
      } catch (RuntimeException e) {
        if (causedByIo(e)) {
          throw new DockerUnavailableException(dockerHost, e);
        }
        throw e;
      }
    }, executor);
  }

  private static boolean causedByIo(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
