package io.peerpulse.registry.server;

/**
 * A protocol-level failure before the registry is asked anything (unknown path, wrong method,
 * unparsable body...), answered as Confluent's JAX-RS stack does: the HTTP status doubles as the
 * {@code error_code}.
 */
final class HttpError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  HttpError(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }

  static HttpError notFound() {
    return new HttpError(404, "HTTP 404 Not Found");
  }

  static HttpError methodNotAllowed() {
    return new HttpError(405, "HTTP 405 Method Not Allowed");
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  static HttpError unsupportedMediaType(String contentType) {
    return new HttpError(415, "HTTP 415 Unsupported Media Type: '" + contentType
        + "'; send application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json"
        + " or application/json");
  }
}
