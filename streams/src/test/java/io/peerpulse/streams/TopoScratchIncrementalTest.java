package io.peerpulse.streams;

import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.reference.ReferenceConfig;
import io.peerpulse.reference.ReferenceIndicators;
import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.registry.client.MockSchemaRegistry;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.compute.IndicatorRow;
import io.peerpulse.streams.compute.TopologyRunner;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.stream.*;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class TopoScratchIncrementalTest {
  @Test
  void scratch() throws Exception {
    int persons = Integer.getInteger("persons", 10);
    int every = Integer.getInteger("every", 15);
    List<String> lines = PipelineHistory.generate(Long.getLong("seed", 11), List.of("ulm", "hamburg", "pune"), persons);
    Path file = Path.of("/tmp/topo-cmp/incr.jsonl");
    Files.write(file, lines);
    TopologySettings settings = new TopologySettings(EngineConfig.DEFAULTS, Map.of("schema.registry.url", "mock://incr"), 1,
        Duration.ofSeconds(1), 50, true);
    Map<String, IndicatorRow> act = new TreeMap<>();
    try (TopologyRunner runner = new TopologyRunner(settings, Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once"))) {
      int n = 0;
      for (String line : lines) {
        ParseResult r = EventJson.parse(line);
        if (r instanceof ParseResult.Accepted a) runner.pipe(a.event());
        if (++n % every == 0) runner.flush();
      }
      runner.flush();
      runner.table().forEach((k, v) -> { IndicatorRow row = IndicatorRow.of(k, v); act.put(row.key(), row); });
    } finally { MockSchemaRegistry.drop("incr"); }
    List<ReferenceRow> ref = ReferenceIndicators.compute(file, ReferenceConfig.defaults());
    Set<String> ids = Arrays.stream(Indicator.values()).map(Enum::name).collect(Collectors.toSet());
    Map<String, ReferenceRow> exp = new TreeMap<>();
    ref.stream().filter(r -> ids.contains(r.indicator())).forEach(r -> exp.put(r.key(), r));
    int diff = 0;
    Set<String> keys = new TreeSet<>(exp.keySet()); keys.addAll(act.keySet());
    for (String k : keys) {
      ReferenceRow e = exp.get(k); IndicatorRow a = act.get(k);
      boolean same = e != null && a != null && close(e.numerator(), a.numerator()) && close(e.denominator(), a.denominator()) && close(e.value(), a.value()) && e.status().equals(a.status());
      if (!same) { if (diff++ < 30) System.out.println("DIFF " + k + " ref=" + (e == null ? null : e.numerator()+"/"+e.denominator()+"="+e.value()+" "+e.status()) + " act=" + (a == null ? null : a.numerator()+"/"+a.denominator()+"="+a.value()+" "+a.status())); }
    }
    System.out.println("INCR events=" + lines.size() + " rows=" + act.size() + " refrows=" + exp.size() + " diffs=" + diff);
  }
  static boolean close(Double a, Double b) { return a == null ? b == null : b != null && Math.abs(a - b) <= 1e-4; }
}
