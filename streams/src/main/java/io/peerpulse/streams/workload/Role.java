package io.peerpulse.streams.workload;

/** A worker's role: a contact's own {@code worker_role}, or the role of a WORKER_STATUS. */
public enum Role {
  /** Peer support worker. */
  PSW,
  /** Mental health worker. */
  MHW
}
