package dev.tusk.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the client a {@code @Benchmark} method measures, as the report shows it, and says whether
 * it is Tusk or a peer: the report compares every Tusk contender with the best peer of its class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Contender {
  /** {@return the client and the way it is used, e.g. "pgjdbc, batch + reWriteBatchedInserts"} */
  String value();

  /** {@return the client's name in the chart, e.g. "Tusk COPY"; empty for the text before the label's first comma} */
  String chartName() default "";

  /** {@return whether this is Tusk (else a peer)} */
  boolean tusk() default false;

  /**
   * {@return whether this is a reference point rather than a client} — e.g. the server doing the
   * same work with no client data at all, the floor no client can go below. It is shown in its
   * benchmark's table but is never "the best peer", and the chart leaves it out.
   */
  boolean reference() default false;
}
