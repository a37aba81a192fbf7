package io.k8sm.executor.pod;

import io.k8sm.executor.docker.DockerRuntime;
import io.k8sm.executor.docker.DockerUnavailableException;
import io.k8sm.protocol.pod.ImagePullPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Makes a pod's images present, following each image's pull policy. The result maps every image
 * that could not be made present to Docker's message (empty: all present). An unreachable engine
 * is not a pull failure: the stage fails with {@link DockerUnavailableException} instead.
 */
final class ImagePuller {
  private final DockerRuntime docker;

  ImagePuller(DockerRuntime docker) {
    this.docker = docker;
  }

  /** The pod's images with their pull policies, the infra image first (pulled only if missing). */
  static Map<String, ImagePullPolicy> imagesOf(io.k8sm.protocol.pod.PodTask pod, String infraImage) {
    Map<String, ImagePullPolicy> images = new LinkedHashMap<>();
    images.put(infraImage, ImagePullPolicy.PULL_IF_NOT_PRESENT);
    pod.getContainersList().forEach(c -> images.putIfAbsent(c.getImage(), c.getImagePullPolicy()));
    return images;
  }

  CompletionStage<Map<String, String>> ensure(Map<String, ImagePullPolicy> images) {
    Map<String, String> failures = new java.util.concurrent.ConcurrentHashMap<>();
    CompletableFuture<?>[] all = images.entrySet().stream()
        .map(e -> ensureOne(e.getKey(), e.getValue())
            .thenAccept(error -> {
              if (error != null) {
                failures.put(e.getKey(), error);
              }
            }).toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(all).thenApply(v -> new LinkedHashMap<>(failures));
  }

  /** Completes with null when the image is present, else with the reason it is not. */
  private CompletionStage<String> ensureOne(String image, ImagePullPolicy policy) {
    return docker.imagePresent(image).thenCompose(present -> {
      if (present && policy != ImagePullPolicy.PULL_ALWAYS) {
        return CompletableFuture.completedFuture((String) null);
      }
      if (policy == ImagePullPolicy.PULL_NEVER) {
        return CompletableFuture.completedFuture(
            "image " + image + " is not present and imagePullPolicy is Never");
      }
      return docker.pull(image).handle((v, failure) -> {
        if (failure == null) {
          return null;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof DockerUnavailableException unavailable) {
          throw unavailable;
        }
        return "failed to pull image " + image + ": " + Failures.message(cause);
      });
    });
  }
}
