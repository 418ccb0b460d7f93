package dev.tusk.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The question a benchmark class answers, as the report prints it. Kept on the class so that the
 * text describing a benchmark changes together with its code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Question {
  /** {@return a short title, the report's section heading} */
  String title();

  /** {@return a few words for the chart, e.g. "point select (blocking)"} */
  String chartTitle();

  /** {@return what is measured and how, in a few Markdown sentences} */
  String how();

  /** {@return the order of the section in the report} */
  int order();

  /**
   * {@return which pgbench run is this benchmark's physical reference: {@code "prepared"} (one
   * query at a time), {@code "pipeline"} (pipeline mode), or empty for none}
   */
  String pgbench() default "";
}
