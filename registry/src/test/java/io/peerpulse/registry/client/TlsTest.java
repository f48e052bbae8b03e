package io.peerpulse.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with the {@code schema.registry.ssl.*} stores: a server whose certificate (for
 * 127.0.0.1, made with the JDK's keytool) is trusted only through the configured truststore, and
 * which requires a client certificate (mutual TLS) from the configured keystore.
 */
class TlsTest {

  private static final String PASSWORD = "changeit";

  @TempDir
  static Path dir;
  private static Path keystore;
  private static Path truststore;
  private static HttpsServer server;

  @BeforeAll
  static void start() throws Exception {
    keystore = dir.resolve("registry.p12");
    // one key pair serves both ends: the JDK trusts the certificate of a key entry, so the same
    // file is the server's and client's keystore and both sides' truststore (one keytool run)
    truststore = keystore;
    keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);

    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext()) {
      @Override
      public void configure(HttpsParameters params) {
        // HttpsParameters.setNeedClientAuth alone is ignored by the JDK server
        SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
        parameters.setNeedClientAuth(true);
        params.setSSLParameters(parameters);
      }
    });
    server.createContext("/", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
        byte[] body = "[\"secure-value\"]".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static SSLContext serverContext() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD.toCharArray());
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }

  private static Map<String, Object> configs(boolean withKeystore) {
    Map<String, Object> configs = new HashMap<>();
    configs.put("schema.registry.url", "https://127.0.0.1:" + server.getAddress().getPort());
    configs.put("max.retries", 0);
    configs.put("schema.registry.ssl.truststore.location", truststore.toString());
    configs.put("schema.registry.ssl.truststore.password", PASSWORD);
    configs.put("schema.registry.ssl.truststore.type", "PKCS12");
    if (withKeystore) {
      configs.put("schema.registry.ssl.keystore.location", keystore.toString());
      configs.put("schema.registry.ssl.keystore.password",
          new org.apache.kafka.common.config.types.Password(PASSWORD));
      configs.put("schema.registry.ssl.keystore.type", "PKCS12");
    }
    return configs;
  }

  @Test
  void talksHttpsWithConfiguredStores() {
    try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(configs(true))) {
      assertThat(client.getAllSubjects()).containsExactly("secure-value");
    }
  }

  @Test
  void withoutTheClientCertificateTheHandshakeFails() {
    try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(configs(false))) {
      assertThatThrownBy(client::getAllSubjects).isInstanceOf(UncheckedIOException.class);
    }
  }

  @Test
  void bareSslKeysBelongToTheBrokerAndAreIgnored() {
    Map<String, Object> configs = new HashMap<>();
    configs.put("schema.registry.url", "https://127.0.0.1:1");
    configs.put("ssl.truststore.location", "/nonexistent/broker-truststore.jks");
    assertThat(SslContexts.from(configs)).isEmpty();
  }
}
