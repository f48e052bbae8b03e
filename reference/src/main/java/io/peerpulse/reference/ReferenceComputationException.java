package io.peerpulse.reference;

/** The reference computation failed; the message names the SQL script and line. */
public final class ReferenceComputationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReferenceComputationException(String message, Throwable cause) {
        super(message, cause);
    }
}
