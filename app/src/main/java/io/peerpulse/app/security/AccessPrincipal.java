package io.peerpulse.app.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who made a request, as the credentials file names them: a service or team account (never a
 * person of the study), so the name may appear in the access log.
 */
public record AccessPrincipal(String name, Set<Role> roles) {

  public AccessPrincipal {
    Objects.requireNonNull(name, "name");
    roles = Set.copyOf(roles);
  }

  /** Whether this principal may use a context open to {@code allowed} (operators may use all). */
  public boolean mayUse(Set<Role> allowed) {
    return roles.contains(Role.OPERATOR) || roles.stream().anyMatch(allowed::contains);
  }

  /** Roles in declaration order, comma-separated ({@code service,evaluator}). */
  public String roleNames() {
    return String.join(",", EnumSet.copyOf(roles).stream().map(Role::configName).toList());
  }
}
