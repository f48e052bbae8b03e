package io.peerpulse.streams.scratch;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.compute.OfflineCompute;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchBenchTest {
  @Test
  void bench() throws Exception {
    long t0 = System.nanoTime();
    OfflineCompute.Result r = OfflineCompute.compute(Path.of("/tmp/topo-bench/events.jsonl"), EngineConfig.DEFAULTS);
    System.out.println("BENCH events " + r.eventsPiped() + " rows " + r.rows().size() + " ms " + (System.nanoTime() - t0) / 1e6
        + " rejected " + r.rejectedByReason());
  }
}
