package io.peerpulse.streams;

import io.peerpulse.reference.ReferenceConfig;
import io.peerpulse.reference.ReferenceIndicators;
import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.compute.IndicatorRow;
import io.peerpulse.streams.compute.OfflineCompute;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import org.junit.jupiter.api.Test;

class TopoScratchCompareTest {
  @Test
  void scratch() throws Exception {
    int persons = Integer.getInteger("persons", 30);
    List<String> lines = PipelineHistory.generate(Long.getLong("seed", 7), List.of("ulm", "hamburg", "pune"), persons);
    Path file = Path.of("/tmp/topo-cmp/history.jsonl");
    Files.write(file, lines);
    long t0 = System.nanoTime();
    OfflineCompute.Result off = OfflineCompute.compute(file, EngineConfig.DEFAULTS);
    long t1 = System.nanoTime();
    List<ReferenceRow> ref = ReferenceIndicators.compute(file, ReferenceConfig.defaults());
    long t2 = System.nanoTime();
    Set<String> ids = Arrays.stream(Indicator.values()).map(Enum::name).collect(Collectors.toSet());
    Map<String, ReferenceRow> exp = new TreeMap<>();
    ref.stream().filter(r -> ids.contains(r.indicator())).forEach(r -> exp.put(r.key(), r));
    Map<String, IndicatorRow> act = new TreeMap<>();
    off.rows().forEach(r -> act.put(r.key(), r));
    int diff = 0;
    Set<String> keys = new TreeSet<>(exp.keySet()); keys.addAll(act.keySet());
    for (String k : keys) {
      ReferenceRow e = exp.get(k); IndicatorRow a = act.get(k);
      boolean same = e != null && a != null && close(e.numerator(), a.numerator()) && close(e.denominator(), a.denominator()) && close(e.value(), a.value()) && e.status().equals(a.status());
      if (!same) { if (diff++ < 20) System.out.println("DIFF " + k + " ref=" + (e == null ? null : e.numerator()+"/"+e.denominator()+"="+e.value()+" "+e.status()) + " off=" + (a == null ? null : a.numerator()+"/"+a.denominator()+"="+a.value()+" "+a.status())); }
    }
    System.out.println("events=" + lines.size() + " piped=" + off.eventsPiped() + " rejected=" + off.rejectedByReason() + " rows=" + act.size() + " refrows=" + exp.size() + " allref=" + ref.size() + " diffs=" + diff + " offline=" + (t1 - t0) / 1e9 + "s ref=" + (t2 - t1) / 1e9 + "s");
  }
  static boolean close(Double a, Double b) { return a == null ? b == null : b != null && Math.abs(a - b) <= 1e-4; }
}
