package io.peerpulse.app.query;

/** Where the partitions of the published store are (Kafka Streams metadata; a fake in tests). */
interface PartitionDirectory {

  /**
   * @throws PartitionsUnavailableException when it cannot be told now (streams not started or
   *     stopped, the partition count unknown)
   */
  Ownership current() throws PartitionsUnavailableException;
}
