package io.peerpulse.app.query;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link PeerClient} over HTTP: {@code GET http(s)://<application.server>/v1/internal/indicators?partitions=...},
 * with the {@code Authorization} header of {@link QuerySettings#peerAuthorization()} when one is set.
 */
final class HttpPeerClient implements PeerClient, AutoCloseable {

  private static final int SHOWN_ERROR_CHARACTERS = 300;

  private final QuerySettings settings;
  private final ExecutorService executor;
  private final HttpClient client;

  HttpPeerClient(QuerySettings settings) {
    this.settings = settings;
    AtomicInteger count = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "peerpulse-query-peer-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .executor(executor)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public CompletableFuture<IndicatorJson.PartitionAnswer> fetch(HostInfo peer, Set<Integer> partitions, IndicatorFilter filter) {
    Map<String, String> parameters = new LinkedHashMap<>(filter.parameters());
    parameters.put(QueryHttp.PARTITIONS, new TreeSet<>(partitions).stream().map(String::valueOf).collect(Collectors.joining(",")));
    String host = peer.host().contains(":") ? "[" + peer.host() + "]" : peer.host(); // an IPv6 literal
    URI uri = URI.create(settings.peerScheme() + "://" + host + ":" + peer.port() + QueryHttp.INTERNAL_PATH + "?"
        + QueryParameters.format(parameters));
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.peerTimeout()).header("Accept", "application/json");
    if (settings.peerAuthorization() != null) {
      builder.header("Authorization", settings.peerAuthorization());
    }
    HttpRequest request = builder.GET().build();
    String endpoint = IndicatorQueryService.endpoint(peer);
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .handle((response, failure) -> {
          if (failure != null) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            throw new CompletionException(new PartitionsUnavailableException("instance " + endpoint + " (application.server)"
                + " is unreachable: " + cause, cause));
          }
          return read(endpoint, response);
        });
  }

  private static IndicatorJson.PartitionAnswer read(String endpoint, HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        String text = new String(body.readNBytes(SHOWN_ERROR_CHARACTERS), StandardCharsets.UTF_8);
        throw new CompletionException(new PartitionsUnavailableException("instance " + endpoint + " answered "
            + response.statusCode() + ": " + text));
      }
      return IndicatorJson.readPartitions(body);
    } catch (IOException e) {
      throw new CompletionException(new PartitionsUnavailableException("instance " + endpoint
          + " sent an answer that cannot be read: " + e.getMessage(), e));
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
