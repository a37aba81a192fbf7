package io.k8sm.executor.docker;

import com.github.dockerjava.api.async.ResultCallback;
import java.util.function.Consumer;

/** Adapts docker-java's callback to two consumers; {@code onEnd} is called once. */
final class StreamCallback<T> extends ResultCallback.Adapter<T> {
  private final Consumer<T> onItem;
  private final Consumer<Throwable> onEnd;
  private volatile boolean ended;

  StreamCallback(Consumer<T> onItem, Consumer<Throwable> onEnd) {
    this.onItem = onItem;
    this.onEnd = onEnd;
  }

  @Override
  public void onNext(T item) {
    onItem.accept(item);
  }

  @Override
  public void onError(Throwable throwable) {
    end(throwable);
    super.onError(throwable);
  }

  @Override
  public void onComplete() {
    end(null);
    super.onComplete();
  }

  private synchronized void end(Throwable failure) {
    if (!ended) {
      ended = true;
      onEnd.accept(failure);
    }
  }
}
