package io.peerpulse.app.query;

import java.util.Objects;

/**
 * A filter value that cannot be used: the query API answers it with 400 and
 * {@code {"error":..., "parameter":...}}, {@code peerpulse export} with exit code 2 naming the flag.
 */
public final class InvalidFilterException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String parameter;
  private final String problem;

  /**
   * @param parameter the query parameter's name ({@code period_type}); the export flag is derived from it
   * @param problem what is wrong, without the name ({@code expected one of ..., got "YEAR"})
   */
  public InvalidFilterException(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = Objects.requireNonNull(parameter, "parameter");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The query parameter's name, e.g. {@code period_type}. */
  public String parameter() {
    return parameter;
  }

  /** What is wrong with the value, without the parameter's name. */
  public String problem() {
    return problem;
  }

  /** The command-line flag of the parameter: {@code period_type} → {@code --period-type}. */
  public String flag() {
    return "--" + parameter.replace('_', '-');
  }
}
