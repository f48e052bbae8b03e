package io.peerpulse.streams.scratch;

import io.peerpulse.streams.compute.Json;
import io.peerpulse.streams.compute.Pipeline;
import org.junit.jupiter.api.Test;

class ScratchTimingTest {
  @Test
  void timing() {
    long t0 = System.nanoTime();
    try (Pipeline p = new Pipeline()) {
      long t1 = System.nanoTime();
      System.out.println("open " + (t1 - t0) / 1e6);
      p.pipe(Json.enrolled("e1", "pA", "2021-02-01"));
      long t2 = System.nanoTime();
      System.out.println("enrol " + (t2 - t1) / 1e6);
      p.pipe(Json.psw("c1", "2021-02-09", "pA"));
      long t3 = System.nanoTime();
      System.out.println("contact " + (t3 - t2) / 1e6);
      for (int i = 10; i < 20; i++) p.pipe(Json.psw("c" + i, "2021-02-" + i, "pA"));
      long t4 = System.nanoTime();
      System.out.println("10 contacts " + (t4 - t3) / 1e6);
      p.flush();
      long t5 = System.nanoTime();
      System.out.println("flush " + (t5 - t4) / 1e6 + " rows " + p.table().size());
      p.pipe(Json.psw("c30", "2021-03-01", "pA"));
      p.flush();
      long t6 = System.nanoTime();
      System.out.println("contact+flush " + (t6 - t5) / 1e6);
    }
    System.out.println("close " + (System.nanoTime() - t0) / 1e6);
  }
}
