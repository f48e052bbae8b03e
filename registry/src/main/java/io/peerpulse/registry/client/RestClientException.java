package io.peerpulse.registry.client;

/**
 * A schema registry answered with an error status. Carries the HTTP status and Confluent's
 * {@code error_code} (e.g. 404 / 40403 "Schema not found") so callers can tell "not there" from
 * "not allowed" without parsing messages. The message format ({@code "...; error code: 40403"})
 * is the one Confluent's client uses, so logs read the same whichever client produced them.
 */
public final class RestClientException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Confluent's code for an error body that was not the expected JSON. */
  public static final int JSON_PARSE_ERROR_CODE = 50005;

  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;

  private final int status;
  private final int errorCode;
  private final String detail;

  public RestClientException(String detail, int status, int errorCode) {
    super(detail + "; error code: " + errorCode);
    this.detail = detail;
    this.status = status;
    this.errorCode = errorCode;
  }

  /** HTTP status of the answer (404, 409, 422, 500...). */
  public int status() {
    return status;
  }

  /** Confluent's {@code error_code} from the answer body (40401, 42201...). */
  public int errorCode() {
    return errorCode;
  }

  /** The registry's own message, without the error code suffix. */
  public String detail() {
    return detail;
  }

  /** True for "subject, version or schema not found" (HTTP 404). */
  public boolean isNotFound() {
    return status == 404;
  }
}
