package io.peerpulse.app.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access control for contexts of the JDK HTTP server. A feature protects its context with one line,
 * whatever the configuration:
 *
 * <pre>{@code
 * HttpAccess.protect(server.createContext("/v1/indicators", handler), Role.EVALUATOR);
 * }</pre>
 *
 * Operators may use every protected context; unprotected contexts (the health probes) stay open.
 * The credentials are those {@link HttpSecurity#createServer} installed on the context's server,
 * looked up per request, so the order of installing and protecting does not matter; a server
 * nobody installed (tests, the local demo) is open, as with {@code http.auth=none}.
 *
 * <p>Answers: 401 with {@code WWW-Authenticate} when credentials are missing or wrong, 403 when the
 * principal lacks the role, both with a JSON body {@code {"error":...,"message":...}}; the request
 * body is not read. Every request to a protected context gets one access-log line (logger
 * {@value #ACCESS_LOGGER}, INFO when authentication is on, DEBUG when off): principal, method,
 * path without the query, status, milliseconds. Never the query, a body or anything below the
 * context path (a future path could hold an id): {@code /v1/explain/pA} is logged as
 * {@code /v1/explain/*}.
 */
public final class HttpAccess {

  /** The access log's logger name. */
  public static final String ACCESS_LOGGER = "io.peerpulse.app.security.access";

  private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);
  private static final String PRINCIPAL_ATTRIBUTE = AccessPrincipal.class.getName();
  private static final JsonFactory JSON = JsonFactory.builder().build();
  /** Servers made by {@link HttpSecurity#createServer}; weak, so a stopped server is forgotten. */
  private static final Map<HttpServer, HttpSecurity> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

  private HttpAccess() {}

  /**
   * Lets only principals with one of {@code roles} (and operators) use {@code context}.
   *
   * @return the context, for chaining
   */
  public static HttpContext protect(HttpContext context, Role... roles) {
    Set<Role> allowed = EnumSet.of(Role.OPERATOR, roles);
    context.getFilters().add(new Guard(allowed));
    return context;
  }

  /** The principal that made the request, when it passed a protected context with authentication on. */
  public static Optional<AccessPrincipal> principalOf(HttpExchange exchange) {
    return Optional.ofNullable((AccessPrincipal) exchange.getAttribute(PRINCIPAL_ATTRIBUTE));
  }

  /** Makes {@code security} the credentials of every protected context of {@code server}. */
  static void install(HttpServer server, HttpSecurity security) {
    INSTALLED.put(server, security);
  }

  static HttpSecurity securityOf(HttpServer server) {
    return INSTALLED.getOrDefault(server, HttpSecurity.NONE);
  }

  /** The filter of a protected context. */
  private static final class Guard extends Filter {

    private final Set<Role> allowed;

    Guard(Set<Role> allowed) {
      this.allowed = Set.copyOf(allowed);
    }

    @Override
    public String description() {
      return "PeerPulse access control for roles " + names(allowed);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      long start = System.nanoTime();
      HttpSecurity security = securityOf(exchange.getHttpContext().getServer());
      HttpSecurity.Decision decision = security.decide(exchange.getRequestHeaders().getFirst("Authorization"), allowed);
      String principal = decision.principal() == null ? "-" : decision.principal().name();
      try {
        switch (decision.outcome()) {
          case OPEN -> chain.doFilter(exchange);
          case GRANTED -> {
            exchange.setAttribute(PRINCIPAL_ATTRIBUTE, decision.principal());
            chain.doFilter(exchange);
          }
          case MISSING, INVALID -> {
            exchange.getResponseHeaders().set("WWW-Authenticate",
                security.challenge(decision.outcome() == HttpSecurity.Decision.Outcome.INVALID));
            refuse(exchange, 401, "UNAUTHORIZED", decision.outcome() == HttpSecurity.Decision.Outcome.MISSING
                ? "credentials required: send Authorization: " + (security.mode() == HttpSecurity.Mode.BASIC
                    ? "Basic <base64(principal:secret)>" : "Bearer <token>")
                : "invalid credentials");
          }
          case FORBIDDEN -> refuse(exchange, 403, "FORBIDDEN", "principal " + principal + " (role "
              + decision.principal().roleNames() + ") may not use " + exchange.getHttpContext().getPath() + ": needs role "
              + names(allowed));
          default -> throw new IllegalStateException("unexpected outcome " + decision.outcome());
        }
      } finally {
        logAccess(exchange, security, principal, start);
      }
    }
  }

  private static void logAccess(HttpExchange exchange, HttpSecurity security, String principal, long start) {
    boolean info = security.mode() != HttpSecurity.Mode.NONE;
    if (info ? !ACCESS.isInfoEnabled() : !ACCESS.isDebugEnabled()) {
      return;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    String line = "principal=" + principal + " method=" + method(exchange) + " path=" + loggedPath(exchange)
        + " status=" + exchange.getResponseCode() + " ms=" + millis;
    if (info) {
      ACCESS.info(line);
    } else {
      ACCESS.debug(line);
    }
  }

  /** The context path, with {@code /*} when the request went below it. */
  static String loggedPath(HttpExchange exchange) {
    String context = exchange.getHttpContext().getPath();
    String path = exchange.getRequestURI().getRawPath();
    if (path == null || path.equals(context)) {
      return context;
    }
    return context.endsWith("/") ? context + "*" : context + "/*";
  }

  /** The method if it is a plain token (it comes from the client: no log injection). */
  private static String method(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    return method.matches("[A-Z]{1,10}") ? method : "?";
  }

  private static String names(Set<Role> roles) {
    return EnumSet.copyOf(roles).stream().map(Role::configName).collect(Collectors.joining(" or "));
  }

  private static void refuse(HttpExchange exchange, int status, String code, String message) throws IOException {
    try (exchange) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
      try (JsonGenerator json = JSON.createGenerator(buffer)) {
        json.writeStartObject();
        json.writeStringField("error", code);
        json.writeStringField("message", message);
        json.writeEndObject();
      }
      byte[] body = buffer.toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
