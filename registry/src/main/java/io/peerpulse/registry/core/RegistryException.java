package io.peerpulse.registry.core;

/**
 * The one error type of the registry: it carries the HTTP status and the Confluent
 * {@code error_code} the REST layer answers with, so the core decides what a failure means and the
 * server only renders it. Codes and message wording follow Confluent's
 * {@code io.confluent.kafka.schemaregistry.rest.exceptions.Errors}.
 */
public final class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  // HTTP 404
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int SUBJECT_SOFT_DELETED = 40404;
  public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
  public static final int SCHEMA_VERSION_SOFT_DELETED = 40406;
  public static final int SCHEMA_VERSION_NOT_SOFT_DELETED = 40407;
  public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
  public static final int SUBJECT_MODE_NOT_CONFIGURED = 40409;
  // HTTP 409
  public static final int INCOMPATIBLE_SCHEMA = 40901;
  // HTTP 422
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  public static final int INVALID_MODE = 42204;
  public static final int OPERATION_NOT_PERMITTED = 42205;
  public static final int REFERENCE_EXISTS = 42206;
  public static final int INVALID_SUBJECT = 42208;
  // HTTP 500
  public static final int STORE_ERROR = 50001;
  public static final int OPERATION_TIMEOUT = 50002;

  private final int httpStatus;
  private final int errorCode;

  public RegistryException(int httpStatus, int errorCode, String message) {
    this(httpStatus, errorCode, message, null);
  }

  public RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** HTTP status the REST layer answers with (404, 409, 422, 500...). */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent's {@code error_code}, e.g. 40401. */
  public int errorCode() {
    return errorCode;
  }

  public static RegistryException subjectNotFound(String subject) {
    return new RegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  public static RegistryException versionNotFound(Object version) {
    return new RegistryException(404, VERSION_NOT_FOUND, "Version " + version + " not found.");
  }

  public static RegistryException schemaNotFound() {
    return new RegistryException(404, SCHEMA_NOT_FOUND, "Schema not found");
  }

  public static RegistryException schemaNotFound(int id) {
    return new RegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
  }

  public static RegistryException subjectSoftDeleted(String subject) {
    return new RegistryException(404, SUBJECT_SOFT_DELETED, "Subject '" + subject
        + "' was soft deleted. Set permanent=true to delete permanently");
  }

  public static RegistryException subjectNotSoftDeleted(String subject) {
    return new RegistryException(404, SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject
        + "' was not deleted first before being permanently deleted");
  }

  public static RegistryException versionSoftDeleted(String subject, int version) {
    return new RegistryException(404, SCHEMA_VERSION_SOFT_DELETED, "Subject '" + subject
        + "' Version " + version + " was soft deleted. Set permanent=true to delete permanently");
  }

  public static RegistryException versionNotSoftDeleted(String subject, int version) {
    return new RegistryException(404, SCHEMA_VERSION_NOT_SOFT_DELETED, "Subject '" + subject
        + "' Version " + version + " was not deleted first before being permanently deleted");
  }

  public static RegistryException compatibilityNotConfigured(String subject) {
    return new RegistryException(404, SUBJECT_COMPATIBILITY_NOT_CONFIGURED, "Subject '" + subject
        + "' does not have subject-level compatibility configured");
  }

  public static RegistryException modeNotConfigured(String subject) {
    return new RegistryException(404, SUBJECT_MODE_NOT_CONFIGURED, "Subject '" + subject
        + "' does not have subject-level mode configured");
  }

  public static RegistryException incompatibleSchema(String message) {
    return new RegistryException(409, INCOMPATIBLE_SCHEMA, message);
  }

  public static RegistryException invalidSchema(String message) {
    return new RegistryException(422, INVALID_SCHEMA, message);
  }

  public static RegistryException invalidVersion(String version) {
    return new RegistryException(422, INVALID_VERSION, "The specified version '" + version
        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
        + " \"latest\"");
  }

  public static RegistryException invalidCompatibilityLevel(String level) {
    return new RegistryException(422, INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level '"
        + level + "'. Valid values are none, backward, forward, full, backward_transitive,"
        + " forward_transitive, and full_transitive");
  }

  public static RegistryException invalidMode(String mode) {
    return new RegistryException(422, INVALID_MODE, "Invalid mode '" + mode
        + "'. Valid values are READWRITE, READONLY, READONLY_OVERRIDE");
  }

  public static RegistryException operationNotPermitted(String message) {
    return new RegistryException(422, OPERATION_NOT_PERMITTED, message);
  }

  public static RegistryException referenceExists(String message) {
    return new RegistryException(422, REFERENCE_EXISTS, message);
  }

  public static RegistryException invalidSubject(String subject) {
    return new RegistryException(422, INVALID_SUBJECT, "Invalid subject '" + subject
        + "': a subject must be non-blank and contain no control characters");
  }

  public static RegistryException storeError(String message, Throwable cause) {
    return new RegistryException(500, STORE_ERROR, message, cause);
  }

  public static RegistryException timeout(String message, Throwable cause) {
    return new RegistryException(500, OPERATION_TIMEOUT, message, cause);
  }
}
