package io.k8sm.protocol.testing;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.IncomingConnection;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.RawHeader;
import akka.http.javadsl.settings.ServerSettings;
import akka.japi.Pair;
import akka.stream.Materializer;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.codec.MesosMediaTypes;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable HTTP server on 127.0.0.1 (ephemeral port) that stands in for a Mesos master or agent
 * in client tests. It records every request with the number of the TCP connection it came on, and
 * answers with whatever the test's handler returns: a RecordIO event stream, a 307, a 503, ...
 */
public final class MesosFixtureServer implements AutoCloseable {
  /** A request as received; {@code contentType} keeps any charset parameter the client sent. */
  public record Request(int connection, String method, String path, String contentType,
      Map<String, String> headers, ByteString body) {
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /** Answers one request; called on a stream thread, so keep it quick. */
  public interface Handler {
    HttpResponse handle(Request request) throws Exception;
  }

  private final ServerBinding binding;
  private final List<Request> requests;

  private MesosFixtureServer(ServerBinding binding, List<Request> requests) {
    this.binding = binding;
    this.requests = requests;
  }

  public static MesosFixtureServer start(ActorSystem<?> system, Handler handler) throws Exception {
    Materializer mat = Materializer.matFromSystem(system);
    List<Request> requests = new CopyOnWriteArrayList<>();
    AtomicInteger connections = new AtomicInteger();
    ServerSettings settings = MesosMediaTypes.withExactContentTypes(ServerSettings.create(system.classicSystem()));
    Pair<CompletionStage<ServerBinding>, ?> run = Http.get(system).newServerAt("127.0.0.1", 0)
        .withSettings(settings).connectionSource()
        .toMat(Sink.foreach((IncomingConnection connection) -> {
          int id = connections.incrementAndGet();
          connection.handleWithAsyncHandler(http -> http.entity().toStrict(5000, mat).thenApply(strict -> {
            Request request = record(id, http, strict.getData());
            requests.add(request);
            try {
              return handler.handle(request);
            } catch (Exception e) {
              return status(500, "fixture handler failed: " + e);
            }
          }), mat);
        }), Keep.both())
        .run(mat);
    return new MesosFixtureServer(run.first().toCompletableFuture().get(10, TimeUnit.SECONDS), requests);
  }

  private static Request record(int connection, HttpRequest http, ByteString body) {
    Map<String, String> headers = new TreeMap<>();
    http.getHeaders().forEach(h -> headers.put(h.name().toLowerCase(Locale.ROOT), h.value()));
    return new Request(connection, http.method().value(), http.getUri().path(),
        MesosMediaTypes.contentTypeOf(http.entity()), headers, body);
  }

  /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  @Override
  public void close() throws Exception {
    binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** 200 with a chunked body: each element of {@code chunks} is one HTTP chunk. */
  public static HttpResponse stream(Encoding encoding, Optional<String> streamId, Source<ByteString, ?> chunks) {
    HttpResponse response = HttpResponse.create().withStatus(StatusCodes.OK)
        .withEntity(HttpEntities.createChunked(MesosMediaTypes.contentType(encoding), chunks.mapMaterializedValue(m -> akka.NotUsed.getInstance())));
    return streamId.map(id -> response.addHeader(RawHeader.create("Mesos-Stream-Id", id))).orElse(response);
  }

  /** Any status with a plain-text reason, as Mesos answers errors. */
  public static HttpResponse status(int code, String body) {
    return HttpResponse.create().withStatus(code).withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, body));
  }

  /** 202 Accepted with an empty body, Mesos's answer to an accepted call. */
  public static HttpResponse accepted() {
    return HttpResponse.create().withStatus(StatusCodes.ACCEPTED);
  }

  /** 307 with a Location header exactly as given (Mesos sends {@code //host:port/path}). */
  public static HttpResponse redirect(String location) {
    return HttpResponse.create().withStatus(StatusCodes.TEMPORARY_REDIRECT)
        .addHeader(RawHeader.create("Location", location));
  }
}
