package io.peerpulse.registry.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Where the {@code Authorization} header comes from, with Confluent's config names and sources:
 * {@code basic.auth.credentials.source} = {@code URL} (user info in each registry URL, the
 * default) or {@code USER_INFO} ({@code basic.auth.user.info} = {@code user:password}), or
 * {@code bearer.auth.credentials.source} = {@code STATIC_TOKEN} with {@code bearer.auth.token}.
 */
public record Credentials(Source source, String secret) {

  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String USER_INFO = "basic.auth.user.info";
  public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";

  /** How the header is built. */
  public enum Source {
    /** Basic auth from the user info of the URL being called ({@code http://u:p@host}). */
    URL,
    /** Basic auth from {@code basic.auth.user.info}. */
    USER_INFO,
    /** {@code Authorization: Bearer <bearer.auth.token>}. */
    STATIC_TOKEN
  }

  public static final Credentials FROM_URL = new Credentials(Source.URL, null);

  public static Credentials from(ConfigReader config) {
    Optional<String> basic = config.string(BASIC_AUTH_CREDENTIALS_SOURCE);
    Optional<String> bearer = config.string(BEARER_AUTH_CREDENTIALS_SOURCE);
    if (basic.isPresent() && bearer.isPresent()) {
      throw new ConfigException("Only one of '" + BASIC_AUTH_CREDENTIALS_SOURCE + "' and '"
          + BEARER_AUTH_CREDENTIALS_SOURCE + "' may be specified");
    }
    if (bearer.isPresent()) {
      if (!bearer.get().equalsIgnoreCase(Source.STATIC_TOKEN.name())) {
        throw new ConfigException(BEARER_AUTH_CREDENTIALS_SOURCE, bearer.get(),
            "supported: STATIC_TOKEN");
      }
      String token = config.string(BEARER_AUTH_TOKEN).orElseThrow(() -> new ConfigException(
          BEARER_AUTH_TOKEN + " must be set when " + BEARER_AUTH_CREDENTIALS_SOURCE
              + " is STATIC_TOKEN"));
      return new Credentials(Source.STATIC_TOKEN, token);
    }
    String source = basic.orElse(Source.URL.name()).toUpperCase(Locale.ROOT);
    return switch (source) {
      case "URL" -> FROM_URL;
      case "USER_INFO" -> new Credentials(Source.USER_INFO, config.string(USER_INFO)
          .orElseThrow(() -> new ConfigException("UserInfo must be provided when "
              + BASIC_AUTH_CREDENTIALS_SOURCE + " is set to USER_INFO")));
      default -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source,
          "supported: URL, USER_INFO");
    };
  }

  /** The {@code Authorization} header value for calls to {@code baseUrl}, if any. */
  public Optional<String> header(URI baseUrl) {
    return switch (source) {
      case URL -> Optional.ofNullable(baseUrl.getUserInfo()).map(Credentials::basic);
      case USER_INFO -> Optional.of(basic(secret));
      case STATIC_TOKEN -> Optional.of("Bearer " + secret);
    };
  }

  private static String basic(String userInfo) {
    return "Basic " + Base64.getEncoder()
        .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    // never print the secret
    return "Credentials[" + source + "]";
  }
}
